package io.github.hotcert.config;

import java.util.Collections;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when at least one ACME bundle is configured under
 * {@code hotcert.acme.bundle.*}, the way Spring Boot's OAuth2 client auto-configuration
 * checks for configured registrations.
 */
public class AcmeBundlesCondition extends SpringBootCondition {

	private static final Bindable<Map<String, AcmeProperties.Bundle>> BUNDLES = Bindable.mapOf(String.class,
			AcmeProperties.Bundle.class);

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("ACME bundles");
		Map<String, AcmeProperties.Bundle> bundles = Binder.get(context.getEnvironment())
			.bind("hotcert.acme.bundle", BUNDLES)
			.orElse(Collections.emptyMap());
		if (!bundles.isEmpty()) {
			return ConditionOutcome.match(message.found("hotcert.acme.bundle").items(bundles.keySet()));
		}
		return ConditionOutcome.noMatch(message.didNotFind("hotcert.acme.bundle").atAll());
	}

}
