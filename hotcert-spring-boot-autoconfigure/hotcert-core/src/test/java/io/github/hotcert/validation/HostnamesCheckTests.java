package io.github.hotcert.validation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestMaterial;
import io.github.hotcert.validation.MaterialCheck.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HostnamesCheck}.
 */
class HostnamesCheckTests {

	private static final TestCertificates certificates = new TestCertificates(
			Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));

	private static final Issued authority = certificates.authority("Test CA");

	private final HostnamesCheck check = new HostnamesCheck();

	@TempDir
	Path directory;

	@Test
	void isTheHostnamesCheck() {
		assertThat(this.check.getCheck()).isEqualTo(Check.HOSTNAMES);
	}

	@Test
	void passesWhenNoHostNameIsRequired() {
		assertThat(check(List.of())).isEmpty();
	}

	@Test
	void passesExactNamesIgnoringCase() {
		assertThat(check(List.of("api.example.com", "WWW.Example.COM"), "www.example.com", "API.example.com"))
			.isEmpty();
	}

	@Test
	void passesNameCoveredByWildcard() {
		assertThat(check(List.of("api.example.com", "www.example.com"), "*.example.com")).isEmpty();
	}

	@Test
	void reportsNamesAWildcardDoesNotCover() {
		TestMaterial material = material();
		Issued leaf = certificates.issue(certificates.leaf("www.example.com").subjectAlternativeNames("*.example.com"),
				authority);
		String file = material.certificateFile().toString();
		assertThat(this.check.check(material.pem(leaf),
				settings(List.of("example.com", "api.example.com", "a.b.example.com", "api.example.org"))))
			.containsExactly(new Problem(file,
					"certificate CN=www.example.com serial " + leaf.serialHex() + " in '" + file
							+ "' does not cover the required host names [example.com, a.b.example.com, "
							+ "api.example.org] (it covers [*.example.com])"));
	}

	@Test
	void passesIpv4Address() {
		assertThat(check(List.of("127.0.0.1"), "localhost", "127.0.0.1")).isEmpty();
	}

	@Test
	void reportsIpv4AddressNotInTheCertificate() {
		assertThat(check(List.of("127.0.0.1", "127.0.0.2"), "localhost", "127.0.0.1")).singleElement()
			.satisfies((problem) -> assertThat(problem.message())
				.contains("does not cover the required host names [127.0.0.2] (it covers [localhost, 127.0.0.1])"));
	}

	@Test
	void passesIpv6AddressInAnyNotation() {
		assertThat(check(List.of("::1", "0:0:0:0:0:0:0:1", "2001:db8::10"), "::1", "2001:DB8:0:0:0:0:0:10")).isEmpty();
	}

	@Test
	void reportsIpv6AddressNotInTheCertificate() {
		assertThat(check(List.of("::2"), "::1")).singleElement()
			.satisfies((problem) -> assertThat(problem.message()).contains("the required host names [::2]"));
	}

	@Test
	void reportsIpAddressCoveredOnlyByDnsNames() {
		assertThat(check(List.of("127.0.0.1", "::1"), "DNS:127.0.0.1", "*.0.0.1", "DNS:::1")).singleElement()
			.satisfies((problem) -> assertThat(problem.message())
				.contains("the required host names [127.0.0.1, ::1] (it covers [127.0.0.1, *.0.0.1, ::1])"));
	}

	@Test
	void ignoresTheCommonName() {
		Issued leaf = certificates
			.issue(certificates.leaf("www.example.com").subjectAlternativeNames("api.example.com"), authority);
		assertThat(this.check.check(material().pem(leaf), settings(List.of("www.example.com")))).singleElement()
			.satisfies((problem) -> assertThat(problem.message())
				.contains("[www.example.com] (it covers [api.example.com])"));
	}

	@Test
	void reportsCertificateWithoutSubjectAlternativeName() {
		Issued leaf = certificates.issue(certificates.leaf("www.example.com").subjectAlternativeNames(), authority);
		assertThat(this.check.check(material().pem(leaf), settings(List.of("www.example.com")))).singleElement()
			.satisfies((problem) -> assertThat(problem.message())
				.endsWith("[www.example.com] (it covers no subject alternative name)"));
	}

	@Test
	void passesTrustMaterialWithoutKey() {
		assertThat(this.check.check(material().trust(List.of(authority.certificate())),
				settings(List.of("www.example.com"))))
			.isEmpty();
	}

	@Test
	void doesNotMatchTheCertificateOfAClientBundleAgainstHostNames() {
		Issued leaf = certificates.issue(certificates.leaf("client").subjectAlternativeNames("client.example.com"),
				authority);
		assertThat(this.check.check(material().pem(leaf),
				settings(List.of("www.example.com")).withRole(BundleRole.CLIENT)))
			.isEmpty();
		assertThat(this.check.check(material().pem(leaf),
				settings(List.of("www.example.com")).withRole(BundleRole.SERVER)))
			.hasSize(1);
	}

	private List<Problem> check(List<String> required, String... subjectAlternativeNames) {
		Issued leaf = certificates
			.issue(certificates.leaf("www.example.com").subjectAlternativeNames(subjectAlternativeNames), authority);
		return this.check.check(material().pem(leaf), settings(required));
	}

	private static ValidationSettings settings(List<String> requiredHostnames) {
		return new ValidationSettings(Duration.ofMinutes(5), Duration.ofHours(24), requiredHostnames, 2048);
	}

	private TestMaterial material() {
		return new TestMaterial(this.directory);
	}

}
