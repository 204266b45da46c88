package io.github.hotcert.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code jcmd} of the JDK that runs the benchmark, to force a full garbage collection in
 * a measured process and read its heap.
 */
final class Jcmd {

	private static final Pattern HEAP_USED = Pattern.compile("(?m)^\\s*\\S.*heap\\s+total \\d+K, used (\\d+)K");

	private static final Pattern METASPACE_USED = Pattern.compile("(?m)^\\s*Metaspace\\s+used (\\d+)K");

	private Jcmd() {
	}

	/**
	 * Run {@code GC.run} (a full collection: {@code System.gc()}) and then read
	 * {@code GC.heap_info}.
	 * @param pid the process
	 * @return the heap and metaspace in use right after the collection
	 * @throws IOException if jcmd fails
	 */
	static Heap collectAndMeasure(long pid) throws IOException {
		run(pid, "GC.run");
		String info = run(pid, "GC.heap_info");
		Matcher heap = HEAP_USED.matcher(info);
		Matcher metaspace = METASPACE_USED.matcher(info);
		if (!heap.find() || !metaspace.find()) {
			throw new IOException("Unexpected output of jcmd " + pid + " GC.heap_info:\n" + info);
		}
		return new Heap(Long.parseLong(heap.group(1)) * 1024, Long.parseLong(metaspace.group(1)) * 1024);
	}

	static String run(long pid, String command) throws IOException {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), command).redirectErrorStream(true)
			.start();
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IOException("jcmd " + pid + " " + command + " failed:\n" + output);
			}
			return output;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
		finally {
			process.destroyForcibly();
		}
	}

	/**
	 * Memory in use after a full collection.
	 *
	 * @param heapBytes bytes of the Java heap in use
	 * @param metaspaceBytes bytes of metaspace in use
	 */
	record Heap(long heapBytes, long metaspaceBytes) {

	}

}
