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
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
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

	private static final String UNKNOWN_EXTENSION = "1.3.6.1.4.1.55555.7";

	private static final int MAX_SIZE = 1024 * 1024;

	private static Issued authority;

	@RegisterExtension
	static final RunningApplication application = new RunningApplication();

	private static Issued rsaAuthority;

	private static int port;

	@BeforeAll
	static void start() throws IOException {
		directory = Files.createTempDirectory("hotcert-corpus");
		authority = certificates.authority("hotcert corpus CA");
		rsaAuthority = certificates.authority("hotcert corpus RSA CA", KeyType.RSA_2048);
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
				rejected("RSA 512 key", "web", "path", "RSA 512 bit key used with certificate: CN=web",
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

	static Stream<Case> allCases() {
		Instant now = Instant.now();
		return Stream
			.of(cases(), contentCases(), signatureCases(), extensionCases(), basicConstraintsCases(), leafCases(),
					dateCases(now), chainCases(), keyCases(), sizeCases())
			.flatMap((cases) -> cases);
	}

	static Stream<Case> contentCases() {
		return Stream.of(
				accepted("CRLF line endings", "web", null,
						() -> writeCertificates("web", fresh("web"),
								(issued) -> PemFiles.certificates(issued.chain()).replace("\n", "\r\n"))),
				accepted("text before each block, as openssl writes it", "web", null,
						() -> writeCertificates("web", fresh("web"),
								(issued) -> "Bag Attributes\n    friendlyName: web\n" + "subject=CN = web\n"
										+ PemFiles.certificates(issued.chain()))),
				accepted("blank lines after the last block", "web", null,
						() -> writeCertificates("web", fresh("web"),
								(issued) -> PemFiles.certificates(issued.chain()) + "\n\n  \n")),
				rejected("certificate file of white space only", "web", "parse", "the content is empty",
						() -> write("web", "tls.crt", " \n\n")),
				rejected("empty PEM block", "web", "parse", "the PEM block 'CERTIFICATE' is empty",
						() -> write("web", "tls.crt", "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")),
				rejected("base64 that is not a certificate", "web", "parse", "the PEM content is malformed",
						() -> write("web", "tls.crt",
								String.join("\n",
										PemFiles.certificate(fresh("web").certificate()).lines().toList().subList(0, 6))
										+ "\n-----END CERTIFICATE-----\n")),
				rejected("garbage on the last END line", "web", "parse", "unexpected content after the last PEM block",
						() -> write("web", "tls.crt",
								PemFiles.certificates(fresh("web").chain()).stripTrailing() + "garbage")),
				rejected("chain truncated in its last certificate", "web", "parse", "truncated", () -> {
					String pem = PemFiles.certificates(fresh("web").chain());
					write("web", "tls.crt", pem.substring(0, pem.lastIndexOf("-----END") - 10));
				}), rejected("public key in the key file", "web", "parse", "expected a private key but found",
						() -> write("web", "tls.key", publicKeyPem(fresh("web")))));
	}

	static Stream<Case> signatureCases() {
		return Stream.of(
				rejected("MD5-signed leaf", "web", "signature-algorithm", "is signed with MD5withRSA",
						() -> writePem("web", rsaIssue(spec("web").signatureAlgorithm("MD5withRSA")))),
				rejected("SHA-1 RSA-signed leaf", "web", "signature-algorithm", "is signed with SHA1withRSA",
						() -> writePem("web", rsaIssue(spec("web").signatureAlgorithm("SHA1withRSA")))),
				rejected("SHA-1 ECDSA-signed leaf", "web", "signature-algorithm", "is signed with SHA1withECDSA",
						() -> writePem("web", issue(spec("web").signatureAlgorithm("SHA1withECDSA")))),
				rejected("SHA-1-signed intermediate", "web", "signature-algorithm", "certificate CN=corpus SHA-1 CA",
						() -> writePem("web", certificates.issue(spec("web"),
								intermediate(
										certificates.leaf("corpus SHA-1 CA").signatureAlgorithm("SHA1withECDSA"))))),
				rejected("MD5-signed leaf without its issuer", "web", "signature-algorithm", "MD5withRSA", () -> {
					Issued leaf = rsaIssue(spec("web").signatureAlgorithm("MD5withRSA"));
					writePem("web", List.of(leaf.certificate()), leaf);
				}),
				rejected("MD5-signed leaf in a JKS key store", "jks", "signature-algorithm", "MD5withRSA",
						() -> writeKeyStore("jks", "JKS", rsaIssue(spec("jks").signatureAlgorithm("MD5withRSA")),
								"server", STORE_PASSWORD, KEY_PASSWORD)),
				rejected("SHA-1-signed leaf in a PKCS#12 key store", "p12", "signature-algorithm", "SHA1withECDSA",
						() -> writeKeyStore("p12", "PKCS12", issue(spec("p12").signatureAlgorithm("SHA1withECDSA")),
								"server", STORE_PASSWORD, STORE_PASSWORD)),
				rejected("SHA-1-signed leaf with an encrypted key", "enc", "signature-algorithm", "SHA1withECDSA",
						() -> {
							Issued issued = issue(spec("enc").signatureAlgorithm("SHA1withECDSA"));
							writePem("enc", issued,
									PemFiles.encryptedPkcs8(issued.keyPair().getPrivate(), PEM_PASSWORD));
						}),
				accepted("SHA-1-signed root, which no client verifies", "web", null, () -> {
					Issued root = certificates.selfSigned(certificates.leaf("corpus SHA-1 root")
						.signatureAlgorithm("SHA1withECDSA")
						.basicConstraints(true, null)
						.keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
					writePem("web", certificates.issue(spec("web"), root));
				}),
				accepted("SHA-384 ECDSA signature", "web", null,
						() -> writePem("web", issue(spec("web").signatureAlgorithm("SHA384withECDSA")))),
				accepted("SHA-512 RSA signature", "web", null,
						() -> writePem("web", rsaIssue(spec("web").signatureAlgorithm("SHA512withRSA")))),
				accepted("RSASSA-PSS signature", "web", null,
						() -> writePem("web", rsaIssue(spec("web").signatureAlgorithm("SHA256withRSAandMGF1")))));
	}

	static Stream<Case> extensionCases() {
		return Stream.of(
				rejected("unknown critical extension in the leaf", "web", "critical-extension",
						"does not recognize [" + UNKNOWN_EXTENSION + "]",
						() -> writePem("web", issue(spec("web").extension(UNKNOWN_EXTENSION, true, DERNull.INSTANCE)))),
				rejected("unknown critical extension in the intermediate", "web", "critical-extension",
						"certificate CN=corpus odd CA",
						() -> writePem("web",
								certificates.issue(spec("web"),
										intermediate(certificates.leaf("corpus odd CA")
											.extension(UNKNOWN_EXTENSION, true, DERNull.INSTANCE))))),
				rejected("unknown critical extension in a leaf without its issuer", "web", "critical-extension",
						UNKNOWN_EXTENSION, () -> {
							Issued leaf = issue(spec("web").extension(UNKNOWN_EXTENSION, true, DERNull.INSTANCE));
							writePem("web", List.of(leaf.certificate()), leaf);
						}),
				rejected("unknown critical extension in a self-signed leaf", "web", "critical-extension",
						UNKNOWN_EXTENSION,
						() -> writePem("web",
								certificates
									.selfSigned(spec("web").extension(UNKNOWN_EXTENSION, true, DERNull.INSTANCE)))),
				rejected("unknown critical extension in a JKS key store", "jks", "critical-extension",
						UNKNOWN_EXTENSION,
						() -> writeKeyStore("jks", "JKS",
								issue(spec("jks").extension(UNKNOWN_EXTENSION, true, DERNull.INSTANCE)), "server",
								STORE_PASSWORD, KEY_PASSWORD)),
				accepted("unknown extension that is not critical", "web", null,
						() -> writePem("web",
								issue(spec("web").extension(UNKNOWN_EXTENSION, false, DERNull.INSTANCE)))),
				accepted("critical key usage with digitalSignature", "web", null,
						() -> writePem("web", issue(spec("web").keyUsage(KeyUsage.digitalSignature)))));
	}

	static Stream<Case> basicConstraintsCases() {
		return Stream.of(rejected("issued by a certificate that is not a CA", "web", "basic-constraints",
				"this is not a CA certificate", () -> writePem("web", certificates.issue(spec("web"), notCa()))),
				rejected("issued by a CA without keyCertSign", "web", "basic-constraints", "keyCertSign bit is not set",
						() -> writePem("web",
								certificates.issue(spec("web"),
										intermediate(certificates.leaf("corpus signing-only CA")
											.keyUsage(KeyUsage.digitalSignature))))),
				rejected("intermediate beyond the path length of its issuer", "web", "basic-constraints",
						"pathLenConstraint violated", () -> {
							Issued first = intermediate(
									certificates.leaf("corpus path length 0 CA").basicConstraints(true, 0));
							Issued second = certificates.intermediate(certificates.leaf("corpus subordinate CA"),
									first);
							writePem("web", certificates.issue(spec("web"), second));
						}),
				rejected("last certificate of a chain without root is not a CA", "web", "basic-constraints",
						"but is not a CA certificate", () -> {
							Issued issuer = notCa();
							Issued leaf = certificates.issue(spec("web"), issuer);
							writePem("web", List.of(leaf.certificate(), issuer.certificate()), leaf);
						}),
				rejected("root without basic constraints", "web", "basic-constraints", "is not a CA certificate",
						() -> {
							Issued root = certificates.selfSigned(certificates.leaf("corpus bare root")
								.withoutBasicConstraints()
								.keyUsage(KeyUsage.keyCertSign));
							writePem("web", certificates.issue(spec("web"), root));
						}),
				rejected("PKCS#12 issued by a certificate that is not a CA", "p12", "basic-constraints",
						"this is not a CA certificate", () -> writeKeyStore("p12", "PKCS12",
								certificates.issue(spec("p12"), notCa()), "server", STORE_PASSWORD, STORE_PASSWORD)));
	}

	static Stream<Case> leafCases() {
		return Stream.of(
				rejected("CA certificate served as the leaf", "web", "ca-as-leaf",
						"is a CA certificate (basic constraints CA:TRUE) served as the leaf",
						() -> writePem("web", issue(spec("web").caWithLeafExtensions()))),
				rejected("self-signed CA served alone", "web", "ca-as-leaf", "certificate CN=corpus lone CA",
						() -> writePem("web", certificates.authority("corpus lone CA"))),
				rejected("intermediate served without its leaf", "web", "ca-as-leaf", "certificate CN=corpus served CA",
						() -> writePem("web", intermediate(certificates.leaf("corpus served CA")))),
				rejected("CA certificate as the leaf of a JKS key store", "jks", "ca-as-leaf", "is a CA certificate",
						() -> writeKeyStore("jks", "JKS", issue(spec("jks").caWithLeafExtensions()), "server",
								STORE_PASSWORD, KEY_PASSWORD)),
				rejected("EC key for key agreement only", "web", "key-usage",
						"[keyAgreement] that forbids TLS server use",
						() -> writePem("web", issue(spec("web").keyUsage(KeyUsage.keyAgreement)))),
				rejected("RSA key for key encipherment only", "web", "key-usage", "legacy RSA key exchange",
						() -> writePem("web",
								issue(spec("web").keyType(KeyType.RSA_2048).keyUsage(KeyUsage.keyEncipherment)))),
				rejected("RSA key for data encipherment only", "web", "key-usage", "[dataEncipherment]",
						() -> writePem("web",
								issue(spec("web").keyType(KeyType.RSA_2048).keyUsage(KeyUsage.dataEncipherment)))),
				rejected("Ed25519 key for non-repudiation only", "web", "key-usage", "[nonRepudiation]",
						() -> writePem("web",
								issue(spec("web").keyType(KeyType.ED25519).keyUsage(KeyUsage.nonRepudiation)))),
				accepted("RSA key for signature and key encipherment", "web", null,
						() -> writePem("web",
								issue(spec("web").keyType(KeyType.RSA_2048)
									.keyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment)))),
				accepted("EC key for signature", "web", null,
						() -> writePem("web", issue(spec("web").keyUsage(KeyUsage.digitalSignature)))),
				rejected("RSA 512 intermediate", "web", "path", "RSA 512 bit key used with certificate",
						() -> writePem("web",
								certificates.issue(spec("web"), certificates.intermediate(
										certificates.leaf("corpus weak CA").keyType(KeyType.RSA_512), rsaAuthority)))),
				rejected("PKCS#12 with an RSA 512 key", "p12", "path", "RSA 512 bit key",
						() -> writeKeyStore("p12", "PKCS12", issue(spec("p12").keyType(KeyType.RSA_512)), "server",
								STORE_PASSWORD, STORE_PASSWORD)));
	}

	static Stream<Case> dateCases(Instant now) {
		return Stream.of(
				rejected("expired intermediate", "web", "dates", "certificate CN=corpus expired CA",
						() -> writePem("web",
								certificates.issue(spec("web"),
										intermediate(certificates.leaf("corpus expired CA")
											.notBefore(now.minus(Duration.ofDays(30)))
											.notAfter(now.minus(Duration.ofDays(1))))))),
				rejected("expired root", "web", "dates", "certificate CN=corpus expired root", () -> {
					Issued root = certificates.selfSigned(certificates.leaf("corpus expired root")
						.basicConstraints(true, null)
						.keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
						.notBefore(now.minus(Duration.ofDays(400)))
						.notAfter(now.minus(Duration.ofDays(2))));
					writePem("web", certificates.issue(spec("web"), root));
				}),
				rejected("expired a minute ago", "web", "dates", "expired at",
						() -> writePem("web",
								issue(spec("web").notBefore(now.minus(Duration.ofDays(90)))
									.notAfter(Instant.now().minus(Duration.ofMinutes(1)))))),
				rejected("intermediate not yet valid beyond the clock skew", "web", "dates",
						"beyond the clock skew tolerance",
						() -> writePem("web",
								certificates.issue(spec("web"),
										intermediate(certificates.leaf("corpus future CA")
											.notBefore(Instant.now().plus(Duration.ofHours(2))))))),
				rejected("JKS not yet valid", "jks", "dates", "beyond the clock skew tolerance",
						() -> writeKeyStore("jks", "JKS",
								issue(spec("jks").notBefore(Instant.now().plus(Duration.ofDays(1)))), "server",
								STORE_PASSWORD, KEY_PASSWORD)),
				accepted("JKS that expires within a day (warn only)", "jks", "min-validity",
						() -> writeKeyStore("jks", "JKS",
								issue(spec("jks").notAfter(Instant.now().plus(Duration.ofHours(5)))), "server",
								STORE_PASSWORD, KEY_PASSWORD)));
	}

	static Stream<Case> chainCases() {
		return Stream.of(rejected("leaf twice", "web", "chain", "not by the next certificate in the file", () -> {
			Issued leaf = fresh("web");
			writePem("web", List.of(leaf.certificate(), leaf.certificate(), authority.certificate()), leaf);
		}), rejected("chain in reverse order", "web", "parse", "the leaf certificate is not first", () -> {
			Issued leaf = certificates.issue(spec("web"), intermediate(certificates.leaf("corpus intermediate")));
			writePem("web", List.of(leaf.chain().get(2), leaf.chain().get(1), leaf.certificate()), leaf);
		}), rejected("chain without its intermediate", "web", "chain",
				"is issued by 'CN=corpus intermediate', not by the next certificate in the file", () -> {
					Issued leaf = certificates.issue(spec("web"),
							intermediate(certificates.leaf("corpus intermediate")));
					writePem("web", List.of(leaf.certificate(), authority.certificate()), leaf);
				}),
				rejected("unrelated certificate after the root", "web", "chain", "not by the next certificate", () -> {
					Issued leaf = fresh("web");
					writePem("web", List.of(leaf.certificate(), authority.certificate(),
							certificates.authority("corpus unrelated CA").certificate()), leaf);
				}), rejected("JKS with an intermediate of another CA", "jks", "chain", "not by the next certificate",
						() -> {
							Issued leaf = fresh("jks");
							writeKeyStore("jks", "JKS",
									new Issued(leaf.certificate(), leaf.keyPair(),
											List.of(leaf.certificate(),
													certificates.authority("corpus foreign CA").certificate())),
									"server", STORE_PASSWORD, KEY_PASSWORD);
						}),
				accepted("chain without its root", "web", null, () -> {
					Issued leaf = certificates.issue(spec("web"),
							intermediate(certificates.leaf("corpus intermediate")));
					writePem("web", leaf.chain().subList(0, 2), leaf);
				}), accepted("leaf without its issuer", "web", null, () -> {
					Issued leaf = fresh("web");
					writePem("web", List.of(leaf.certificate()), leaf);
				}),
				accepted("leaf, intermediate and root", "web", null,
						() -> writePem("web",
								certificates.issue(spec("web"),
										intermediate(certificates.leaf("corpus intermediate"))))),
				accepted("five certificates deep", "web", null, () -> {
					Issued issuer = certificates.selfSigned(certificates.leaf("corpus deep root")
						.basicConstraints(true, null)
						.keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
					for (int i = 1; i <= 3; i++) {
						issuer = certificates.intermediate(
								certificates.leaf("corpus deep CA " + i).basicConstraints(true, null), issuer);
					}
					writePem("web", certificates.issue(spec("web"), issuer));
				}));
	}

	static Stream<Case> keyCases() {
		return Stream.of(
				accepted("RSA 3072 key", "web", null,
						() -> writePem("web", issue(spec("web").keyType(KeyType.RSA_3072)))),
				accepted("RSA 4096 key", "web", null,
						() -> writePem("web", issue(spec("web").keyType(KeyType.RSA_4096)))),
				accepted("EC P-384 key", "web", null,
						() -> writePem("web", issue(spec("web").keyType(KeyType.EC_P384)))),
				accepted("EC P-521 key", "web", null,
						() -> writePem("web", issue(spec("web").keyType(KeyType.EC_P521)))),
				accepted("Ed448 key", "web", null, () -> writePem("web", issue(spec("web").keyType(KeyType.ED448)))),
				accepted("PKCS#12 with an RSA key", "p12", null,
						() -> writeKeyStore("p12", "PKCS12", issue(spec("p12").keyType(KeyType.RSA_2048)), "server",
								STORE_PASSWORD, STORE_PASSWORD)),
				accepted("JKS with an EC P-384 key", "jks", null,
						() -> writeKeyStore("jks", "JKS", issue(spec("jks").keyType(KeyType.EC_P384)), "server",
								STORE_PASSWORD, KEY_PASSWORD)),
				rejected("PKCS#1 RSA key of another certificate", "web", "key-match", "does not match certificate",
						() -> {
							Issued issued = issue(spec("web").keyType(KeyType.RSA_2048));
							writePem("web", issued, PemFiles.traditional(KeyType.RSA_2048.generate().getPrivate()));
						}),
				rejected("EC key of another curve", "web", "key-match", "does not match certificate",
						() -> writePem("web", fresh("web"), PemFiles.pkcs8(KeyType.EC_P384.generate().getPrivate()))),
				rejected("PKCS#12 whose key does not match its certificate", "p12", "key-match",
						"does not match certificate CN=p12", () -> writeMismatchedKeyStore("p12", "PKCS12")),
				accepted("weak RSA 1024 key in a JKS key store (warn only)", "jks", "key-strength",
						() -> writeKeyStore("jks", "JKS", issue(spec("jks").keyType(KeyType.RSA_1024)), "server",
								STORE_PASSWORD, KEY_PASSWORD)));
	}

	static Stream<Case> sizeCases() {
		return Stream.of(
				accepted("certificate file of exactly the size limit", "web", null,
						() -> writeCertificates("web", fresh("web"),
								(issued) -> pad(PemFiles.certificates(issued.chain()), MAX_SIZE))),
				rejected("certificate file one byte over the size limit", "web", "parse",
						"larger than the limit of 1048576 bytes",
						() -> writeCertificates("web", fresh("web"),
								(issued) -> pad(PemFiles.certificates(issued.chain()), MAX_SIZE + 1))),
				accepted("500 subject alternative names", "web", null, () -> {
					String[] names = new String[500];
					names[0] = "corpus.test";
					for (int i = 1; i < names.length; i++) {
						names[i] = "host-" + i + ".corpus.test";
					}
					writePem("web", issue(certificates.leaf("web").subjectAlternativeNames(names)));
				}), accepted("large serial number", "web", null,
						() -> writePem("web", issue(spec("web").serial(Long.MAX_VALUE)))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("allCases")
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

	private static Issued rsaIssue(Spec spec) {
		return certificates.issue(spec, rsaAuthority);
	}

	private static Issued intermediate(Spec spec) {
		return certificates.intermediate(spec, authority);
	}

	private static Issued notCa() {
		return certificates.issue(certificates.leaf("corpus not a CA"), authority);
	}

	private static void writeCertificates(String bundle, Issued issued,
			java.util.function.Function<Issued, String> certificates) throws IOException {
		write(bundle, "tls.crt", certificates.apply(issued));
		write(bundle, "tls.key", PemFiles.pkcs8(issued.keyPair().getPrivate()));
	}

	/**
	 * Put lines of text before the PEM blocks (which PEM allows) until the content is
	 * exactly the given number of bytes.
	 */
	private static String pad(String pem, int size) {
		StringBuilder text = new StringBuilder();
		int fill = size - pem.length();
		while (fill - text.length() > 64) {
			text.append("x".repeat(63)).append('\n');
		}
		text.append("x".repeat(fill - text.length() - 1)).append('\n');
		return text + pem;
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
		String keyPassword = type.equals("PKCS12") ? STORE_PASSWORD : KEY_PASSWORD;
		store.setKeyEntry("server", other.keyPair().getPrivate(), keyPassword.toCharArray(),
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
