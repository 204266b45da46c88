package io.github.hotcert.boot3.autoconfigure;

import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.server.ServedBundles;
import io.github.hotcert.server.undertow.UndertowSslApplier;
import io.undertow.Undertow;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.embedded.undertow.UndertowWebServer;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that applies reloaded certificates to embedded Undertow.
 */
@AutoConfiguration(after = HotcertAutoConfiguration.class)
@ConditionalOnClass({ Undertow.class, UndertowWebServer.class })
@ConditionalOnWebApplication
@ConditionalOnBean(CertificateReloader.class)
public class HotcertUndertowAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	UndertowSslApplier hotcertUndertowSslApplier(CertificateReloader reloader, SslBundles sslBundles) {
		return new UndertowSslApplier(new ServedBundles(reloader, sslBundles),
				(webServer) -> (webServer instanceof UndertowWebServer undertow) ? undertow.getUndertow() : null);
	}

}
