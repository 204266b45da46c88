package io.github.hotcert.source;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import io.github.hotcert.source.PemParser.PemFormatException;
import org.bouncycastle.util.encoders.DecoderException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Checks the block structure of PEM content before it is parsed, so that what is wrong
 * with it is told in words: empty, not PEM, truncated, content after the last block, an
 * empty block, a block without its end line, a block that is not base64.
 */
final class PemStructure {

	private static final String BEGIN = "-----BEGIN ";

	private static final String END = "-----END ";

	private PemStructure() {
	}

	/**
	 * Check the block structure with Bouncy Castle's {@link PemReader}: every block must
	 * be complete and not empty, with nothing but white space after the last one. Text
	 * before a block (such as the "Bag Attributes" that OpenSSL writes) is ignored.
	 * @param text the content as text
	 * @param bytes the content
	 * @return the type of each block, in file order
	 * @throws PemFormatException if the structure is wrong
	 */
	static List<String> check(String text, byte[] bytes) {
		if (text.isBlank()) {
			throw new PemFormatException("the content is empty");
		}
		if (!text.contains(BEGIN)) {
			throw new PemFormatException(looksBinary(bytes)
					? "the content is not PEM (it looks like binary DER; convert it with 'openssl x509 -inform der')"
					: "the content is not PEM (no '-----BEGIN' line)");
		}
		int lastEnd = text.lastIndexOf(END);
		if (lastEnd < text.lastIndexOf(BEGIN)) {
			throw new PemFormatException(
					"the PEM content is truncated (a '-----BEGIN' line has no matching " + "'-----END' line)");
		}
		int endOfLastLine = text.indexOf("-----", lastEnd + END.length());
		String trailing = (endOfLastLine < 0) ? "" : text.substring(endOfLastLine + 5);
		if (!trailing.isBlank()) {
			throw new PemFormatException("unexpected content after the last PEM block");
		}
		List<String> blocks = new ArrayList<>();
		try (PemReader reader = new PemReader(new StringReader(text))) {
			PemObject object;
			while ((object = reader.readPemObject()) != null) {
				if (object.getContent().length == 0) {
					throw new PemFormatException("the PEM block '%s' is empty".formatted(object.getType()));
				}
				blocks.add(object.getType());
			}
		}
		catch (PemFormatException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			String problem = isBase64Failure(ex) ? "is not valid base64"
					: "has no matching '-----END' line of the same type";
			throw PemParser.failure("the PEM content is malformed: block %d %s".formatted(blocks.size() + 1, problem),
					ex);
		}
		return blocks;
	}

	private static boolean isBase64Failure(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DecoderException) {
				return true;
			}
		}
		return false;
	}

	private static boolean looksBinary(byte[] bytes) {
		return bytes.length > 1 && (bytes[0] & 0xff) == 0x30;
	}

}
