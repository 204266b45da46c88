package io.github.hotcert.acme;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;

import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeNotSupportedException;
import org.shredzone.acme4j.exception.AcmeProtocolException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.exception.AcmeUserActionRequiredException;

/**
 * Turns what acme4j reports into {@link AcmeFailure failures} whose reason is the CA's
 * problem type without its namespace ({@code rateLimited}, {@code unauthorized},
 * {@code connection}, ...) and whose message says what happened with the CA's own words.
 */
final class AcmeFailures {

	private static final String ACME_ERROR = "urn:ietf:params:acme:error:";

	private AcmeFailures() {
	}

	static AcmeFailure of(String step, AcmeException ex) {
		if (ex instanceof AcmeRateLimitedException rateLimited) {
			return new AcmeFailure("rateLimited",
					"%s: the CA's rate limit was reached: %s".formatted(step, describe(rateLimited.getProblem())),
					rateLimited.getRetryAfter().orElse(null), ex);
		}
		if (ex instanceof AcmeUserActionRequiredException userAction) {
			return new AcmeFailure("userActionRequired",
					"%s: the CA asks for an action of the account holder: %s (see %s)".formatted(step,
							describe(userAction.getProblem()), userAction.getInstance()),
					null, ex);
		}
		if (ex instanceof AcmeServerException server) {
			return of(step, server.getProblem());
		}
		if (ex instanceof AcmeNetworkException) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return new AcmeFailure("unreachable", "%s: the CA cannot be reached: %s".formatted(step, message(cause)),
					null, ex);
		}
		return new AcmeFailure("error", "%s: %s".formatted(step, message(ex)), null, ex);
	}

	static AcmeFailure of(String step, AcmeProtocolException ex) {
		if (ex instanceof AcmeNotSupportedException) {
			return new AcmeFailure("unsupported", "%s: the CA does not offer it (%s)".formatted(step, ex.getMessage()),
					null, ex);
		}
		return new AcmeFailure("malformed", "%s: the CA's answer cannot be read: %s".formatted(step, ex.getMessage()),
				null, ex);
	}

	static AcmeFailure of(String step, Problem problem) {
		return new AcmeFailure(type(problem), "%s: %s".formatted(step, describe(problem)), null, null);
	}

	static String type(Problem problem) {
		if (problem == null) {
			return "error";
		}
		URI type = problem.getType();
		String text = (type != null) ? type.toString() : "";
		return text.startsWith(ACME_ERROR) ? text.substring(ACME_ERROR.length()) : (text.isEmpty() ? "error" : text);
	}

	static String describe(Problem problem) {
		if (problem == null) {
			return "no reason given";
		}
		StringBuilder text = new StringBuilder(problem.getDetail().or(problem::getTitle).orElse("no detail given"));
		text.append(" (").append(type(problem)).append(')');
		for (Problem sub : problem.getSubProblems()) {
			text.append("; ");
			sub.getIdentifier().ifPresent((identifier) -> text.append(identifier.getValue()).append(": "));
			text.append(sub.getDetail().orElse(type(sub)));
		}
		return text.toString();
	}

	private static String message(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException) {
				return "connection refused";
			}
			if (cause instanceof HttpTimeoutException) {
				return "timed out";
			}
			if (cause instanceof UnknownHostException) {
				return "unknown host " + cause.getMessage();
			}
		}
		String message = ex.getMessage();
		return (message != null && !message.isBlank()) ? message : ex.getClass().getSimpleName();
	}

}
