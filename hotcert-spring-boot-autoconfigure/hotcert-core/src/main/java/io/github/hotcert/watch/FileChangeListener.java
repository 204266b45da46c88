package io.github.hotcert.watch;

/**
 * Acts on a change to the content of watched files.
 *
 * @see CertificateFileWatcher#listen(String, java.util.Set, FileChangeListener)
 */
@FunctionalInterface
public interface FileChangeListener {

	/**
	 * Act on a change.
	 * @param change the change
	 * @return {@code true} when the change was taken, {@code false} when the change is
	 * {@link FileChange#settling() settling} and the files do not hold complete material
	 * yet: they are then read again, and the listener is called again when their content
	 * changes or, at the latest, when the maximum wait is over
	 */
	boolean onChange(FileChange change);

}
