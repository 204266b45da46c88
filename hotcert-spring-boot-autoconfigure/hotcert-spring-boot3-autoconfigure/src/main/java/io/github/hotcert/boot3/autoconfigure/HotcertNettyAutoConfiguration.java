package io.github.hotcert.boot3.autoconfigure;

import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.server.netty.NettySslApplier;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.embedded.netty.NettyWebServer;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that connects Reactor Netty to hotcert's reloads. Reactor Netty is
 * updated by Spring Boot through the
 * {@link org.springframework.boot.ssl.SslBundleRegistry}; the applier reports what it
 * serves.
 */
@AutoConfiguration(after = HotcertAutoConfiguration.class)
@ConditionalOnClass({ HttpServer.class, NettyWebServer.class })
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnBean(CertificateReloader.class)
public class HotcertNettyAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	NettySslApplier hotcertNettySslApplier() {
		return new NettySslApplier(NettyWebServer.class::isInstance);
	}

}
