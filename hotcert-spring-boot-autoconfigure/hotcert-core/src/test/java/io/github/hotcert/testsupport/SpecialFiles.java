package io.github.hotcert.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Files that are not regular files, as they are found where certificates should be: a
 * named pipe nobody writes to, a device, a socket.
 */
public final class SpecialFiles {

	/**
	 * A character device that never ends.
	 */
	public static final Path ZERO = Path.of("/dev/zero");

	private SpecialFiles() {
	}

	/**
	 * Create a named pipe with {@code mkfifo}. Opening it for reading blocks until a
	 * writer opens it, which never happens. Skips the test where there is no
	 * {@code mkfifo}.
	 * @param path where to create it
	 * @return the path
	 */
	public static Path namedPipe(Path path) {
		Process process;
		try {
			process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
		}
		catch (IOException ex) {
			assumeThat(ex).as("mkfifo cannot be run").isNull();
			throw new UncheckedIOException(ex);
		}
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("mkfifo " + path + " failed");
			}
			return path;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Create a Unix domain socket file, bound until the returned channel is closed.
	 * @param path where to create it
	 * @return the bound channel
	 */
	public static ServerSocketChannel socket(Path path) {
		try {
			ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
			channel.bind(UnixDomainSocketAddress.of(path));
			return channel;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
