package io.github.hotcert.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;

import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Reads the content of a {@link MaterialLocation}, refusing anything larger than a
 * configured limit without reading it into memory whole.
 */
public class ContentReader {

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
		if (location.isFile()) {
			return readFile(bundleName, what, location);
		}
		if (PemContent.isPresentInText(location.value())) {
			return content(location, location.value().getBytes(StandardCharsets.UTF_8), null);
		}
		return readResource(bundleName, what, location);
	}

	private MaterialContent readFile(String bundleName, String what, MaterialLocation location) {
		Path path = location.path();
		try {
			if (Files.isSymbolicLink(path) && !Files.exists(path)) {
				throw new MaterialLoadException(bundleName, what, location,
						"the file is a symbolic link to '%s', which does not exist"
							.formatted(Files.readSymbolicLink(path)));
			}
			if (Files.isDirectory(path)) {
				throw new MaterialLoadException(bundleName, what, location, "the path is a directory, not a file");
			}
			if (!Files.exists(path)) {
				throw new MaterialLoadException(bundleName, what, location, "the file does not exist");
			}
			long size = Files.size(path);
			if (size > this.maxSize) {
				throw tooLarge(bundleName, what, location, size);
			}
			Instant lastModified = Files.getLastModifiedTime(path).toInstant();
			try (InputStream inputStream = this.fileOpener.open(path)) {
				return content(location, readBounded(bundleName, what, location, inputStream), lastModified);
			}
		}
		catch (NoSuchFileException ex) {
			throw new MaterialLoadException(bundleName, what, location, "the file does not exist", ex);
		}
		catch (AccessDeniedException ex) {
			throw new MaterialLoadException(bundleName, what, location, "the file is not readable (permission denied)",
					ex);
		}
		catch (IOException ex) {
			throw new MaterialLoadException(bundleName, what, location, "the file cannot be read: " + ex.getMessage(),
					ex);
		}
	}

	private MaterialContent readResource(String bundleName, String what, MaterialLocation location) {
		Resource resource = this.resourceLoader.getResource(location.value());
		if (!resource.exists()) {
			throw new MaterialLoadException(bundleName, what, location, "the resource does not exist");
		}
		try (InputStream inputStream = resource.getInputStream()) {
			return content(location, readBounded(bundleName, what, location, inputStream), null);
		}
		catch (IOException ex) {
			throw new MaterialLoadException(bundleName, what, location,
					"the resource cannot be read: " + ex.getMessage(), ex);
		}
	}

	private byte[] readBounded(String bundleName, String what, MaterialLocation location, InputStream inputStream)
			throws IOException {
		byte[] bytes = inputStream.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxSize + 1));
		if (bytes.length > this.maxSize) {
			throw tooLarge(bundleName, what, location, bytes.length);
		}
		return bytes;
	}

	private MaterialLoadException tooLarge(String bundleName, String what, MaterialLocation location, long size) {
		return new MaterialLoadException(bundleName, what, location,
				"the file is %d bytes or more, larger than the limit of %d bytes (hotcert.source.max-file-size)"
					.formatted(size, this.maxSize));
	}

	private static MaterialContent content(MaterialLocation location, byte[] bytes, Instant lastModified) {
		return new MaterialContent(location, bytes, Sha256.hex(bytes), lastModified);
	}

	/**
	 * Opens a file for reading.
	 */
	@FunctionalInterface
	interface FileOpener {

		InputStream open(Path path) throws IOException;

	}

}
