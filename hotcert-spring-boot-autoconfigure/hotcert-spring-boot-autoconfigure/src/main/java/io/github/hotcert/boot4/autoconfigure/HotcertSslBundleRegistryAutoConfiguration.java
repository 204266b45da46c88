package io.github.hotcert.boot4.autoconfigure;

import io.github.hotcert.config.ConditionalOnBouncyCastle;
import io.github.hotcert.config.HotcertSslBundleRegistryConfiguration;
import io.github.hotcert.reload.ManagedSslBundleRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of Spring Boot's SSL bundle registry as a
 * {@link ManagedSslBundleRegistry}, before {@link SslAutoConfiguration} creates its own:
 * an update of a bundle that hotcert manages, made by application code through the
 * registry, is validated and reported like any other change.
 */
@AutoConfiguration(before = SslAutoConfiguration.class)
@ConditionalOnBouncyCastle
@ConditionalOnBooleanProperty(name = "hotcert.enabled", matchIfMissing = true)
@Import(HotcertSslBundleRegistryConfiguration.class)
public class HotcertSslBundleRegistryAutoConfiguration {

}
