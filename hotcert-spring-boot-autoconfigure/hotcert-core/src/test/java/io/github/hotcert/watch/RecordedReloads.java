package io.github.hotcert.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.hotcert.reload.CertificateReloadEvent;
import io.github.hotcert.reload.ReloadOutcome;
import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.reload.ReloadTrigger;
import io.github.hotcert.testsupport.RunningApplication;
import org.awaitility.core.ConditionTimeoutException;

import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.awaitility.Awaitility.await;

/**
 * Records every {@link CertificateReloadEvent} of an application, with the time it was
 * received.
 */
@Configuration(proxyBeanMethods = false)
public class RecordedReloads {

	private final List<Recorded> results = new ArrayList<>();

	@Bean
	ApplicationListener<CertificateReloadEvent> recordReloads() {
		return (event) -> {
			synchronized (this.results) {
				this.results.add(new Recorded(event.getResult(), System.nanoTime()));
			}
		};
	}

	/**
	 * Return the results of reloads started by the given triggers, in order.
	 * @param triggers the triggers
	 * @return the results
	 */
	public List<ReloadResult> byTrigger(ReloadTrigger... triggers) {
		return recorded(triggers).stream().map(Recorded::result).toList();
	}

	public List<Recorded> recorded(ReloadTrigger... triggers) {
		List<ReloadTrigger> wanted = List.of(triggers);
		synchronized (this.results) {
			return this.results.stream().filter((recorded) -> wanted.contains(recorded.result().trigger())).toList();
		}
	}

	/**
	 * Return the results with the given outcome, whatever started them.
	 * @param outcome the outcome
	 * @return the results
	 */
	public List<ReloadResult> withOutcome(ReloadOutcome outcome) {
		synchronized (this.results) {
			return new ArrayList<>(this.results.stream()
				.map(Recorded::result)
				.filter((result) -> result.outcome() == outcome)
				.toList());
		}
	}

	/**
	 * Wait until the event of the reload that installed a certificate is received. The
	 * server serves a new certificate before the event is published, so a handshake that
	 * sees it does not mean that the event is there yet.
	 * @param serialHex the serial number of the installed certificate, in lower case hex
	 * @param timeout how long to wait
	 * @return the result of that reload
	 */
	public ReloadResult awaitReloaded(String serialHex, Duration timeout) {
		try {
			return await().atMost(timeout)
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(20))
				.until(() -> byTrigger(ReloadTrigger.values()).stream()
					.filter(RunningApplication.installed(serialHex))
					.findFirst(), Optional::isPresent)
				.get();
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("No reload event for serial %s within %s; received: %s".formatted(serialHex,
					timeout, byTrigger(ReloadTrigger.values())), ex);
		}
	}

	/**
	 * A result and when it was received.
	 *
	 * @param result the result
	 * @param nanoTime the {@link System#nanoTime()} it was received at
	 */
	public record Recorded(ReloadResult result, long nanoTime) {

	}

}
