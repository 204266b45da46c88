package io.github.hotcert.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadCpuTests {

	@Test
	void addsUserAndSystemTicksAfterANameWithSpaces() {
		String stat = "4242 (hotcert watcher) S 1 4200 4200 0 -1 1077936192 120 0 3 0 250 17 0 0 20 0 1 0";
		assertThat(ThreadCpu.ticks(stat)).isEqualTo(267);
	}

}
