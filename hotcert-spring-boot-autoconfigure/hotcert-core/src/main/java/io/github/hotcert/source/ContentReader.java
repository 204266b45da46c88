package io.github.hotcert.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.hotcert.source.RegularFile.FileOpener;
import io.github.hotcert.source.RegularFile.UnreadableFileException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Reads the content of {@link MaterialLocation material locations}. Only regular files
 * are read, each with a size limit (see {@link RegularFile}); the files of one bundle are
 * read from one state of their directories, so that a certificate and a key swapped
 * together are read both old or both new.
 */
public class ContentReader {

	/**
	 * The default limit for one file.
	 */
	public static final DataSize DEFAULT_MAX_SIZE = DataSize.ofMegabytes(1);

	/**
	 * How many times the files of a bundle are read while their directories keep changing
	 * under the reads. One attempt takes well under a millisecond on a local disk, and a
	 * writer that swaps a Kubernetes Secret in a loop on a loaded machine changes the
	 * directories under about one attempt in three: ten attempts were not always enough.
	 */
	static final int MAX_ATTEMPTS = 50;

	private static final Log logger = LogFactory.getLog(ContentReader.class);

	private final ResourceLoader resourceLoader;

	private final long maxSize;

	private final FileOpener fileOpener;

	/**
	 * Create a new {@link ContentReader}.
	 * @param resourceLoader the loader for locations that are not files
	 * @param maxSize the largest content that is read
	 */
	public ContentReader(ResourceLoader resourceLoader, DataSize maxSize) {
		this(resourceLoader, maxSize, Files::newInputStream);
	}

	ContentReader(ResourceLoader resourceLoader, DataSize maxSize, FileOpener fileOpener) {
		Assert.notNull(resourceLoader, "'resourceLoader' must not be null");
		Assert.isTrue(maxSize != null && maxSize.toBytes() > 0, "'maxSize' must be positive");
		this.resourceLoader = resourceLoader;
		this.maxSize = maxSize.toBytes();
		this.fileOpener = fileOpener;
	}

	/**
	 * Read the content of the given location.
	 * @param bundleName the bundle the content belongs to, for messages
	 * @param what what the content is, for messages (for example "certificate")
	 * @param location the location
	 * @return the content
	 * @throws MaterialLoadException if the content cannot be read
	 */
	public MaterialContent read(String bundleName, String what, MaterialLocation location) {
		return readAll(List.of(location)).get(bundleName, what, location);
	}

	/**
	 * Read the content of every given location from one state of the directories that
	 * hold them. The paths are resolved through one {@link PathResolution}, so that every
	 * symbolic link on the way (such as the {@code ..data} link of a Kubernetes Secret
	 * volume) is read once for all the files; when a link, a directory or a file on the
	 * way changed while the files were read, they are read again, up to
	 * {@value #MAX_ATTEMPTS} times. When they still changed under the last read, what it
	 * read is returned (files read through one link swapped as a whole still come from
	 * one version), and a file it could not read says that the files kept changing.
	 * @param locations the locations
	 * @return what was read from each location
	 */
	Reads readAll(Collection<MaterialLocation> locations) {
		for (int attempt = 1;; attempt++) {
			PathResolution resolution = new PathResolution();
			Map<MaterialLocation, Read> reads = new LinkedHashMap<>();
			for (MaterialLocation location : locations) {
				reads.computeIfAbsent(location, (key) -> read(key, resolution));
			}
			if (resolution.isCurrent()) {
				return new Reads(reads);
			}
			if (attempt >= MAX_ATTEMPTS) {
				reads.replaceAll((location, read) -> location.isFile() ? read.stillChanging(MAX_ATTEMPTS) : read);
				return new Reads(reads);
			}
			if (logger.isTraceEnabled()) {
				logger.trace(
						"The directories of %s changed while they were read: reading them again".formatted(locations));
			}
		}
	}

	private Read read(MaterialLocation location, PathResolution resolution) {
		if (location.isFile()) {
			return readFile(location.path(), location, resolution);
		}
		if (PemContent.isPresentInText(location.value())) {
			return Read.of(content(location, location.value().getBytes(StandardCharsets.UTF_8), null));
		}
		return readResource(location);
	}

	private Read readFile(Path path, MaterialLocation location, PathResolution resolution) {
		Path resolved = null;
		try {
			resolved = resolution.resolve(path);
			RegularFile.Content content = RegularFile.read(resolved, this.maxSize, this.fileOpener);
			return Read.of(content(location, content.bytes(), content.lastModified()));
		}
		catch (UnreadableFileException ex) {
			return Read.failed(ex.getReason() + resolvesTo(path, resolved), ex);
		}
		catch (NoSuchFileException ex) {
			return Read.failed(missing(path), ex);
		}
		catch (AccessDeniedException ex) {
			return Read.failed("the file is not readable (permission denied)", ex);
		}
		catch (IOException ex) {
			return Read.failed("the file cannot be read: " + describe(ex), ex);
		}
	}

	private static String resolvesTo(Path path, Path resolved) {
		return (resolved != null && !resolved.equals(path.toAbsolutePath()))
				? " (it resolves to '%s')".formatted(resolved) : "";
	}

	private static String missing(Path path) {
		if (Files.isSymbolicLink(path)) {
			try {
				return "the file is a symbolic link to '%s', which does not exist"
					.formatted(Files.readSymbolicLink(path));
			}
			catch (IOException ex) {
				// Removed since: it does not exist either way
			}
		}
		return "the file does not exist";
	}

	private Read readResource(MaterialLocation location) {
		Resource resource = this.resourceLoader.getResource(location.value());
		if (!resource.exists()) {
			return Read.failed("the resource does not exist", null);
		}
		try (InputStream inputStream = resource.getInputStream()) {
			byte[] bytes = inputStream.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxSize + 1));
			if (bytes.length > this.maxSize) {
				UnreadableFileException tooLarge = RegularFile.tooLarge(bytes.length, this.maxSize);
				return Read.failed(tooLarge.getReason(), tooLarge);
			}
			return Read.of(content(location, bytes, null));
		}
		catch (IOException ex) {
			return Read.failed("the resource cannot be read: " + describe(ex), ex);
		}
	}

	/**
	 * Describe an I/O failure by what the operating system reported, never by the text of
	 * a Java exception.
	 */
	private static String describe(IOException ex) {
		String reason = (ex instanceof FileSystemException fileSystem) ? fileSystem.getReason()
				: (ex.getClass() == IOException.class) ? ex.getMessage() : null;
		if (logger.isDebugEnabled()) {
			logger.debug("Reading certificate material failed", ex);
		}
		return (reason != null && !reason.isBlank()) ? reason : "an I/O error (" + ex.getClass().getSimpleName() + ")";
	}

	private static MaterialContent content(MaterialLocation location, byte[] bytes, Instant lastModified) {
		return new MaterialContent(location, bytes, Sha256.hex(bytes), lastModified);
	}

	/**
	 * What was read from each of a set of locations, from one state of their directories.
	 */
	static final class Reads {

		private final Map<MaterialLocation, Read> reads;

		private Reads(Map<MaterialLocation, Read> reads) {
			this.reads = reads;
		}

		/**
		 * Return the content read from a location.
		 * @param bundleName the bundle the content belongs to, for messages
		 * @param what what the content is, for messages (for example "certificate")
		 * @param location the location, one of those that were read
		 * @return the content
		 * @throws MaterialLoadException if the content could not be read
		 */
		MaterialContent get(String bundleName, String what, MaterialLocation location) {
			Read read = this.reads.get(location);
			Assert.state(read != null, () -> "'" + location + "' was not read");
			if (read.content() == null) {
				throw new MaterialLoadException(bundleName, what, location, read.reason(), read.cause());
			}
			return read.content();
		}

	}

	/**
	 * The content of one location, or why it could not be read.
	 */
	private record Read(MaterialContent content, String reason, Throwable cause) {

		static Read of(MaterialContent content) {
			return new Read(content, null, null);
		}

		static Read failed(String reason, Throwable cause) {
			return new Read(null, reason, cause);
		}

		/**
		 * Return this read as the last of the given number of reads, under each of which
		 * the directories changed: a failure says so, since the file may well be there
		 * once the directories stop changing.
		 */
		Read stillChanging(int reads) {
			if (this.content != null) {
				return this;
			}
			return failed("the files kept changing while they were read (%d times), and the last read found that %s"
				.formatted(reads, this.reason), this.cause);
		}

	}

}
