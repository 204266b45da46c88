package io.github.hotcert.sample;

import com.github.dockerjava.api.exception.NotFoundException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.testcontainers.DockerClientFactory;

/**
 * The condition of {@link RequiresDockerImage}: enabled when Testcontainers finds a
 * Docker engine and the engine has the image; otherwise disabled with the reason, or, on
 * CI ({@code CI=true}), failed with it.
 */
class DockerImageCondition implements ExecutionCondition {

	private static final Log logger = LogFactory.getLog(DockerImageCondition.class);

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		RequiresDockerImage requirement = AnnotationSupport
			.findAnnotation(context.getElement(), RequiresDockerImage.class)
			.orElse(null);
		if (requirement == null) {
			return ConditionEvaluationResult.enabled("Checked for the test class");
		}
		String missing = missing(requirement);
		if (missing == null) {
			return ConditionEvaluationResult.enabled("Docker is available with image '" + requirement.value() + "'");
		}
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(missing + ". On CI (CI=true) these tests must run, never be skipped");
		}
		String skipped = missing + ": skipping " + context.getDisplayName()
				+ " (on CI, with CI=true, this is a failure)";
		// Build tools count skipped tests without showing why: say it here
		logger.warn(skipped);
		return ConditionEvaluationResult.disabled(skipped);
	}

	private static String missing(RequiresDockerImage requirement) {
		if (!DockerClientFactory.instance().isDockerAvailable()) {
			return "No Docker engine found (Testcontainers could not connect to one, see its log above). Install "
					+ "and start one as .ci/run does (Debian: apt-get install docker.io, then "
					+ "dockerd --bridge=none --iptables=false)";
		}
		try {
			DockerClientFactory.instance().client().inspectImageCmd(requirement.value()).exec();
			return null;
		}
		catch (NotFoundException ex) {
			return "The Docker image '%s' does not exist (images are never pulled): %s".formatted(requirement.value(),
					requirement.howToBuild());
		}
	}

}
