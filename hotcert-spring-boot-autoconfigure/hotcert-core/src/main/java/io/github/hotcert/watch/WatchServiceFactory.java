package io.github.hotcert.watch;

import java.io.IOException;
import java.nio.file.WatchService;

/**
 * Opens the watch service of a watcher thread: the file system's, or one that tests can
 * make fail.
 */
@FunctionalInterface
interface WatchServiceFactory {

	WatchService newWatchService() throws IOException;

}
