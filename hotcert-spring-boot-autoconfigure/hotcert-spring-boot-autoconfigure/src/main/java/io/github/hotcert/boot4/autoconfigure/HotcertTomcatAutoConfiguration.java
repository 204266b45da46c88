package io.github.hotcert.boot4.autoconfigure;

import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.server.tomcat.TomcatSslApplier;
import org.apache.catalina.startup.Tomcat;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that applies reloaded certificates to embedded Tomcat.
 */
@AutoConfiguration(after = HotcertAutoConfiguration.class)
@ConditionalOnClass({ Tomcat.class, TomcatWebServer.class })
@ConditionalOnWebApplication
@ConditionalOnBean(CertificateReloader.class)
public class HotcertTomcatAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TomcatSslApplier hotcertTomcatSslApplier() {
		return new TomcatSslApplier(
				(webServer) -> (webServer instanceof TomcatWebServer tomcat) ? tomcat.getTomcat() : null);
	}

	@Bean
	@ConditionalOnMissingBean
	TomcatSslBundlesCustomizer hotcertTomcatSslBundlesCustomizer() {
		return new TomcatSslBundlesCustomizer();
	}

}
