package io.github.hotcert.config;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Matches when Bouncy Castle's PKIX library is on the class path, by looking for the
 * class file of its PEM parser as a resource. Loading the class, as
 * {@code @ConditionalOnClass} does, would make the class loader read the manifests of
 * Bouncy Castle's signed jars, which list a digest for each of their thousands of
 * entries: tens of milliseconds on the thread that starts the application, at every
 * start, even with hotcert disabled. hotcert loads Bouncy Castle on its own startup
 * thread, the first time it reads material.
 *
 * @see ConditionalOnBouncyCastle
 */
class OnBouncyCastleCondition extends SpringBootCondition {

	private static final String PEM_PARSER = "org.bouncycastle.openssl.PEMParser";

	private static final String PEM_PARSER_CLASS_FILE = ClassUtils.convertClassNameToResourcePath(PEM_PARSER)
			+ ClassUtils.CLASS_FILE_SUFFIX;

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnBouncyCastle.class);
		ClassLoader classLoader = (context.getClassLoader() != null) ? context.getClassLoader()
				: ClassUtils.getDefaultClassLoader();
		if (classLoader != null && classLoader.getResource(PEM_PARSER_CLASS_FILE) != null) {
			return ConditionOutcome.match(message.found("class").items(PEM_PARSER));
		}
		return ConditionOutcome.noMatch(message.didNotFind("class").items(PEM_PARSER));
	}

}
