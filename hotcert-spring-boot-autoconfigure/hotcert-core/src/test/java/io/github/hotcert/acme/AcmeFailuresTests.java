package io.github.hotcert.acme;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URL;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeNotSupportedException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.toolbox.JSON;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AcmeFailures}, with problem documents as CAs send them (RFC 8555,
 * section 6.7).
 */
class AcmeFailuresTests {

	@Test
	void problemTypeWithoutItsNamespaceIsTheReason() throws Exception {
		AcmeFailure failure = AcmeFailures.of("Ordering", new AcmeServerException(problem("""
				{"type": "urn:ietf:params:acme:error:unauthorized",
				 "detail": "Account is not authorized for this domain"}""")));
		assertThat(failure.getReason()).isEqualTo("unauthorized");
		assertThat(failure.getMessage())
			.isEqualTo("Ordering: Account is not authorized for this domain (unauthorized)");
	}

	@Test
	void subproblemsNameTheirIdentifiers() throws Exception {
		AcmeFailure failure = AcmeFailures.of("Ordering",
				problem("""
						{"type": "urn:ietf:params:acme:error:rejectedIdentifier",
						 "detail": "Some of the identifiers requested were rejected",
						 "subproblems": [{"type": "urn:ietf:params:acme:error:rejectedIdentifier",
						   "detail": "Invalid underscore in DNS name", "identifier": {"type": "dns", "value": "_example.org"}}]}"""));
		assertThat(failure.getMessage()).endsWith("(rejectedIdentifier); _example.org: Invalid underscore in DNS name");
	}

	@Test
	void rateLimitKeepsTheRetryAfterOfTheCa() throws Exception {
		Instant retryAfter = Instant.parse("2026-03-01T12:00:00Z");
		AcmeFailure failure = AcmeFailures.of("Ordering", new AcmeRateLimitedException(problem("""
				{"type": "urn:ietf:params:acme:error:rateLimited",
				 "detail": "too many certificates (5) already issued for this exact set of identifiers"}"""),
				retryAfter, null));
		assertThat(failure.getReason()).isEqualTo("rateLimited");
		assertThat(failure.getRetryAfter()).isEqualTo(retryAfter);
		assertThat(failure.getMessage()).contains("rate limit").contains("too many certificates");
	}

	@Test
	void networkFailureSaysTheCaCannotBeReached() {
		AcmeFailure failure = AcmeFailures.of("Ordering",
				new AcmeNetworkException(new IOException(new ConnectException())));
		assertThat(failure.getReason()).isEqualTo("unreachable");
		assertThat(failure.getMessage()).isEqualTo("Ordering: the CA cannot be reached: connection refused");
	}

	@Test
	void featureTheCaDoesNotOffer() {
		AcmeFailure failure = AcmeFailures.of("Ordering", new AcmeNotSupportedException("profile"));
		assertThat(failure.getReason()).isEqualTo("unsupported");
		assertThat(failure.getMessage()).contains("the CA does not offer it").contains("profile");
	}

	private static Problem problem(String json) throws Exception {
		return new Problem(JSON.parse(json), new URL("https://ca.example/acme/"));
	}

}
