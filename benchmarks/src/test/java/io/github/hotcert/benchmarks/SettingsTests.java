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
		assertThat(settings.items()).containsExactly(1, 2, 3, 4, 5, 6, 7);
		assertThat(settings.latencyRotations()).isGreaterThanOrEqualTo(30);
		assertThat(settings.loadRotations()).isEqualTo(100);
		assertThat(settings.loadThreads()).isEqualTo(8);
		assertThat(settings.footprintReloads()).isEqualTo(10_000);
		assertThat(settings.footprintBaseline()).isEqualTo(10);
		assertThat(settings.output()).isNull();
	}

	@Test
	void selectsItemsAndOutput() {
		Settings settings = Settings.parse("--tomcat=t.jar", "--boot3-tomcat=b.jar", "--undertow=u.jar", "--items=3, 1",
				"--output=docs/benchmarks.md");
		assertThat(settings.items()).containsExactly(1, 3);
		assertThat(settings.runs(2)).isFalse();
		assertThat(settings.output()).isEqualTo(Path.of("docs/benchmarks.md"));
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
