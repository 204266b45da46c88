package io.github.hotcert.watch;

import org.springframework.util.Assert;

/**
 * A change to the content of watched files, as a {@link CertificateFileWatcher} found it.
 *
 * @param origin how the change was found
 * @param atomic whether the files were swapped as a whole (a Kubernetes {@code ..data}
 * swap, a file or directory renamed into place): complete by construction, the change was
 * read at once, without a quiet period
 * @param settling whether the files may still be being written: the change is not atomic
 * and began less than the maximum wait ago. Content that is not complete yet is then no
 * failure: the {@link FileChangeListener listener} may answer that it is incomplete, and
 * the files are read again
 */
public record FileChange(ChangeOrigin origin, boolean atomic, boolean settling) {

	public FileChange {
		Assert.notNull(origin, "'origin' must not be null");
		Assert.isTrue(!(atomic && settling), "An atomic change is never settling");
	}

}
