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
 * Tests for {@link DatesCheck}.
 */
class DatesCheckTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private static final TestCertificates certificates = new TestCertificates(Clock.fixed(NOW, ZoneOffset.UTC));

	private static final Issued root = certificates.authority("Root CA");

	private final DatesCheck check = new DatesCheck(Clock.fixed(NOW, ZoneOffset.UTC));

	@TempDir
	Path directory;

	@Test
	void isTheDatesCheck() {
		assertThat(this.check.getCheck()).isEqualTo(Check.DATES);
	}

	@Test
	void passesCertificatesWithinTheirValidity() {
		Issued intermediate = certificates.intermediate(certificates.leaf("Intermediate CA"), root);
		assertThat(check(material().pem(certificates.issue(certificates.leaf("www.example.com"), intermediate))))
			.isEmpty();
	}

	@Test
	void passesCertificateOnItsLastValidInstant() {
		assertThat(check(leaf(NOW.minus(Duration.ofDays(90)), NOW))).isEmpty();
	}

	@Test
	void rejectsExpiredLeaf() {
		Issued leaf = certificates.issue(certificates.leaf("expired.example.com")
			.notBefore(NOW.minus(Duration.ofDays(92)))
			.notAfter(NOW.minus(Duration.ofDays(2))), root);
		TestMaterial material = material();
		String file = material.certificateFile().toString();
		assertThat(check(material.pem(leaf)))
			.containsExactly(new Problem(file, "certificate CN=expired.example.com serial " + leaf.serialHex() + " in '"
					+ file + "' expired at 2026-02-27T12:00:00Z, 2 days ago"));
	}

	@Test
	void rejectsLeafExpiredOneSecondAgo() {
		assertThat(check(leaf(NOW.minus(Duration.ofDays(90)), NOW.minusSeconds(1)))).singleElement()
			.satisfies((problem) -> assertThat(problem.message())
				.endsWith("expired at 2026-03-01T11:59:59Z, 1 seconds ago"));
	}

	@Test
	void rejectsLeafNotValidBeforeMoreThanTheClockSkewFromNow() {
		Issued leaf = certificates.issue(certificates.leaf("future.example.com")
			.notBefore(NOW.plus(Duration.ofHours(1)))
			.notAfter(NOW.plus(Duration.ofDays(90))), root);
		TestMaterial material = material();
		String file = material.certificateFile().toString();
		assertThat(check(material.pem(leaf))).containsExactly(new Problem(file,
				"certificate CN=future.example.com serial " + leaf.serialHex() + " in '" + file
						+ "' is not valid before 2026-03-01T13:00:00Z, 60 minutes from now, "
						+ "beyond the clock skew tolerance of 5 minutes"));
	}

	@Test
	void acceptsLeafNotYetValidWithinTheClockSkew() {
		assertThat(check(leaf(NOW.plus(Duration.ofMinutes(4)), NOW.plus(Duration.ofDays(90))))).isEmpty();
		assertThat(check(leaf(NOW.plus(Duration.ofMinutes(5)), NOW.plus(Duration.ofDays(90))))).isEmpty();
	}

	@Test
	void rejectsLeafNotYetValidOneSecondBeyondTheClockSkew() {
		assertThat(check(leaf(NOW.plus(Duration.ofMinutes(5)).plusSeconds(1), NOW.plus(Duration.ofDays(90)))))
			.singleElement()
			.satisfies((problem) -> assertThat(problem.message()).contains("is not valid before 2026-03-01T12:05:01Z"));
	}

	@Test
	void usesTheConfiguredClockSkew() {
		LoadedMaterial material = leaf(NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(90)));
		ValidationSettings twoHours = new ValidationSettings(Duration.ofHours(2), Duration.ofHours(24), List.of(),
				2048);
		assertThat(this.check.check(material, twoHours)).isEmpty();
		ValidationSettings none = new ValidationSettings(Duration.ZERO, Duration.ofHours(24), List.of(), 2048);
		assertThat(this.check.check(leaf(NOW.plusSeconds(1), NOW.plus(Duration.ofDays(90))), none)).singleElement()
			.satisfies((problem) -> assertThat(problem.message())
				.endsWith("beyond the clock skew tolerance of 0 seconds"));
	}

	@Test
	void rejectsExpiredIntermediate() {
		Issued intermediate = certificates.intermediate(certificates.leaf("Intermediate CA")
			.notBefore(NOW.minus(Duration.ofDays(400)))
			.notAfter(NOW.minus(Duration.ofDays(1))), root);
		Issued leaf = certificates.issue(certificates.leaf("www.example.com"), intermediate);
		TestMaterial material = material();
		String file = material.certificateFile().toString();
		assertThat(check(material.pem(leaf))).containsExactly(new Problem(file, "certificate CN=Intermediate CA serial "
				+ intermediate.serialHex() + " in '" + file + "' expired at 2026-02-28T12:00:00Z, 24 hours ago"));
	}

	@Test
	void reportsEveryCertificateOutsideItsValidity() {
		Issued intermediate = certificates.intermediate(certificates.leaf("Intermediate CA")
			.notBefore(NOW.minus(Duration.ofDays(400)))
			.notAfter(NOW.minus(Duration.ofDays(1))), root);
		Issued leaf = certificates.issue(certificates.leaf("www.example.com")
			.notBefore(NOW.plus(Duration.ofDays(1)))
			.notAfter(NOW.plus(Duration.ofDays(90))), intermediate);
		assertThat(check(material().pem(leaf))).extracting(Problem::message)
			.satisfiesExactly(
					(message) -> assertThat(message).startsWith("certificate CN=www.example.com")
						.contains("is not valid before"),
					(message) -> assertThat(message).startsWith("certificate CN=Intermediate CA")
						.contains("expired at"));
	}

	@Test
	void passesTrustMaterialWithoutKey() {
		Issued expired = certificates.intermediate(certificates.leaf("Expired CA")
			.notBefore(NOW.minus(Duration.ofDays(400)))
			.notAfter(NOW.minus(Duration.ofDays(1))), root);
		assertThat(check(material().trust(List.of(expired.certificate())))).isEmpty();
	}

	private LoadedMaterial leaf(Instant notBefore, Instant notAfter) {
		return material().pem(
				certificates.issue(certificates.leaf("www.example.com").notBefore(notBefore).notAfter(notAfter), root));
	}

	private List<Problem> check(LoadedMaterial material) {
		return this.check.check(material, TestValidation.SETTINGS);
	}

	private TestMaterial material() {
		return new TestMaterial(this.directory);
	}

}
