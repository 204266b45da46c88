package io.github.hotcert.validation;

import java.nio.file.Path;
import java.util.List;

import io.github.hotcert.source.CertificateInfo;
import io.github.hotcert.source.LoadedMaterial;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestMaterial;
import io.github.hotcert.testsupport.TestValidation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TrustContinuityCheck}.
 */
class TrustContinuityCheckTests {

	private static final TestCertificates certificates = TestCertificates.now();

	private static final Issued oldAuthority = certificates.authority("Old CA");

	private static final Issued newAuthority = certificates.authority("New CA");

	private final TrustContinuityCheck check = new TrustContinuityCheck();

	@TempDir
	Path directory;

	@Test
	void isTheTrustContinuityCheck() {
		assertThat(this.check.getCheck()).isEqualTo(Check.TRUST_CONTINUITY);
	}

	@Test
	void passesTrustMaterialThatKeepsOneOfTheCertificatesTrustedBefore() {
		LoadedMaterial material = trusting(oldAuthority, newAuthority);
		assertThat(this.check.check(material, TestValidation.TRUST, served(oldAuthority))).isEmpty();
	}

	@Test
	void reportsTrustMaterialThatRemovesEveryCertificateTrustedBefore() {
		LoadedMaterial material = trusting(newAuthority);
		String file = material.getTrust().location().describe();
		assertThat(this.check.check(material, TestValidation.CLIENT, served(oldAuthority))).singleElement()
			.satisfies((problem) -> {
				assertThat(problem.location()).isEqualTo(file);
				assertThat(problem.message()).isEqualTo("the new trust material of bundle 'web' in '" + file
						+ "' removes every certificate trusted before [CN=Old CA serial " + oldAuthority.serialHex()
						+ " (expires " + oldAuthority.certificate().getNotAfter().toInstant() + ")]: peers whose "
						+ "certificates chain only to those are refused from the next handshake on");
			});
	}

	@Test
	void reportsMaterialWithoutTrustMaterialThatReplacesTrustedCertificates() {
		LoadedMaterial material = new TestMaterial(this.directory)
			.pem(certificates.issue(certificates.leaf("client"), newAuthority));
		assertThat(this.check.check(material, TestValidation.CLIENT, served(oldAuthority))).singleElement()
			.satisfies((problem) -> assertThat(problem.message())
				.contains("has no trust material: it no longer trusts [CN=Old CA"));
	}

	@Test
	void passesAnythingWhenNothingWasTrustedBefore() {
		assertThat(this.check.check(trusting(newAuthority), TestValidation.TRUST, List.of())).isEmpty();
		assertThat(this.check.check(trusting(newAuthority), TestValidation.TRUST)).isEmpty();
	}

	private LoadedMaterial trusting(Issued... authorities) {
		return new TestMaterial(this.directory)
			.trust(java.util.Arrays.stream(authorities).map(Issued::certificate).toList());
	}

	private static List<CertificateInfo> served(Issued authority) {
		return List.of(CertificateInfo.of(authority.certificate()));
	}

}
