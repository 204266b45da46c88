package io.github.hotcert.watch;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SignalTrigger}. A signal is raised only while the trigger's handler is
 * installed, so the JVM's own handler (which shuts down on SIGHUP) never sees one.
 */
@ExtendWith(OutputCaptureExtension.class)
class SignalTriggerTests {

	@Test
	void runsActionOnSignalWhileInstalled() throws Exception {
		CountDownLatch signalled = new CountDownLatch(1);
		SignalTrigger trigger = new SignalTrigger();
		try {
			assertThat(trigger.install(signalled::countDown)).isTrue();
			assertThat(trigger.isInstalled()).isTrue();
			Signal.raise(new Signal(SignalTrigger.HANGUP));
			assertThat(signalled.await(20, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			trigger.uninstall();
		}
		assertThat(trigger.isInstalled()).isFalse();
	}

	@Test
	void uninstallPutsBackThePreviousHandler() {
		Signal hangup = new Signal(SignalTrigger.HANGUP);
		SignalHandler previous = (signal) -> {
		};
		SignalHandler original = Signal.handle(hangup, previous);
		try {
			SignalTrigger trigger = new SignalTrigger();
			trigger.install(() -> {
			});
			trigger.uninstall();
			assertThat(trigger.isInstalled()).isFalse();
			assertThat(Signal.handle(hangup, previous)).isSameAs(previous);
		}
		finally {
			Signal.handle(hangup, original);
		}
	}

	@Test
	void uninstallKeepsAHandlerInstalledAfterIt() {
		Signal hangup = new Signal(SignalTrigger.HANGUP);
		SignalHandler previous = (signal) -> {
		};
		SignalHandler later = (signal) -> {
		};
		SignalHandler original = Signal.handle(hangup, previous);
		try {
			SignalTrigger trigger = new SignalTrigger();
			trigger.install(() -> {
			});
			assertThat(Signal.handle(hangup, later).getClass().getName()).startsWith(SignalTrigger.class.getName());
			trigger.uninstall();
			assertThat(Signal.handle(hangup, previous)).isSameAs(later);
		}
		finally {
			Signal.handle(hangup, original);
		}
	}

	@Test
	void warnsOnceWhenTheJvmRefusesTheHandler(CapturedOutput output) {
		SignalTrigger trigger = new SignalTrigger("KILL");
		assertThat(trigger.install(() -> {
		})).isFalse();
		assertThat(trigger.isInstalled()).isFalse();
		assertThat(output).containsOnlyOnce("Unable to reload SSL bundles on SIGKILL");
		trigger.uninstall();
	}

	@Test
	void warnsWhenTheSignalIsUnknown(CapturedOutput output) {
		assertThat(new SignalTrigger("NO-SUCH-SIGNAL").install(() -> {
		})).isFalse();
		assertThat(output).contains("Unable to reload SSL bundles on SIGNO-SUCH-SIGNAL");
	}

}
