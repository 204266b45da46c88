package io.github.hotcert.boot4.autoconfigure;

import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.server.jetty.JettySslApplier;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that applies reloaded certificates to embedded Jetty.
 */
@AutoConfiguration(after = HotcertAutoConfiguration.class)
@ConditionalOnClass({ Server.class, SslContextFactory.class, JettyWebServer.class })
@ConditionalOnWebApplication
@ConditionalOnBean(CertificateReloader.class)
public class HotcertJettyAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JettySslApplier hotcertJettySslApplier() {
		return new JettySslApplier(
				(webServer) -> (webServer instanceof JettyWebServer jetty) ? jetty.getServer() : null);
	}

}
