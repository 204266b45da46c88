package io.github.hotcert.reload;

import io.github.hotcert.watch.CertificateFileWatcher;
import io.github.hotcert.watch.ChangeOrigin;
import io.github.hotcert.watch.FileChangeListener;
import io.github.hotcert.watch.SignalTrigger;

import org.springframework.context.SmartLifecycle;

/**
 * Starts hotcert once the application is running: watches the files of every managed
 * bundle, records what each bundle serves, and installs the signal handler when there is
 * one. Stops watching and removes the signal handler when the application context closes.
 */
public class ReloadLifecycle implements SmartLifecycle {

	private final CertificateReloader reloader;

	private final CertificateFileWatcher watcher;

	private final SignalTrigger signalTrigger;

	private volatile boolean running;

	private final Object monitor = new Object();

	private boolean watching;

	/**
	 * Create a new {@link ReloadLifecycle}.
	 * @param reloader the reloader
	 * @param watcher the file watcher
	 */
	public ReloadLifecycle(CertificateReloader reloader, CertificateFileWatcher watcher) {
		this(reloader, watcher, null);
	}

	/**
	 * Create a new {@link ReloadLifecycle}.
	 * @param reloader the reloader
	 * @param watcher the file watcher
	 * @param signalTrigger the trigger that reloads every bundle on a signal, or
	 * {@code null}
	 */
	public ReloadLifecycle(CertificateReloader reloader, CertificateFileWatcher watcher, SignalTrigger signalTrigger) {
		this.reloader = reloader;
		this.watcher = watcher;
		this.signalTrigger = signalTrigger;
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
			this.watcher.start();
		}
		this.reloader.initialize();
		if (this.signalTrigger != null) {
			this.signalTrigger.install(() -> this.reloader.reloadAll(ReloadRequest.of(ReloadTrigger.SIGNAL)));
		}
		this.running = true;
	}

	/**
	 * Watch the files of a bundle's source after the source changed, instead of the files
	 * of its previous source. Does nothing before the files are first watched: they are
	 * taken from the source then.
	 * @param bundle the bundle
	 */
	public void rewatch(ManagedBundle bundle) {
		synchronized (this.monitor) {
			if (this.watching) {
				this.watcher.relisten(bundle.getName(), bundle.getSource().getFiles(), action(bundle.getName()));
			}
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
