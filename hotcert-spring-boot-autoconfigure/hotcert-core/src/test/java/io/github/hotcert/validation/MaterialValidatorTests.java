package io.github.hotcert.validation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.hotcert.source.LoadedMaterial;
import io.github.hotcert.source.MaterialLoadException;
import io.github.hotcert.source.MaterialSource;
import io.github.hotcert.source.StoreSource;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestCertificates.KeyType;
import io.github.hotcert.testsupport.TestMaterial;
import io.github.hotcert.testsupport.TestValidation;
import io.github.hotcert.validation.ConfiguredValidationPolicy.BundleOverrides;
import org.bouncycastle.asn1.DERNull;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link MaterialValidator}.
 */
class MaterialValidatorTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private static final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	private static final TestCertificates certificates = new TestCertificates(clock);

	private static final Issued authority = certificates.authority("Test CA");

	private static final Issued leaf = certificates
		.issue(certificates.leaf("www.example.com").subjectAlternativeNames("www.example.com"), authority);

	private final List<Check> ran = new ArrayList<>();

	@TempDir
	Path directory;

	@Test
	void runsDefaultChecksInTheDocumentedOrder() {
		assertThat(MaterialValidator.withDefaultChecks(clock, TestValidation.policy()).getChecks())
			.extracting(MaterialCheck::getCheck)
			.containsExactly(Check.PARSE, Check.KEY_MATCH, Check.DATES, Check.CHAIN, Check.SIGNATURE_ALGORITHM,
					Check.CRITICAL_EXTENSION, Check.BASIC_CONSTRAINTS, Check.PATH, Check.CA_AS_LEAF, Check.KEY_USAGE,
					Check.TRUST_ANCHORS, Check.HANDSHAKE, Check.MIN_VALIDITY, Check.TRUST_CONTINUITY,
					Check.EXTENDED_KEY_USAGE, Check.HOSTNAMES, Check.KEY_STRENGTH);
	}

	@Test
	void runsTheChecksInTheOrderOfTheirDeclaration() {
		assertThat(MaterialValidator.withDefaultChecks(clock, TestValidation.policy()).getChecks())
			.extracting(MaterialCheck::getCheck)
			.isSorted();
	}

	@Test
	void rejectsMd5SignedLeafForSignatureAlgorithmByDefault() {
		Issued rsaAuthority = certificates.authority("RSA CA", KeyType.RSA_2048);
		Issued md5 = certificates.issue(certificates.leaf("www.example.com").signatureAlgorithm("MD5withRSA"),
				rsaAuthority);
		ValidationResult result = validateWithDefaultChecks(TestValidation.policy(), material().pem(md5));
		assertThat(result.findings()).extracting(Finding::check, Finding::severity)
			.containsExactly(tuple(Check.SIGNATURE_ALGORITHM, Severity.REJECT));
	}

	@Test
	void rejectsLeafWithUnknownCriticalExtensionByDefault() {
		Issued unknown = certificates.issue(
				certificates.leaf("www.example.com").extension("1.3.6.1.4.1.55555.1", true, DERNull.INSTANCE),
				authority);
		ValidationResult result = validateWithDefaultChecks(TestValidation.policy(), material().pem(unknown));
		assertThat(result.firstRejection().check()).isEqualTo(Check.CRITICAL_EXTENSION);
	}

	@Test
	void goesOnToTheNextReasonWhenAPathReasonOnlyWarns() {
		Issued rsaAuthority = certificates.authority("RSA CA", KeyType.RSA_2048);
		Issued both = certificates.issue(certificates.leaf("www.example.com")
			.signatureAlgorithm("SHA1withRSA")
			.extension("1.3.6.1.4.1.55555.1", true, DERNull.INSTANCE), rsaAuthority);
		ValidationResult result = validateWithDefaultChecks(policy(Map.of(Check.SIGNATURE_ALGORITHM, Severity.WARN)),
				material().pem(both));
		assertThat(result.findings()).extracting(Finding::check, Finding::severity)
			.containsExactly(tuple(Check.SIGNATURE_ALGORITHM, Severity.WARN),
					tuple(Check.CRITICAL_EXTENSION, Severity.REJECT));
	}

	@Test
	void rejectsMaterialThatCannotBeLoadedForParseWhateverItsSeverity() {
		MaterialLoadException failure = loadFailure();
		for (Severity severity : Severity.values()) {
			ValidationResult result = MaterialValidator.withDefaultChecks(clock, policy(Map.of(Check.PARSE, severity)))
				.rejectUnloadable(failure);
			assertThat(result.findings()).containsExactly(
					new Finding(Check.PARSE, Severity.REJECT, failure.getLocation().describe(), failure.getMessage()));
			assertThat(result.firstRejection().message()).contains("'web'").contains(failure.getLocation().describe());
		}
	}

	private MaterialLoadException loadFailure() {
		TestMaterial material = material();
		try {
			material.pem(leaf);
			java.nio.file.Files.writeString(material.certificateFile(), "not a certificate\n");
			StoreSource keyStore = StoreSource.pem(null,
					TestMaterial.location("keystore.certificate", material.certificateFile()),
					TestMaterial.location("keystore.private-key", material.keyFile()), null);
			new MaterialSource("web", TestMaterial.reader(), keyStore, null,
					org.springframework.boot.ssl.SslBundleKey.NONE, null, null)
				.load();
		}
		catch (MaterialLoadException ex) {
			return ex;
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		throw new AssertionError("the material was loaded");
	}

	@Test
	void acceptsGoodMaterialWithoutFindings() {
		ValidationResult result = validateWithDefaultChecks(TestValidation.policy(), material().pem(leaf));
		assertThat(result.findings()).isEmpty();
		assertThat(result.isRejected()).isFalse();
		assertThat(result.firstRejection()).isNull();
	}

	@Test
	void stopsAtTheFirstRejection() {
		MaterialValidator validator = new MaterialValidator(
				List.of(stub(Check.PARSE), stub(Check.KEY_MATCH, "key problem"), stub(Check.DATES, "dates problem"),
						stub(Check.CHAIN, "chain problem")),
				policy(Map.of(Check.KEY_MATCH, Severity.WARN)));
		ValidationResult result = validator.validate(material().pem(leaf));
		assertThat(this.ran).containsExactly(Check.PARSE, Check.KEY_MATCH, Check.DATES);
		assertThat(result.findings()).containsExactly(
				new Finding(Check.KEY_MATCH, Severity.WARN, "stub", "key problem"),
				new Finding(Check.DATES, Severity.REJECT, "stub", "dates problem"));
		assertThat(result.isRejected()).isTrue();
		assertThat(result.firstRejection().check()).isEqualTo(Check.DATES);
		assertThat(result.warnings()).extracting(Finding::check).containsExactly(Check.KEY_MATCH);
	}

	@Test
	void runsEveryCheckWhenNoneRejects() {
		MaterialValidator validator = new MaterialValidator(List.of(stub(Check.PARSE),
				stub(Check.MIN_VALIDITY, "short"), stub(Check.HOSTNAMES, "names"), stub(Check.KEY_STRENGTH)),
				TestValidation.policy());
		ValidationResult result = validator.validate(material().pem(leaf));
		assertThat(this.ran).containsExactly(Check.PARSE, Check.MIN_VALIDITY, Check.HOSTNAMES, Check.KEY_STRENGTH);
		assertThat(result.isRejected()).isFalse();
		assertThat(result.warnings()).extracting(Finding::check).containsExactly(Check.MIN_VALIDITY, Check.HOSTNAMES);
	}

	@Test
	void doesNotRunCheckThatIsOff() {
		MaterialValidator validator = new MaterialValidator(
				List.of(stub(Check.KEY_MATCH, "key problem"), stub(Check.DATES)),
				policy(Map.of(Check.KEY_MATCH, Severity.OFF)));
		ValidationResult result = validator.validate(material().pem(leaf));
		assertThat(this.ran).containsExactly(Check.DATES);
		assertThat(result.findings()).isEmpty();
	}

	@Test
	void doesNotRunCheckWithoutSeverity() {
		MaterialValidator validator = new MaterialValidator(List.of(stub(Check.KEY_MATCH, "key problem")),
				new ValidationPolicy() {

					@Override
					public Severity getSeverity(String bundleName, Check check) {
						return null;
					}

					@Override
					public ValidationSettings getSettings(String bundleName) {
						return TestValidation.SETTINGS;
					}

				});
		assertThat(validator.validate(material().pem(leaf)).findings()).isEmpty();
		assertThat(this.ran).isEmpty();
	}

	@Test
	void passesTheSettingsOfTheBundleToEachCheck() {
		List<ValidationSettings> seen = new ArrayList<>();
		MaterialCheck recording = new MaterialCheck() {

			@Override
			public Check getCheck() {
				return Check.HOSTNAMES;
			}

			@Override
			public List<Problem> check(LoadedMaterial material, ValidationSettings settings) {
				seen.add(settings);
				return List.of();
			}

		};
		ConfiguredValidationPolicy policy = new ConfiguredValidationPolicy(Map.of(), TestValidation.SETTINGS,
				Map.of("internal", new BundleOverrides(null, null, List.of("internal.example.com"))));
		MaterialValidator validator = new MaterialValidator(List.of(recording), policy);
		validator.validate(material().pem("internal", leaf));
		validator.validate(material().pem("web", leaf));
		assertThat(seen).extracting(ValidationSettings::requiredHostnames)
			.containsExactly(List.of("internal.example.com"), List.of());
	}

	@Test
	void rejectsKeyOfAnotherCertificateForKeyMatchWithoutRunningTheHandshake() {
		Issued other = certificates.issue(certificates.leaf("other.example.com"), authority);
		TestMaterial material = material();
		LoadedMaterial loaded = material.pem(leaf.chain(), other.keyPair().getPrivate());
		String keyFile = material.keyFile().toString();
		ValidationResult result = validateWithDefaultChecks(TestValidation.policy(), loaded);
		assertThat(result.findings())
			.containsExactly(new Finding(Check.KEY_MATCH, Severity.REJECT, keyFile, "private key in '" + keyFile
					+ "' does not match certificate CN=www.example.com serial " + leaf.serialHex()));
		assertThat(new HandshakeCheck().check(loaded, TestValidation.SETTINGS)).isNotEmpty();
	}

	@Test
	void rejectsExpiredCertificateForDates() {
		Issued expired = certificates.issue(certificates.leaf("www.example.com")
			.notBefore(NOW.minus(Duration.ofDays(90)))
			.notAfter(NOW.minus(Duration.ofDays(3))), authority);
		ValidationResult result = validateWithDefaultChecks(TestValidation.policy(), material().pem(expired));
		assertThat(result.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.check()).isEqualTo(Check.DATES);
			assertThat(finding.severity()).isEqualTo(Severity.REJECT);
			assertThat(finding.message()).contains("expired at 2026-02-26T12:00:00Z, 3 days ago");
		});
	}

	@Test
	void publishesExpiredCertificateWhenDatesIsOff() {
		Issued expired = certificates.issue(certificates.leaf("www.example.com")
			.notBefore(NOW.minus(Duration.ofDays(90)))
			.notAfter(NOW.minus(Duration.ofDays(3))), authority);
		ValidationResult result = validateWithDefaultChecks(policy(Map.of(Check.DATES, Severity.OFF)),
				material().pem(expired));
		assertThat(result.findings()).isEmpty();
	}

	@Test
	void reportsWarningsInCheckOrderAndPublishes() {
		Issued weak = certificates.issue(certificates.leaf("www.example.com")
			.keyType(KeyType.RSA_1024)
			.subjectAlternativeNames("www.example.com")
			.notBefore(NOW.minus(Duration.ofDays(90)))
			.notAfter(NOW.plus(Duration.ofHours(12))), authority);
		ConfiguredValidationPolicy policy = new ConfiguredValidationPolicy(Map.of(),
				new ValidationSettings(Duration.ofMinutes(5), Duration.ofHours(24), List.of("api.example.com"), 2048),
				Map.of());
		ValidationResult result = validateWithDefaultChecks(policy, material().pem(weak));
		assertThat(result.isRejected()).isFalse();
		assertThat(result.findings()).extracting(Finding::check, Finding::severity)
			.containsExactly(tuple(Check.MIN_VALIDITY, Severity.WARN), tuple(Check.HOSTNAMES, Severity.WARN),
					tuple(Check.KEY_STRENGTH, Severity.WARN));
	}

	@Test
	void rejectsWithTheConfiguredSeverity() {
		Issued expiring = certificates.issue(certificates.leaf("www.example.com")
			.notBefore(NOW.minus(Duration.ofDays(90)))
			.notAfter(NOW.plus(Duration.ofHours(12))), authority);
		ValidationResult result = validateWithDefaultChecks(policy(Map.of(Check.MIN_VALIDITY, Severity.REJECT)),
				material().pem(expiring));
		assertThat(result.isRejected()).isTrue();
		assertThat(result.firstRejection().check()).isEqualTo(Check.MIN_VALIDITY);
	}

	@Test
	void appliesTheOverridesOfEachBundle() {
		Issued expiring = certificates.issue(certificates.leaf("www.example.com")
			.subjectAlternativeNames("www.example.com")
			.notBefore(NOW.minus(Duration.ofDays(90)))
			.notAfter(NOW.plus(Duration.ofHours(12))), authority);
		ConfiguredValidationPolicy policy = new ConfiguredValidationPolicy(Map.of(),
				new ValidationSettings(Duration.ofMinutes(5), Duration.ofHours(24), List.of("www.example.com"), 2048),
				Map.of("internal", new BundleOverrides(Map.of(Check.HOSTNAMES, Severity.REJECT), Duration.ofHours(1),
						List.of("internal.example.com"))));
		ValidationResult web = validateWithDefaultChecks(policy, material().pem("web", expiring));
		assertThat(web.isRejected()).isFalse();
		assertThat(web.findings()).extracting(Finding::check).containsExactly(Check.MIN_VALIDITY);
		ValidationResult internal = validateWithDefaultChecks(policy, material().pem("internal", expiring));
		assertThat(internal.isRejected()).isTrue();
		assertThat(internal.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.check()).isEqualTo(Check.HOSTNAMES);
			assertThat(finding.severity()).isEqualTo(Severity.REJECT);
			assertThat(finding.message()).contains("does not cover the required host names [internal.example.com]");
		});
	}

	private ValidationResult validateWithDefaultChecks(ValidationPolicy policy, LoadedMaterial material) {
		return MaterialValidator.withDefaultChecks(clock, policy).validate(material);
	}

	private static ValidationPolicy policy(Map<Check, Severity> severities) {
		return new ConfiguredValidationPolicy(severities, TestValidation.SETTINGS, Map.of());
	}

	private MaterialCheck stub(Check check, String... problems) {
		return new MaterialCheck() {

			@Override
			public Check getCheck() {
				return check;
			}

			@Override
			public List<Problem> check(LoadedMaterial material, ValidationSettings settings) {
				MaterialValidatorTests.this.ran.add(check);
				return List.of(problems).stream().map((message) -> new Problem("stub", message)).toList();
			}

		};
	}

	private TestMaterial material() {
		return new TestMaterial(this.directory);
	}

}
