package io.github.hotcert.watch;

/**
 * What a {@link CertificateFileWatcher} did since it was created.
 *
 * @param changes checks that found changed content and ran the action of the watched
 * files
 * @param unchangedChecks checks that found the content unchanged (a touch, an identical
 * rewrite) and ran nothing
 * @param polls rounds of periodic content comparison started
 * @param overflows file event overflows, each answered by checking every watched file
 */
public record WatchStatistics(long changes, long unchangedChecks, long polls, long overflows) {

}
