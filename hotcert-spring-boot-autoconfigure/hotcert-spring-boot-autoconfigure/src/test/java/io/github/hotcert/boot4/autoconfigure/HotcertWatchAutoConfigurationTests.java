package io.github.hotcert.boot4.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.hotcert.reload.ReloadLifecycle;
import io.github.hotcert.reload.StartupValidation;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.watch.CertificateFileWatcher;
import io.github.hotcert.watch.SignalTrigger;
import io.github.hotcert.watch.WatchMode;
import io.github.hotcert.watch.WatchSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the watching and signal beans of {@link HotcertAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class HotcertWatchAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner;

	@BeforeEach
	void createBundle() throws IOException {
		TestCertificates certificates = TestCertificates.now();
		Issued issued = certificates.selfSigned(certificates.leaf("localhost"));
		Path certificate = Files.writeString(this.directory.resolve("tls.crt"), PemFiles.certificates(issued.chain()));
		Path key = Files.writeString(this.directory.resolve("tls.key"), PemFiles.pkcs8(issued.keyPair().getPrivate()));
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HotcertAutoConfiguration.class))
			.withPropertyValues("spring.ssl.bundle.pem.web.keystore.certificate=" + certificate,
					"spring.ssl.bundle.pem.web.keystore.private-key=" + key);
	}

	@Test
	void watchesWithEventsAndPollingByDefault() {
		this.runner.run((context) -> {
			StartupValidation.awaitDone(context);
			CertificateFileWatcher watcher = context.getBean(CertificateFileWatcher.class);
			assertThat(watcher.getSettings()).isEqualTo(new WatchSettings(WatchMode.WATCH_POLL, Duration.ofMillis(250),
					Duration.ofSeconds(2), Duration.ofSeconds(10)));
			assertThat(watcher.isRunning()).isTrue();
			assertThat(context).doesNotHaveBean(SignalTrigger.class);
		});
	}

	@Test
	void bindsWatchProperties() {
		this.runner
			.withPropertyValues("hotcert.watch.mode=watch+poll", "hotcert.watch.quiet-period=1s",
					"hotcert.watch.max-wait=5s", "hotcert.watch.poll-interval=1m")
			.run((context) -> assertThat(context.getBean(CertificateFileWatcher.class).getSettings())
				.isEqualTo(new WatchSettings(WatchMode.WATCH_POLL, Duration.ofSeconds(1), Duration.ofSeconds(5),
						Duration.ofMinutes(1))));
	}

	@Test
	void pollModePollsWithoutWatchingEvents() {
		this.runner.withPropertyValues("hotcert.watch.mode=poll").run((context) -> {
			StartupValidation.awaitDone(context);
			CertificateFileWatcher watcher = context.getBean(CertificateFileWatcher.class);
			assertThat(watcher.getSettings().mode()).isEqualTo(WatchMode.POLL);
			assertThat(watcher.isRunning()).isTrue();
		});
	}

	@Test
	void offModeStartsNoWatcherThread() {
		this.runner.withPropertyValues("hotcert.watch.mode=off").run((context) -> {
			StartupValidation.awaitDone(context);
			CertificateFileWatcher watcher = context.getBean(CertificateFileWatcher.class);
			assertThat(watcher.getSettings().mode()).isEqualTo(WatchMode.OFF);
			assertThat(watcher.isRunning()).isFalse();
			assertThat(context).hasSingleBean(ReloadLifecycle.class);
		});
	}

	@Test
	void installsSignalHandlerWhenEnabledAndRemovesItOnClose() {
		SignalTrigger[] trigger = new SignalTrigger[1];
		this.runner.withPropertyValues("hotcert.signal.enabled=true").run((context) -> {
			trigger[0] = context.getBean(SignalTrigger.class);
			assertThat(trigger[0].getSignal()).isEqualTo("HUP");
			assertThat(trigger[0].isInstalled()).isTrue();
		});
		assertThat(trigger[0].isInstalled()).isFalse();
	}

	@Test
	void startsWithOneWarningWhenTheSignalHandlerCannotBeInstalled(CapturedOutput output) {
		this.runner.withPropertyValues("hotcert.signal.enabled=true")
			.withUserConfiguration(UnavailableSignalConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				StartupValidation.awaitDone(context);
				assertThat(context.getBean(SignalTrigger.class).isInstalled()).isFalse();
				assertThat(context.getBean(CertificateFileWatcher.class).isRunning()).isTrue();
			});
		assertThat(output).containsOnlyOnce("Unable to reload SSL bundles on SIGKILL");
	}

	@Test
	void backsOffForUserDefinedWatcher() {
		this.runner.withUserConfiguration(UserWatcherConfiguration.class)
			.run((context) -> assertThat(context.getBean(CertificateFileWatcher.class))
				.isSameAs(context.getBean("userWatcher")));
	}

	@Configuration(proxyBeanMethods = false)
	static class UnavailableSignalConfiguration {

		@Bean
		SignalTrigger unavailableSignal() {
			return new SignalTrigger("KILL");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserWatcherConfiguration {

		@Bean
		CertificateFileWatcher userWatcher() {
			return new CertificateFileWatcher(new WatchSettings(WatchMode.POLL, Duration.ofMillis(250),
					Duration.ofSeconds(2), Duration.ofSeconds(10)));
		}

	}

}
