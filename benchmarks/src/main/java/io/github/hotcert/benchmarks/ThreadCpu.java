package io.github.hotcert.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The CPU time of the threads of a measured process, read from {@code /proc}: Linux names
 * a Java thread after its first 15 characters, so {@code hotcert-watcher} and
 * {@code hotcert-watcher-supervisor} are both {@code hotcert-watcher}.
 */
final class ThreadCpu {

	/**
	 * Clock ticks per second of {@code /proc/<pid>/task/<tid>/stat} ({@code USER_HZ}).
	 */
	private static final long TICKS_PER_SECOND = 100;

	private ThreadCpu() {
	}

	/**
	 * Return the CPU time, user and system, that the threads of a process with the given
	 * name have used so far.
	 * @param pid the process
	 * @param name the thread name, as Linux shows it (at most 15 characters)
	 * @return the CPU time in milliseconds
	 * @throws IOException if {@code /proc} cannot be read
	 */
	static long millis(long pid, String name) throws IOException {
		long ticks = 0;
		try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
			for (Path task : tasks.toList()) {
				if (name.equals(read(task.resolve("comm")).strip())) {
					ticks += ticks(read(task.resolve("stat")));
				}
			}
		}
		return ticks * 1000 / TICKS_PER_SECOND;
	}

	/**
	 * Return utime + stime of a {@code stat} line: the 14th and 15th fields, counted
	 * after the command name in parentheses, which may hold spaces.
	 */
	static long ticks(String stat) {
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	private static String read(Path file) throws IOException {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			// The thread ended while the tasks were listed
			return "";
		}
	}

}
