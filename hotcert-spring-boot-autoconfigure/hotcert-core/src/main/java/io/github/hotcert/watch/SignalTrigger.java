package io.github.hotcert.watch;

import io.github.hotcert.logging.LogFields;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import org.springframework.util.Assert;

/**
 * Runs an action when the process receives a signal, {@code SIGHUP} by default, the way
 * nginx and HAProxy reload their configuration. The handler replaces the JVM's own
 * handler for that signal (for {@code SIGHUP}, shutting down) until it is
 * {@link #uninstall() uninstalled}. When the JVM cannot install it (an unknown signal on
 * this operating system, a signal the JVM uses, no {@code jdk.unsupported} module), one
 * warning says so and everything else keeps working.
 */
public class SignalTrigger implements AutoCloseable {

	/**
	 * The hang-up signal.
	 */
	public static final String HANGUP = "HUP";

	private static final Log logger = LogFactory.getLog(SignalTrigger.class);

	private final String signal;

	private final Object lock = new Object();

	private Object installed;

	/**
	 * Create a new {@link SignalTrigger} for {@code SIGHUP}.
	 */
	public SignalTrigger() {
		this(HANGUP);
	}

	/**
	 * Create a new {@link SignalTrigger}.
	 * @param signal the name of the signal without its {@code SIG} prefix, for example
	 * {@code HUP}
	 */
	public SignalTrigger(String signal) {
		Assert.hasText(signal, "'signal' must not be empty");
		this.signal = signal;
	}

	/**
	 * Return the name of the signal.
	 * @return the signal name, without its {@code SIG} prefix
	 */
	public String getSignal() {
		return this.signal;
	}

	/**
	 * Install the handler, unless it is installed already.
	 * @param action the action to run on each signal (on a thread of the JVM's signal
	 * dispatcher)
	 * @return whether the handler is installed
	 */
	public boolean install(Runnable action) {
		Assert.notNull(action, "'action' must not be null");
		synchronized (this.lock) {
			if (this.installed != null) {
				return true;
			}
			try {
				this.installed = Handler.install(this.signal, action);
				LogFields.of(LogFields.SIGNAL, this.signal)
					.info(logger, "Reloading every SSL bundle on SIG%s".formatted(this.signal));
				return true;
			}
			catch (IllegalArgumentException | UnsupportedOperationException | SecurityException | LinkageError ex) {
				LogFields.of(LogFields.SIGNAL, this.signal)
					.warn(logger, "Unable to reload SSL bundles on SIG%s, the JVM refused the signal handler: %s"
						.formatted(this.signal, ex));
				return false;
			}
		}
	}

	/**
	 * Return whether the handler is installed.
	 * @return whether the handler is installed
	 */
	public boolean isInstalled() {
		synchronized (this.lock) {
			return this.installed != null;
		}
	}

	/**
	 * Put back the handler that was installed before, unless another one replaced this
	 * one since.
	 */
	public void uninstall() {
		synchronized (this.lock) {
			if (this.installed instanceof Handler handler) {
				handler.uninstall();
			}
			this.installed = null;
		}
	}

	/**
	 * Uninstall the handler.
	 * @see #uninstall()
	 */
	@Override
	public void close() {
		uninstall();
	}

	/**
	 * The installed handler. A separate class keeps {@code sun.misc} out of the outer
	 * class, so a JVM without it fails in {@link #install(String, Runnable)} only.
	 */
	private static final class Handler implements SignalHandler {

		private final Signal signal;

		private final Runnable action;

		private SignalHandler previous;

		private Handler(Signal signal, Runnable action) {
			this.signal = signal;
			this.action = action;
		}

		static Handler install(String name, Runnable action) {
			Handler handler = new Handler(new Signal(name), action);
			handler.previous = Signal.handle(handler.signal, handler);
			return handler;
		}

		@Override
		public void handle(Signal signal) {
			try {
				this.action.run();
			}
			catch (RuntimeException ex) {
				LogFields.of(LogFields.SIGNAL, signal.getName())
					.error(logger, "Reloading SSL bundles on SIG%s failed".formatted(signal.getName()), ex);
			}
		}

		void uninstall() {
			SignalHandler current = Signal.handle(this.signal, this.previous);
			if (current != this) {
				Signal.handle(this.signal, current);
			}
		}

	}

}
