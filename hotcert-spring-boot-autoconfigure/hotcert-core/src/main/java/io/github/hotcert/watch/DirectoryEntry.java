package io.github.hotcert.watch;

import java.nio.file.Path;

/**
 * A name in a directory whose events matter: a watched file, a symbolic link on the way
 * to it, or a directory that holds it.
 *
 * @param directory the directory, free of symbolic links
 * @param name the name of the entry in the directory
 */
record DirectoryEntry(Path directory, Path name) {

	@Override
	public String toString() {
		return this.directory.resolve(this.name).toString();
	}

}
