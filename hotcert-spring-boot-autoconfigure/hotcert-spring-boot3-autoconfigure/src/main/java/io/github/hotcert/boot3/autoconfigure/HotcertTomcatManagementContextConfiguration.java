package io.github.hotcert.boot3.autoconfigure;

import io.github.hotcert.reload.CertificateReloader;
import org.apache.catalina.startup.Tomcat;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.boot.web.embedded.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.context.annotation.Bean;

/**
 * Configuration of the management child context, when the management server runs on its
 * own port: customizes its Tomcat the way {@link HotcertTomcatAutoConfiguration}
 * customizes the main one, since the child context does not use the customizers of its
 * parent.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnClass({ Tomcat.class, ConfigurableTomcatWebServerFactory.class })
@ConditionalOnBean(CertificateReloader.class)
public class HotcertTomcatManagementContextConfiguration {

	@Bean
	@ConditionalOnMissingBean(search = SearchStrategy.CURRENT)
	TomcatSslBundlesCustomizer hotcertManagementTomcatSslBundlesCustomizer() {
		return new TomcatSslBundlesCustomizer();
	}

}
