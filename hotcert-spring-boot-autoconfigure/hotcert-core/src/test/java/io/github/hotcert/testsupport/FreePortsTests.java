package io.github.hotcert.testsupport;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FreePorts}. On Linux, a socket bound to port 0 right after another was
 * closed gets a port handed out before within a few dozen binds.
 */
class FreePortsTests {

	@Test
	void handsOutEachPortOnce() {
		assertThat(IntStream.range(0, 500).map((i) -> FreePorts.next()).boxed().toList()).doesNotHaveDuplicates();
	}

}
