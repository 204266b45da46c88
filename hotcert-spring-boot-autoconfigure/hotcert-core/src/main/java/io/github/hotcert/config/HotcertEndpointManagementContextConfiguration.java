package io.github.hotcert.config;

import io.github.hotcert.actuate.CertificatesEndpointWebExtension;
import io.github.hotcert.actuate.ReloadRequestFilter;
import io.github.hotcert.actuate.ReloadRequestWebFilter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.server.WebFilter;

/**
 * Configuration of the server that serves the actuator endpoints (the main server, or the
 * management server on its own port), the same on every Spring Boot line: the
 * {@code certificates} endpoint's {@code POST} body is checked by a filter before
 * actuator binds it. Actuator binds a write operation's arguments from the body read as a
 * map of strings, with the application's JSON mapper (Jackson 2 on Spring Boot 3.5,
 * Jackson 3 on Spring Boot 4), and converts them leniently: only a filter in front of it
 * sees the body as it was sent, on both lines.
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
@ConditionalOnBean(CertificatesEndpointWebExtension.class)
public class HotcertEndpointManagementContextConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(FilterRegistrationBean.class)
	static class ServletConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "hotcertReloadRequestFilter")
		FilterRegistrationBean<ReloadRequestFilter> hotcertReloadRequestFilter(
				ObjectProvider<PathMappedEndpoints> endpoints) {
			FilterRegistrationBean<ReloadRequestFilter> registration = new FilterRegistrationBean<>(
					new ReloadRequestFilter(endpoints::getIfAvailable));
			// Last, after authentication: a caller who may not reload learns nothing
			// from the body check
			registration.setOrder(Ordered.LOWEST_PRECEDENCE);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(WebFilter.class)
	static class ReactiveConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReloadRequestWebFilter hotcertReloadRequestWebFilter(ObjectProvider<PathMappedEndpoints> endpoints) {
			return new ReloadRequestWebFilter(endpoints::getIfAvailable);
		}

	}

}
