package io.github.hotcert.validation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.ReloadOutcome;
import io.github.hotcert.reload.ReloadRequest;
import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.reload.ReloadTrigger;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.RunningApplication;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestCertificates.KeyType;
import io.github.hotcert.testsupport.TestCertificates.Spec;
import io.github.hotcert.testsupport.TestWebApplication;
import io.github.hotcert.testsupport.TlsClient;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad certificate material, case by case, against a real Tomcat that serves four bundles
 * (PEM, PEM with an encrypted key, JKS, PKCS#12), each on its own SNI host name. Every
 * case first installs good material, then writes the bad material and asks for a reload:
 * the reason must be the specific one, and a real handshake must still show the good
 * certificate. Cases that a check only warns about must be served, with the warning.
 */
class ValidationCorpusIT {

	private static final String STORE_PASSWORD = "storepass";

	private static final String KEY_PASSWORD = "keypass";

	private static final String PEM_PASSWORD = "pempass";

	private static final TestCertificates certificates = TestCertificates.now();

	private static Path directory;

	private static Issued authority;

	@RegisterExtension
	static final RunningApplication application = new RunningApplication();

	private static int port;

	@BeforeAll
	static void start() throws IOException {
		directory = Files.createTempDirectory("hotcert-corpus");
		authority = certificates.authority("hotcert corpus CA");
		for (String bundle : List.of("web", "enc")) {
			writePem(bundle, good(bundle), null);
		}
		writeKeyStore("jks", "JKS", good("jks"), "server", STORE_PASSWORD, KEY_PASSWORD);
		writeKeyStore("p12", "PKCS12", good("p12"), "server", STORE_PASSWORD, STORE_PASSWORD);
		application.run(TestWebApplication.concat(
				TestWebApplication.pemBundle("web", file("web", "tls.crt"), file("web", "tls.key")),
				new String[] { "spring.ssl.bundle.pem.enc.keystore.certificate=" + file("enc", "tls.crt"),
						"spring.ssl.bundle.pem.enc.keystore.private-key=" + file("enc", "tls.key"),
						"spring.ssl.bundle.pem.enc.keystore.private-key-password=" + PEM_PASSWORD,
						"spring.ssl.bundle.jks.jks.keystore.location=" + file("jks", "keystore"),
						"spring.ssl.bundle.jks.jks.keystore.type=JKS",
						"spring.ssl.bundle.jks.jks.keystore.password=" + STORE_PASSWORD,
						"spring.ssl.bundle.jks.jks.key.alias=server",
						"spring.ssl.bundle.jks.jks.key.password=" + KEY_PASSWORD,
						"spring.ssl.bundle.jks.p12.keystore.location=" + file("p12", "keystore"),
						"spring.ssl.bundle.jks.p12.keystore.type=PKCS12",
						"spring.ssl.bundle.jks.p12.keystore.password=" + STORE_PASSWORD,
						"spring.ssl.bundle.jks.p12.key.alias=server",
						"server.ssl.server-name-bundles[0].server-name=enc.test",
						"server.ssl.server-name-bundles[0].bundle=enc",
						"server.ssl.server-name-bundles[1].server-name=jks.test",
						"server.ssl.server-name-bundles[1].bundle=jks",
						"server.ssl.server-name-bundles[2].server-name=p12.test",
						"server.ssl.server-name-bundles[2].bundle=p12",
						"hotcert.validation.required-hostnames=corpus.test", "hotcert.retry.enabled=false",
						"hotcert.watch.mode=off" }));
		port = application.port();
	}

	@AfterAll
	static void deleteDirectory() throws IOException {
		delete(directory);
	}

	static Stream<Case> cases() {
		Instant now = Instant.now();
		return Stream.of(
				rejected("empty certificate file", "web", "parse", "the content is empty",
						() -> write("web", "tls.crt", "")),
				rejected("garbage instead of a certificate", "web", "parse", "no '-----BEGIN' line",
						() -> write("web", "tls.crt", "this is not a certificate\n")),
				rejected("DER where PEM is expected", "web", "parse", "looks like binary DER",
						() -> write("web", "tls.crt", fresh("web").certificate().getEncoded())),
				rejected("truncated certificate", "web", "parse", "truncated",
						() -> write("web", "tls.crt", truncate(PemFiles.certificates(fresh("web").chain())))),
				rejected("content after the last PEM block", "web", "parse",
						"unexpected content after the last PEM block",
						() -> write("web", "tls.crt", PemFiles.certificates(fresh("web").chain()) + "garbage\n")),
				rejected("corrupted base64", "web", "parse", "malformed",
						() -> write("web", "tls.crt", corrupt(PemFiles.certificate(fresh("web").certificate())))),
				rejected("private key in the certificate file", "web", "parse",
						"expected only certificates but found a private key",
						() -> write("web", "tls.crt", PemFiles.pkcs8(fresh("web").keyPair().getPrivate()))),
				rejected("public key in the certificate file", "web", "parse", "expected only certificates",
						() -> write("web", "tls.crt", publicKeyPem(fresh("web")))),
				rejected("leaf not first", "web", "parse", "the leaf certificate is not first",
						() -> writePem("web", leafNotFirst(fresh("web")))),
				rejected("huge certificate file", "web", "parse", "larger than the limit of 1048576 bytes",
						() -> write("web", "tls.crt", huge(PemFiles.certificates(fresh("web").chain())))),
				rejected("directory instead of the certificate file", "web", "parse",
						"the path is a directory, not a file",
						() -> Files.createDirectory(delete(file("web", "tls.crt")))),
				rejected("dangling symbolic link", "web", "parse", "which does not exist",
						() -> Files.createSymbolicLink(delete(file("web", "tls.crt")), directory.resolve("gone.crt"))),
				rejected("missing private key file", "web", "parse", "the file does not exist",
						() -> delete(file("web", "tls.key"))),
				rejected("unreadable private key file", "web", "parse",
						isRoot() ? "the file cannot be read: Input/output error"
								: "the file is not readable (permission denied)",
						ValidationCorpusIT::unreadable),
				rejected("empty private key file", "web", "parse", "the content is empty",
						() -> write("web", "tls.key", "")),
				rejected("certificate in the key file", "web", "parse",
						"expected a private key but found a certificate",
						() -> write("web", "tls.key", PemFiles.certificate(fresh("web").certificate()))),
				rejected("two keys in the key file", "web", "parse", "expected one private key but found 2",
						() -> write("web", "tls.key",
								PemFiles.pkcs8(fresh("web").keyPair().getPrivate())
										+ PemFiles.pkcs8(fresh("web").keyPair().getPrivate()))),
				rejected("truncated private key", "web", "parse", "truncated",
						() -> write("web", "tls.key", truncate(PemFiles.pkcs8(fresh("web").keyPair().getPrivate())))),
				rejected("encrypted key without a configured password", "web", "parse", "no password is configured",
						() -> {
							Issued issued = fresh("web");
							writePem("web", issued, PemFiles.encryptedPkcs8(issued.keyPair().getPrivate(), "secret"));
						}),
				rejected("encrypted PKCS#8 key with a wrong password", "enc", "parse", "the password is wrong", () -> {
					Issued issued = fresh("enc");
					writePem("enc", issued, PemFiles.encryptedPkcs8(issued.keyPair().getPrivate(), "wrong"));
				}), rejected("legacy encrypted PEM key with a wrong password", "enc", "parse", "the password is wrong",
						() -> {
							Issued issued = fresh("enc");
							writePem("enc", issued, PemFiles.legacyEncrypted(issued.keyPair().getPrivate(), "wrong"));
						}),
				rejected("key of another certificate", "web", "key-match", "does not match certificate CN=web",
						() -> writePem("web", fresh("web"), PemFiles.pkcs8(fresh("web").keyPair().getPrivate()))),
				rejected("RSA key for an EC certificate", "web", "key-match", "does not match certificate",
						() -> writePem("web", fresh("web"), PemFiles.pkcs8(KeyType.RSA_2048.generate().getPrivate()))),
				rejected("expired certificate", "web", "dates", "expired at",
						() -> writePem("web",
								issue(spec("web").notBefore(now.minus(Duration.ofDays(30)))
									.notAfter(now.minus(Duration.ofDays(1)))))),
				rejected("not yet valid beyond the clock skew", "web", "dates", "beyond the clock skew tolerance",
						() -> writePem("web", issue(spec("web").notBefore(now.plus(Duration.ofHours(1)))))),
				rejected("chain with an intermediate of another CA", "web", "chain",
						"not by the next certificate in the file",
						() -> writePem("web", chainWithForeignIssuer(fresh("web")))),
				rejected("chain with the right issuer name but another key", "web", "chain",
						"is not signed by the next certificate",
						() -> writePem("web", chainWithImpostor(fresh("web")))),
				rejected("RSA 512 key", "web", "handshake", "TLS handshake with certificate CN=web",
						() -> writePem("web", issue(spec("web").keyType(KeyType.RSA_512)))),
				rejected("JKS without the configured alias", "jks", "parse", "no entry with alias 'server'",
						() -> writeKeyStore("jks", "JKS", fresh("jks"), "other", STORE_PASSWORD, KEY_PASSWORD)),
				rejected("JKS with a wrong key password", "jks", "parse", "the key password (key.password) is wrong",
						() -> writeKeyStore("jks", "JKS", fresh("jks"), "server", STORE_PASSWORD, "wrong")),
				rejected("JKS whose key does not match its certificate", "jks", "key-match",
						"does not match certificate CN=jks", () -> writeMismatchedKeyStore("jks", "JKS")),
				rejected("PKCS#12 with a wrong store password", "p12", "parse", "the password is wrong or missing",
						() -> writeKeyStore("p12", "PKCS12", fresh("p12"), "server", "wrong", "wrong")),
				rejected("garbage instead of a PKCS#12 key store", "p12", "parse", "not a valid PKCS12 key store",
						() -> write("p12", "keystore", "not a key store")),
				rejected("PKCS#12 with an expired certificate", "p12", "dates", "expired at",
						() -> writeKeyStore("p12", "PKCS12",
								issue(spec("p12").notBefore(now.minus(Duration.ofDays(30)))
									.notAfter(now.minus(Duration.ofDays(1)))),
								"server", STORE_PASSWORD, STORE_PASSWORD)),
				accepted("not yet valid within the clock skew", "web", null,
						() -> writePem("web", issue(spec("web").notBefore(now.plus(Duration.ofMinutes(2)))))),
				accepted("weak RSA 1024 key (warn only)", "web", "key-strength",
						() -> writePem("web", issue(spec("web").keyType(KeyType.RSA_1024)))),
				accepted("client authentication only (warn only)", "web", "extended-key-usage",
						() -> writePem("web", issue(spec("web").extendedKeyUsage(KeyPurposeId.id_kp_clientAuth)))),
				accepted("required host name not covered (warn only)", "web", "hostnames",
						() -> writePem("web", issue(spec("web").subjectAlternativeNames("localhost")))),
				accepted("expires within a day (warn only)", "web", "min-validity",
						() -> writePem("web", issue(spec("web").notAfter(now.plus(Duration.ofHours(3)))))),
				accepted("encrypted PKCS#8 key with the right password", "enc", null, () -> {
					Issued issued = fresh("enc");
					writePem("enc", issued, PemFiles.encryptedPkcs8(issued.keyPair().getPrivate(), PEM_PASSWORD));
				}), accepted("legacy encrypted PEM key with the right password", "enc", null, () -> {
					Issued issued = issue(spec("enc").keyType(KeyType.RSA_2048));
					writePem("enc", issued, PemFiles.legacyEncrypted(issued.keyPair().getPrivate(), PEM_PASSWORD));
				}), accepted("PKCS#1 RSA key", "web", null, () -> {
					Issued issued = issue(spec("web").keyType(KeyType.RSA_2048));
					writePem("web", issued, PemFiles.traditional(issued.keyPair().getPrivate()));
				}), accepted("SEC1 EC key", "web", null, () -> {
					Issued issued = fresh("web");
					writePem("web", issued, PemFiles.traditional(issued.keyPair().getPrivate()));
				}), accepted("Ed25519 key", "web", null,
						() -> writePem("web", issue(spec("web").keyType(KeyType.ED25519)))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void badMaterialIsRejectedAndThePreviousCertificateKeepsServing(Case testCase) throws Exception {
		CertificateReloader reloader = application.getBean(CertificateReloader.class);
		TlsClient client = client(testCase.bundle());
		Issued baseline = installGood(testCase.bundle());
		assertThat(client.servedSerial(port)).isEqualTo(baseline.serialHex());
		testCase.write().run();
		ReloadResult result = reloader.reload(testCase.bundle(), ReloadRequest.of(ReloadTrigger.MANUAL));
		if (testCase.reason() != null) {
			assertThat(result.outcome()).as(result.message()).isEqualTo(ReloadOutcome.REJECTED);
			assertThat(result.reason()).as(result.message()).isEqualTo(testCase.reason());
			assertThat(result.message()).contains(testCase.message());
			assertThat(result.message()).contains(testCase.bundle().equals("jks") || testCase.bundle().equals("p12")
					? directory.resolve(testCase.bundle()).toString()
					: directory.resolve(testCase.bundle()).toString());
			for (int i = 0; i < 3; i++) {
				assertThat(client.servedSerial(port)).isEqualTo(baseline.serialHex());
			}
			assertThat(client.get(port, "/").body()).isEqualTo("ok");
		}
		else {
			assertThat(result.outcome()).as(result.message()).isEqualTo(ReloadOutcome.RELOADED);
			assertThat(client.servedSerial(port)).isEqualTo(result.newCertificate().serialNumber())
				.isNotEqualTo(baseline.serialHex());
			if (testCase.warning() != null) {
				assertThat(result.findings()).extracting((finding) -> finding.check().id())
					.contains(testCase.warning());
			}
			else {
				assertThat(result.findings()).isEmpty();
			}
		}
	}

	private static Issued installGood(String bundle) throws Exception {
		Issued good = good(bundle);
		if (bundle.equals("jks")) {
			writeKeyStore(bundle, "JKS", good, "server", STORE_PASSWORD, KEY_PASSWORD);
		}
		else if (bundle.equals("p12")) {
			writeKeyStore(bundle, "PKCS12", good, "server", STORE_PASSWORD, STORE_PASSWORD);
		}
		else {
			writePem(bundle, good,
					bundle.equals("enc") ? PemFiles.encryptedPkcs8(good.keyPair().getPrivate(), PEM_PASSWORD) : null);
		}
		ReloadResult result = application.getBean(CertificateReloader.class)
			.reload(bundle, ReloadRequest.of(ReloadTrigger.MANUAL));
		assertThat(result.outcome()).as(result.message()).isEqualTo(ReloadOutcome.RELOADED);
		return good;
	}

	private static TlsClient client(String bundle) {
		return bundle.equals("web") ? TlsClient.create() : TlsClient.create().withServerName(bundle + ".test");
	}

	private static Spec spec(String bundle) {
		return certificates.leaf(bundle).subjectAlternativeNames("localhost", "127.0.0.1", "corpus.test");
	}

	private static Issued issue(Spec spec) {
		return certificates.issue(spec, authority);
	}

	private static Issued good(String bundle) {
		return issue(spec(bundle));
	}

	private static Issued fresh(String bundle) {
		return good(bundle);
	}

	private static Path file(String bundle, String name) {
		return directory.resolve(bundle).resolve(name);
	}

	private static void writePem(String bundle, Issued issued) throws IOException {
		writePem(bundle, issued, null);
	}

	private static void writePem(String bundle, Issued issued, String key) throws IOException {
		write(bundle, "tls.crt", PemFiles.certificates(issued.chain()));
		write(bundle, "tls.key", (key != null) ? key : PemFiles.pkcs8(issued.keyPair().getPrivate()));
	}

	private static void writePem(String bundle, List<java.security.cert.X509Certificate> chain, Issued leaf)
			throws IOException {
		write(bundle, "tls.crt", PemFiles.certificates(chain));
		write(bundle, "tls.key", PemFiles.pkcs8(leaf.keyPair().getPrivate()));
	}

	private static void writePem(String bundle, ChainAndKey chain) throws IOException {
		writePem(bundle, chain.chain(), chain.leaf());
	}

	private static void writeKeyStore(String bundle, String type, Issued issued, String alias, String storePassword,
			String keyPassword) throws IOException {
		write(bundle, "keystore", PemFiles.keyStore(type, alias, issued, storePassword, keyPassword));
	}

	private static void writeMismatchedKeyStore(String bundle, String type) throws Exception {
		Issued certificate = fresh(bundle);
		Issued other = fresh(bundle);
		java.security.KeyStore store = java.security.KeyStore.getInstance(type);
		store.load(null);
		store.setKeyEntry("server", other.keyPair().getPrivate(), KEY_PASSWORD.toCharArray(),
				certificate.chain().toArray(java.security.cert.X509Certificate[]::new));
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		store.store(out, STORE_PASSWORD.toCharArray());
		write(bundle, "keystore", out.toByteArray());
	}

	private static void write(String bundle, String name, String content) throws IOException {
		write(bundle, name, content.getBytes(StandardCharsets.US_ASCII));
	}

	private static void write(String bundle, String name, byte[] content) throws IOException {
		Path file = file(bundle, name);
		Files.createDirectories(file.getParent());
		delete(file);
		Files.write(file, content);
	}

	private static String truncate(String pem) {
		return pem.substring(0, pem.length() / 2);
	}

	private static String corrupt(String pem) {
		int start = pem.indexOf('\n') + 10;
		return pem.substring(0, start) + "!!!!" + pem.substring(start + 4);
	}

	private static String huge(String pem) {
		return pem.repeat((int) (2 * 1024 * 1024 / pem.length()) + 1);
	}

	private static String publicKeyPem(Issued issued) throws IOException {
		java.io.StringWriter text = new java.io.StringWriter();
		try (org.bouncycastle.openssl.jcajce.JcaPEMWriter writer = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(
				text)) {
			writer.writeObject(issued.keyPair().getPublic());
		}
		return text.toString();
	}

	private static ChainAndKey leafNotFirst(Issued issued) {
		return new ChainAndKey(List.of(authority.certificate(), issued.certificate()), issued);
	}

	private static ChainAndKey chainWithForeignIssuer(Issued issued) {
		Issued otherAuthority = certificates.authority("another CA");
		return new ChainAndKey(List.of(issued.certificate(), otherAuthority.certificate()), issued);
	}

	private static ChainAndKey chainWithImpostor(Issued issued) {
		Issued impostor = certificates.authority("hotcert corpus CA");
		return new ChainAndKey(List.of(issued.certificate(), impostor.certificate()), issued);
	}

	/**
	 * Root reads any file regardless of its permissions, so as root the key is a link to
	 * a file whose every read fails ({@code /proc/self/mem} at offset 0: EIO).
	 */
	private static void unreadable() throws IOException {
		Path key = file("web", "tls.key");
		if (isRoot()) {
			Files.createSymbolicLink(delete(key), Path.of("/proc/self/mem"));
		}
		else {
			Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
		}
	}

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static Path delete(Path path) throws IOException {
		if (Files.isSymbolicLink(path) || Files.isRegularFile(path)) {
			Files.delete(path);
		}
		else if (Files.isDirectory(path)) {
			try (Stream<Path> paths = Files.walk(path)) {
				for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(each);
				}
			}
		}
		return path;
	}

	private static Case rejected(String name, String bundle, String reason, String message, Write write) {
		return new Case(name, bundle, reason, message, null, write);
	}

	private static Case accepted(String name, String bundle, String warning, Write write) {
		return new Case(name, bundle, null, null, warning, write);
	}

	record Case(String name, String bundle, String reason, String message, String warning, Write write) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	record ChainAndKey(List<java.security.cert.X509Certificate> chain, Issued leaf) {

	}

	@FunctionalInterface
	interface Write {

		void run() throws Exception;

	}

}
