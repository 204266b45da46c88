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
 * @param atomicChanges changes (counted in {@code changes}) whose files were swapped as a
 * whole, and were read at once without a quiet period
 * @param incompleteReads changes whose action found material that was not complete yet
 * while the files could still be being written, and that were read again
 */
public record WatchStatistics(long changes, long unchangedChecks, long polls, long overflows, long atomicChanges,
		long incompleteReads) {

	/**
	 * Create statistics without atomic changes or incomplete reads.
	 * @param changes checks that found changed content
	 * @param unchangedChecks checks that found the content unchanged
	 * @param polls rounds of periodic content comparison started
	 * @param overflows file event overflows
	 */
	public WatchStatistics(long changes, long unchangedChecks, long polls, long overflows) {
		this(changes, unchangedChecks, polls, overflows, 0, 0);
	}

}
