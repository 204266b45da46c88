package io.github.hotcert.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Sha256}.
 */
class Sha256Tests {

	private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

	@Test
	void writesTheDigestOfBytesInLowerCaseHex() {
		assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC);
	}

	@Test
	void writesTheDigestOfContentReadInParts() {
		MessageDigest digest = Sha256.newDigest();
		digest.update("a".getBytes(StandardCharsets.US_ASCII));
		digest.update("bc".getBytes(StandardCharsets.US_ASCII));
		assertThat(Sha256.hex(digest)).isEqualTo(ABC);
	}

}
