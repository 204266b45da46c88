package io.github.hotcert.reload;

import io.github.hotcert.watch.CertificateFileWatcher;

import org.springframework.context.SmartLifecycle;

/**
 * Starts hotcert once the application is running: watches the files of every managed
 * bundle, then records what each bundle serves. Stops watching when the application
 * context closes.
 */
public class ReloadLifecycle implements SmartLifecycle {

	private final CertificateReloader reloader;

	private final CertificateFileWatcher watcher;

	private volatile boolean running;

	private boolean watching;

	/**
	 * Create a new {@link ReloadLifecycle}.
	 * @param reloader the reloader
	 * @param watcher the file watcher
	 */
	public ReloadLifecycle(CertificateReloader reloader, CertificateFileWatcher watcher) {
		this.reloader = reloader;
		this.watcher = watcher;
	}

	@Override
	public void start() {
		if (!this.watching) {
			for (ManagedBundle bundle : this.reloader.getBundles()) {
				String name = bundle.getName();
				this.watcher.watch(name, bundle.getSource().getFiles(),
						() -> this.reloader.reload(name, ReloadRequest.of(ReloadTrigger.WATCH)));
			}
			this.watching = true;
		}
		this.watcher.start();
		this.reloader.initialize();
		this.running = true;
	}

	@Override
	public void stop() {
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
