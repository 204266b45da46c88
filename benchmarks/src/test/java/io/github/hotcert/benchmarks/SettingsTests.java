package io.github.hotcert.benchmarks;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SettingsTests {

	@Test
	void defaultsMeasureEveryItemAtFullSize() {
		Settings settings = Settings.parse("--tomcat=t.jar", "--boot3-tomcat=b.jar", "--undertow=u.jar");
		assertThat(settings.tomcatJar()).isEqualTo(Path.of("t.jar"));
		assertThat(settings.boot3TomcatJar()).isEqualTo(Path.of("b.jar"));
		assertThat(settings.items()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
		assertThat(settings.scaleSizes()).containsExactly(1, 10, 100, 1000);
		assertThat(settings.nettyJar()).isNull();
		assertThat(settings.jars()).containsExactly(Path.of("t.jar"), Path.of("b.jar"), Path.of("u.jar"));
		assertThat(settings.acmePairs()).isEqualTo(5);
		assertThat(settings.latencyRotations()).isGreaterThanOrEqualTo(30);
		assertThat(settings.loadRotations()).isEqualTo(100);
		assertThat(settings.loadThreads()).isEqualTo(8);
		assertThat(settings.footprintReloads()).isEqualTo(10_000);
		assertThat(settings.footprintBaseline()).isEqualTo(10);
		assertThat(settings.startupPairs()).isEqualTo(8);
		assertThat(settings.output()).isNull();
	}

	@Test
	void selectsItemsAndOutput() {
		Settings settings = Settings.parse("--tomcat=t.jar", "--boot3-tomcat=b.jar", "--undertow=u.jar", "--items=3, 1",
				"--output=docs/benchmarks.md");
		assertThat(settings.items()).containsExactly(1, 3);
		assertThat(settings.runs(2)).isFalse();
		assertThat(Settings.parse("--tomcat=t.jar", "--boot3-tomcat=b.jar", "--undertow=u.jar", "--pairs=3")
			.startupPairs()).isEqualTo(3);
		assertThat(settings.output()).isEqualTo(Path.of("docs/benchmarks.md"));
	}

	@Test
	void quickMeasuresUpToOneHundredBundlesUnlessToldOtherwise() {
		assertThat(Settings.parse("--tomcat=t.jar", "--boot3-tomcat=b.jar", "--undertow=u.jar", "--quick").scaleSizes())
			.containsExactly(1, 10, 100);
		assertThat(Settings
			.parse("--tomcat=t.jar", "--boot3-tomcat=b.jar", "--undertow=u.jar", "--netty=n.jar", "--max-bundles=10")
			.scaleSizes()).containsExactly(1, 10);
	}

	@Test
	void selectsTheServersOfItemEight() {
		Settings all = Settings.parse("--tomcat=t.jar", "--boot3-tomcat=b.jar", "--undertow=u.jar");
		assertThat(all.scaleServers()).containsExactly("jetty", "netty", "tomcat", "undertow");
		Settings some = Settings.parse("--tomcat=t.jar", "--boot3-tomcat=b.jar", "--undertow=u.jar",
				"--servers=undertow, tomcat");
		assertThat(some.scales("undertow")).isTrue();
		assertThat(some.scales("tomcat")).isTrue();
		assertThat(some.scales("netty")).isFalse();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Settings.parse("--tomcat=t.jar", "--boot3-tomcat=b.jar", "--undertow=u.jar",
					"--servers=tomcat,iis"))
			.withMessageContaining("Unknown server 'iis'");
	}

	@Test
	void refusesUnknownOptionsAndMissingJars() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> Settings.parse("--tomcat=t.jar", "--boot3-tomcat=b.jar", "--undertow=u.jar", "--rotations=3"))
			.withMessageContaining("Unknown option --rotations");
		assertThatIllegalArgumentException().isThrownBy(() -> Settings.parse("--tomcat=t.jar"))
			.withMessageContaining("Usage");
	}

}
