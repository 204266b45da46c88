package io.github.hotcert.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.hotcert.source.PemStructure.Block;

/**
 * Decodes with the JDK alone the PEM blocks that most material is made of: X.509
 * certificates, and unencrypted RSA and EC keys in PKCS#8 or RSA keys in PKCS#1, so that
 * reading them does not load the classes of Bouncy Castle's parser. Anything else, and
 * anything the JDK does not decode to exactly the bytes of its block, is left to
 * {@link PemParser}, which decodes every format and words what is wrong with the content.
 */
final class PlainPem {

	private static final byte[] RSA = { 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01 };

	private static final byte[] EC = { 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01 };

	private static final int SEQUENCE = 0x30;

	private static final int INTEGER = 0x02;

	private static final int OCTET_STRING = 0x04;

	private static final int OBJECT_IDENTIFIER = 0x06;

	private PlainPem() {
	}

	/**
	 * Decode blocks that are all certificates.
	 * @param blocks the blocks, in file order
	 * @return the certificates, or {@code null} when the blocks are left to Bouncy Castle
	 */
	static List<X509Certificate> certificates(List<Block> blocks) {
		if (blocks.isEmpty() || !blocks.stream().allMatch((block) -> "CERTIFICATE".equals(block.type()))) {
			return null;
		}
		try {
			CertificateFactory factory = CertificateFactory.getInstance("X.509");
			List<X509Certificate> certificates = new ArrayList<>(blocks.size());
			for (Block block : blocks) {
				Certificate certificate = factory.generateCertificate(new ByteArrayInputStream(block.content()));
				if (!(certificate instanceof X509Certificate x509)
						|| !Arrays.equals(x509.getEncoded(), block.content())) {
					return null;
				}
				certificates.add(x509);
			}
			return certificates;
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Decode a single unencrypted RSA or EC private key.
	 * @param blocks the blocks, in file order
	 * @return the key, or {@code null} when the blocks are left to Bouncy Castle
	 */
	static PrivateKey privateKey(List<Block> blocks) {
		if (blocks.size() != 1) {
			return null;
		}
		Block block = blocks.get(0);
		if (block.headers()) {
			return null;
		}
		try {
			return switch (block.type()) {
				case "PRIVATE KEY" -> pkcs8(block.content());
				case "RSA PRIVATE KEY" -> pkcs8(pkcs1ToPkcs8(block.content()));
				default -> null;
			};
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			return null;
		}
	}

	private static PrivateKey pkcs8(byte[] encoded) throws GeneralSecurityException {
		String algorithm = algorithm(encoded);
		if (algorithm == null) {
			return null;
		}
		PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(encoded));
		return Arrays.equals(key.getEncoded(), encoded) ? key : null;
	}

	/**
	 * Return the algorithm of a PKCS#8 {@code PrivateKeyInfo}: {@code SEQUENCE { INTEGER
	 * version, SEQUENCE { OBJECT IDENTIFIER algorithm, ... }, ... }}.
	 */
	private static String algorithm(byte[] encoded) {
		int[] position = { 0 };
		if (!enter(encoded, position, SEQUENCE) || !skip(encoded, position, INTEGER)
				|| !enter(encoded, position, SEQUENCE) || tag(encoded, position) != OBJECT_IDENTIFIER) {
			return null;
		}
		position[0]++;
		int length = length(encoded, position);
		if (length < 0 || position[0] + length > encoded.length) {
			return null;
		}
		byte[] oid = Arrays.copyOfRange(encoded, position[0], position[0] + length);
		return Arrays.equals(oid, RSA) ? "RSA" : Arrays.equals(oid, EC) ? "EC" : null;
	}

	private static int tag(byte[] encoded, int[] position) {
		return (position[0] < encoded.length) ? encoded[position[0]] & 0xff : -1;
	}

	private static boolean enter(byte[] encoded, int[] position, int tag) {
		if (tag(encoded, position) != tag) {
			return false;
		}
		position[0]++;
		return length(encoded, position) >= 0;
	}

	private static boolean skip(byte[] encoded, int[] position, int tag) {
		if (tag(encoded, position) != tag) {
			return false;
		}
		position[0]++;
		int length = length(encoded, position);
		if (length < 0) {
			return false;
		}
		position[0] += length;
		return true;
	}

	/**
	 * Read a DER length, definite and at most four bytes long.
	 * @return the length, or {@code -1} when it is not one
	 */
	private static int length(byte[] encoded, int[] position) {
		if (position[0] >= encoded.length) {
			return -1;
		}
		int first = encoded[position[0]++] & 0xff;
		if (first < 0x80) {
			return first;
		}
		int bytes = first & 0x7f;
		if (bytes == 0 || bytes > 3 || position[0] + bytes > encoded.length) {
			return -1;
		}
		int length = 0;
		for (int i = 0; i < bytes; i++) {
			length = (length << 8) | (encoded[position[0]++] & 0xff);
		}
		return length;
	}

	/**
	 * Wrap a PKCS#1 {@code RSAPrivateKey} in a PKCS#8 {@code PrivateKeyInfo}: version 0,
	 * algorithm rsaEncryption with NULL parameters, the key as an octet string.
	 */
	private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
		ByteArrayOutputStream algorithm = new ByteArrayOutputStream();
		write(algorithm, OBJECT_IDENTIFIER, RSA);
		algorithm.writeBytes(new byte[] { 0x05, 0x00 });
		ByteArrayOutputStream info = new ByteArrayOutputStream();
		write(info, INTEGER, new byte[] { 0 });
		write(info, SEQUENCE, algorithm.toByteArray());
		write(info, OCTET_STRING, pkcs1);
		ByteArrayOutputStream result = new ByteArrayOutputStream();
		write(result, SEQUENCE, info.toByteArray());
		return result.toByteArray();
	}

	private static void write(ByteArrayOutputStream out, int tag, byte[] content) {
		out.write(tag);
		int length = content.length;
		if (length < 0x80) {
			out.write(length);
		}
		else if (length < 0x100) {
			out.write(0x81);
			out.write(length);
		}
		else if (length < 0x10000) {
			out.write(0x82);
			out.write(length >> 8);
			out.write(length);
		}
		else {
			out.write(0x83);
			out.write(length >> 16);
			out.write(length >> 8);
			out.write(length);
		}
		out.writeBytes(content);
	}

}
