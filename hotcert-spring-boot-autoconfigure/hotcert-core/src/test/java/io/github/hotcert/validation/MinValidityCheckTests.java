package io.github.hotcert.validation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.github.hotcert.source.LoadedMaterial;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestMaterial;
import io.github.hotcert.testsupport.TestValidation;
import io.github.hotcert.validation.MaterialCheck.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MinValidityCheck}.
 */
class MinValidityCheckTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private static final TestCertificates certificates = new TestCertificates(Clock.fixed(NOW, ZoneOffset.UTC));

	private static final Issued root = certificates.authority("Root CA");

	private final MinValidityCheck check = new MinValidityCheck(Clock.fixed(NOW, ZoneOffset.UTC));

	@TempDir
	Path directory;

	@Test
	void isTheMinValidityCheck() {
		assertThat(this.check.getCheck()).isEqualTo(Check.MIN_VALIDITY);
	}

	@Test
	void passesLeafValidForLongerThanTheMinimum() {
		assertThat(check(leafExpiringIn(Duration.ofDays(90)), TestValidation.SETTINGS)).isEmpty();
	}

	@Test
	void passesLeafValidForExactlyTheMinimum() {
		assertThat(check(leafExpiringIn(Duration.ofHours(24)), TestValidation.SETTINGS)).isEmpty();
	}

	@Test
	void reportsLeafExpiringBeforeTheMinimum() {
		Issued leaf = certificates.issue(certificates.leaf("short.example.com")
			.notBefore(NOW.minus(Duration.ofDays(1)))
			.notAfter(NOW.plus(Duration.ofHours(12))), root);
		TestMaterial material = material();
		String file = material.certificateFile().toString();
		assertThat(check(material.pem(leaf), TestValidation.SETTINGS)).containsExactly(new Problem(file,
				"certificate CN=short.example.com serial " + leaf.serialHex() + " in '" + file
						+ "' expires at 2026-03-02T00:00:00Z, in 12 hours, less than the minimum remaining validity "
						+ "of 24 hours"));
	}

	@Test
	void reportsLeafExpiringOneSecondBeforeTheMinimum() {
		assertThat(check(leafExpiringIn(Duration.ofHours(24).minusSeconds(1)), TestValidation.SETTINGS)).hasSize(1);
	}

	@Test
	void usesTheConfiguredMinimum() {
		LoadedMaterial material = leafExpiringIn(Duration.ofDays(90));
		ValidationSettings hundredDays = new ValidationSettings(Duration.ofMinutes(5), Duration.ofDays(100), List.of(),
				2048);
		assertThat(check(material, hundredDays)).singleElement()
			.satisfies((problem) -> assertThat(problem.message())
				.endsWith("in 90 days, less than the minimum remaining validity of 100 days"));
		ValidationSettings oneHour = new ValidationSettings(Duration.ofMinutes(5), Duration.ofHours(1), List.of(),
				2048);
		assertThat(check(leafExpiringIn(Duration.ofHours(12)), oneHour)).isEmpty();
	}

	@Test
	void leavesExpiredLeafToTheDatesCheck() {
		assertThat(check(leafExpiringIn(Duration.ofHours(-1)), TestValidation.SETTINGS)).isEmpty();
	}

	@Test
	void checksOnlyTheLeaf() {
		Issued intermediate = certificates.intermediate(certificates.leaf("Intermediate CA")
			.notBefore(NOW.minus(Duration.ofDays(400)))
			.notAfter(NOW.plus(Duration.ofHours(1))), root);
		Issued leaf = certificates.issue(certificates.leaf("www.example.com"), intermediate);
		assertThat(check(material().pem(leaf), TestValidation.SETTINGS)).isEmpty();
	}

	@Test
	void reportsTrustedCertificatesOfTrustMaterialThatExpireSoonOrExpired() {
		Issued expiring = certificates.intermediate(certificates.leaf("Expiring CA")
			.notBefore(NOW.minus(Duration.ofDays(400)))
			.notAfter(NOW.plus(Duration.ofHours(1))), root);
		Issued expired = certificates.intermediate(certificates.leaf("Expired CA")
			.notBefore(NOW.minus(Duration.ofDays(400)))
			.notAfter(NOW.minus(Duration.ofHours(2))), root);
		LoadedMaterial material = material()
			.trust(List.of(expiring.certificate(), expired.certificate(), root.certificate()));
		assertThat(check(material, TestValidation.SETTINGS)).extracting(Problem::message)
			.satisfiesExactly(
					(message) -> assertThat(message)
						.startsWith("trusted certificate CN=Expiring CA serial " + expiring.serialHex())
						.contains("in 60 minutes, less than the minimum remaining validity of 24 hours"),
					(message) -> assertThat(message)
						.startsWith("trusted certificate CN=Expired CA serial " + expired.serialHex())
						.contains("2 hours ago: peers whose certificates chain only to it are refused"));
	}

	private LoadedMaterial leafExpiringIn(Duration remaining) {
		return material().pem(certificates.issue(certificates.leaf("www.example.com")
			.notBefore(NOW.minus(Duration.ofDays(30)))
			.notAfter(NOW.plus(remaining)), root));
	}

	private List<Problem> check(LoadedMaterial material, ValidationSettings settings) {
		return this.check.check(material, settings);
	}

	private TestMaterial material() {
		return new TestMaterial(this.directory);
	}

}
