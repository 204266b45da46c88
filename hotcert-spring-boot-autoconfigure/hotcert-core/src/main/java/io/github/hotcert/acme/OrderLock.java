package io.github.hotcert.acme;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Properties;

import org.springframework.util.Assert;

/**
 * The lock that lets one instance at a time order the certificate of a bundle whose
 * storage directory several instances share: a file, created exclusively, that names its
 * holder and when its hold expires. The holder {@link Hold#refresh() refreshes} it while
 * it orders; a holder that died stops refreshing, and once its hold has expired the lock
 * is stale and the next instance takes it over. Expiry is judged by the clocks of the
 * instances, which should agree to within a small part of the timeout.
 */
final class OrderLock {

	private final Path file;

	private final Duration timeout;

	private final Clock clock;

	private final String owner;

	/**
	 * Create a new {@link OrderLock}.
	 * @param file the lock file
	 * @param timeout how long a hold lasts without being refreshed
	 * @param clock the clock
	 * @param owner who takes the lock: unique for each instance
	 */
	OrderLock(Path file, Duration timeout, Clock clock, String owner) {
		Assert.isTrue(timeout != null && timeout.toMillis() > 0, "'timeout' must be positive");
		this.file = file;
		this.timeout = timeout;
		this.clock = clock;
		this.owner = owner;
	}

	/**
	 * Take the lock if it is free or stale.
	 * @return the hold, or {@code null} when another instance holds the lock
	 * @throws IOException if the lock file cannot be read or written
	 */
	Hold tryAcquire() throws IOException {
		if (create()) {
			return new Hold();
		}
		Holder holder = holder();
		if (holder != null && !holder.isExpired(this.clock.instant())) {
			return null;
		}
		// Stale: move it aside, so that of several instances only one takes it over
		Path stale = StorageFiles.temporarySibling(this.file);
		try {
			Files.move(this.file, stale, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		try {
			Holder moved = read(stale);
			if (moved != null && !moved.isExpired(this.clock.instant())) {
				// Refreshed in between: give it back
				StorageFiles.createAtomically(this.file, StorageFiles.read(stale));
				return null;
			}
			return create() ? new Hold() : null;
		}
		catch (FileAlreadyExistsException ex) {
			return null;
		}
		finally {
			Files.deleteIfExists(stale);
		}
	}

	/**
	 * Return who holds the lock.
	 * @return the holder, or {@code null} when the lock is free or unreadable
	 */
	Holder holder() throws IOException {
		return read(this.file);
	}

	private boolean create() throws IOException {
		StorageFiles.createDirectories(this.file.getParent());
		return StorageFiles.createAtomically(this.file, content());
	}

	private String content() {
		return "owner=%s%nexpires=%s%n".formatted(this.owner, this.clock.instant().plus(this.timeout));
	}

	private static Holder read(Path file) throws IOException {
		String text;
		try {
			text = StorageFiles.read(file);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		Properties properties = new Properties();
		properties.load(new StringReader(text));
		try {
			String expires = properties.getProperty("expires");
			return new Holder(properties.getProperty("owner", "unknown"),
					(expires != null) ? Instant.parse(expires) : Instant.EPOCH);
		}
		catch (DateTimeParseException ex) {
			// A lock that cannot be read expires at once
			return new Holder(properties.getProperty("owner", "unknown"), Instant.EPOCH);
		}
	}

	/**
	 * Who holds the lock, and until when.
	 *
	 * @param owner the holder
	 * @param expires when the hold expires unless it is refreshed
	 */
	record Holder(String owner, Instant expires) {

		boolean isExpired(Instant now) {
			return !now.isBefore(this.expires);
		}

	}

	/**
	 * A hold of the lock.
	 */
	final class Hold implements AutoCloseable {

		private Hold() {
		}

		/**
		 * Extend the hold by the timeout.
		 * @return whether the lock is still held: {@code false} when another instance
		 * took it over
		 */
		boolean refresh() throws IOException {
			if (!isHeld()) {
				return false;
			}
			Path next = StorageFiles.temporarySibling(OrderLock.this.file);
			StorageFiles.writeNew(next, content());
			try {
				Files.move(next, OrderLock.this.file, StandardCopyOption.ATOMIC_MOVE);
			}
			finally {
				Files.deleteIfExists(next);
			}
			return true;
		}

		/**
		 * Return whether the lock is still held by this instance.
		 */
		boolean isHeld() throws IOException {
			Holder holder = holder();
			return holder != null && OrderLock.this.owner.equals(holder.owner());
		}

		/**
		 * Release the lock, unless another instance took it over.
		 */
		@Override
		public void close() throws IOException {
			if (isHeld()) {
				Files.deleteIfExists(OrderLock.this.file);
			}
		}

	}

}
