package io.github.hotcert.reload;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.hotcert.watch.CertificateFileWatcher;
import io.github.hotcert.watch.ChangeOrigin;
import io.github.hotcert.watch.FileChangeListener;
import io.github.hotcert.watch.SignalTrigger;
import io.github.hotcert.logging.LogFields;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Starts hotcert once the application is running: installs the signal handler when there
 * is one, then, on a thread of its own named {@value #THREAD_NAME}, watches the files of
 * every managed bundle and validates what each bundle serves, so that the application
 * does not wait for either. That thread begins after a {@link #getStartupDelay() delay},
 * so that its work does not compete with the application's own first requests, and
 * publishes a {@link HotcertStartedEvent} before anything else. Until its startup
 * validation is done a bundle {@link ManagedBundle#isValidating() is validating}. Stops
 * watching and removes the signal handler when the application context closes.
 */
public class ReloadLifecycle implements SmartLifecycle {

	/**
	 * The name of the thread that starts the watcher and validates the material served at
	 * startup.
	 */
	public static final String THREAD_NAME = "hotcert-startup";

	private static final Log logger = LogFactory.getLog(ReloadLifecycle.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private final CertificateReloader reloader;

	private final CertificateFileWatcher watcher;

	private final SignalTrigger signalTrigger;

	private final Duration startupDelay;

	private final ApplicationEventPublisher eventPublisher;

	private final Object monitor = new Object();

	private volatile boolean running;

	private volatile boolean stopping;

	private boolean watching;

	private Thread startup;

	/**
	 * Create a new {@link ReloadLifecycle}.
	 * @param reloader the reloader
	 * @param watcher the file watcher
	 * @param signalTrigger the trigger that reloads every bundle on a signal, or
	 * {@code null}
	 * @param startupDelay how long after the application started to begin watching the
	 * files and validating the material served since startup
	 * @param eventPublisher the publisher of the {@link HotcertStartedEvent}
	 */
	public ReloadLifecycle(CertificateReloader reloader, CertificateFileWatcher watcher, SignalTrigger signalTrigger,
			Duration startupDelay, ApplicationEventPublisher eventPublisher) {
		Assert.isTrue(startupDelay != null && !startupDelay.isNegative(), "'startupDelay' must not be negative");
		Assert.notNull(eventPublisher, "'eventPublisher' must not be null");
		this.reloader = reloader;
		this.watcher = watcher;
		this.signalTrigger = signalTrigger;
		this.startupDelay = startupDelay;
		this.eventPublisher = eventPublisher;
	}

	/**
	 * Return how long after the application started the files are first watched and the
	 * material served since startup is validated.
	 * @return the delay
	 */
	public Duration getStartupDelay() {
		return this.startupDelay;
	}

	@Override
	public void start() {
		synchronized (this.monitor) {
			if (!this.watching) {
				for (ManagedBundle bundle : this.reloader.getBundles()) {
					this.watcher.listen(bundle.getName(), bundle.getSource().getFiles(), action(bundle.getName()));
				}
				this.watching = true;
			}
			this.stopping = false;
			List<ManagedBundle> bundles = this.reloader.getBundles();
			bundles.forEach((bundle) -> bundle.setValidating(true));
			this.startup = new Thread(() -> startUp(bundles), THREAD_NAME);
			this.startup.setDaemon(true);
			this.startup.start();
		}
		if (this.signalTrigger != null) {
			this.signalTrigger.install(() -> this.reloader.reloadAll(ReloadRequest.of(ReloadTrigger.SIGNAL)));
		}
		this.running = true;
	}

	/**
	 * After the startup delay, tell the listeners of {@link HotcertStartedEvent}, watch
	 * the files, then validate what each bundle serves. The watcher reads the content of
	 * every file before the bundles are validated: a change made in between is either in
	 * what is validated, or noticed. A change made during the delay is in what is
	 * validated: the files are compared with what the consumers read.
	 */
	private void startUp(List<ManagedBundle> bundles) {
		synchronized (this.monitor) {
			if (!awaitStartupDelay()) {
				return;
			}
		}
		long start = System.nanoTime();
		try {
			this.eventPublisher.publishEvent(new HotcertStartedEvent(this));
		}
		catch (RuntimeException ex) {
			logger.error("A listener of HotcertStartedEvent failed", ex);
		}
		synchronized (this.monitor) {
			if (this.stopping) {
				return;
			}
			this.watcher.start();
		}
		for (ManagedBundle bundle : bundles) {
			if (this.stopping) {
				return;
			}
			try {
				this.reloader.initialize(bundle.getName());
			}
			catch (RuntimeException ex) {
				LogFields.bundle(bundle.getName())
					.error(logger,
							"Validating the material of SSL bundle '%s' at startup failed".formatted(bundle.getName()),
							ex);
			}
			finally {
				bundle.setValidating(false);
			}
		}
		if (bundles.isEmpty()) {
			return;
		}
		logger.info("Validated the material of %d SSL bundle%s served since startup in %d ms".formatted(bundles.size(),
				(bundles.size() != 1) ? "s" : "", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
	}

	/**
	 * Wait, holding the monitor, until the startup delay passed or the lifecycle stops.
	 * @return whether to go on: {@code false} once stopping
	 */
	private boolean awaitStartupDelay() {
		long remaining = this.startupDelay.toNanos();
		long deadline = System.nanoTime() + remaining;
		while (!this.stopping && remaining > 0) {
			try {
				TimeUnit.NANOSECONDS.timedWait(this.monitor, remaining);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			remaining = deadline - System.nanoTime();
		}
		return !this.stopping;
	}

	/**
	 * Watch the files of a bundle's source after the source changed, instead of the files
	 * of its previous source. Does nothing before the files are first watched: they are
	 * taken from the source then.
	 * @param bundle the bundle
	 */
	public void rewatch(ManagedBundle bundle) {
		boolean watching;
		synchronized (this.monitor) {
			watching = this.watching;
		}
		// Not holding the monitor: the watcher reads the new files, and a file system
		// that does not answer must not hold up stop()
		if (watching) {
			this.watcher.relisten(bundle.getName(), bundle.getSource().getFiles(), action(bundle.getName()));
		}
	}

	/**
	 * Return what a change of the files of a bundle does: reload the bundle, and ask for
	 * another read when the files are still being written and not complete yet.
	 */
	private FileChangeListener action(String name) {
		return (change) -> this.reloader
			.reload(name, ReloadRequest.whileWriting(trigger(change.origin()), change.settling()))
			.outcome() != ReloadOutcome.SETTLING;
	}

	private static ReloadTrigger trigger(ChangeOrigin origin) {
		return (origin == ChangeOrigin.POLL) ? ReloadTrigger.POLL : ReloadTrigger.WATCH;
	}

	@Override
	public void stop() {
		Thread startup;
		synchronized (this.monitor) {
			this.stopping = true;
			startup = this.startup;
			this.startup = null;
			this.monitor.notifyAll();
		}
		if (startup != null && startup != Thread.currentThread()) {
			try {
				startup.join(STOP_TIMEOUT.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (this.signalTrigger != null) {
			this.signalTrigger.uninstall();
		}
		this.watcher.stop();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE;
	}

}
