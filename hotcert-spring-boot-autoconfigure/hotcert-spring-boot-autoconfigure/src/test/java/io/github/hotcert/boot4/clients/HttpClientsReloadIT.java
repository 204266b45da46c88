package io.github.hotcert.boot4.clients;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.hotcert.clients.ClientReloadContract;
import io.github.hotcert.testsupport.ClientCalls;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webclient.autoconfigure.WebClientSsl;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The HTTP clients that Spring Boot 4 builds from an SSL bundle, built once at startup,
 * follow the reloads of the bundle: {@link RestClient} and {@link RestTemplate} with the
 * bundle in Spring Boot's HTTP client settings, for the JDK, Apache HttpClient 5, Jetty
 * and Reactor Netty request factories, and {@link WebClient} with {@link WebClientSsl}.
 */
class HttpClientsReloadIT extends ClientReloadContract {

	@Override
	protected Class<?> clientsConfiguration() {
		return HttpClientsConfiguration.class;
	}

	@Configuration(proxyBeanMethods = false)
	static class HttpClientsConfiguration {

		private static final Duration TIMEOUT = Duration.ofSeconds(10);

		@Bean
		ClientCalls restClients(ObjectProvider<RestClient.Builder> builders, SslBundles sslBundles) {
			HttpClientSettings settings = HttpClientSettings.ofSslBundle(sslBundles.getBundle("client"))
				.withTimeouts(TIMEOUT, TIMEOUT);
			ClientCalls calls = new ClientCalls();
			requestFactories().forEach((name, requestFactory) -> {
				RestClient client = builders.getObject().requestFactory(requestFactory.build(settings)).build();
				calls.add("RestClient (" + name + ")", (uri) -> client.get().uri(uri).retrieve().body(String.class));
			});
			return calls;
		}

		@Bean
		ClientCalls restTemplates(RestTemplateBuilder builder, SslBundles sslBundles) {
			ClientCalls calls = new ClientCalls();
			requestFactories().forEach((name, requestFactory) -> {
				RestTemplate template = builder.requestFactoryBuilder(requestFactory)
					.sslBundle(sslBundles.getBundle("client"))
					.connectTimeout(TIMEOUT)
					.readTimeout(TIMEOUT)
					.build();
				calls.add("RestTemplate (" + name + ")", (uri) -> template.getForObject(uri, String.class));
			});
			return calls;
		}

		@Bean
		ClientCalls webClient(WebClient.Builder builder, WebClientSsl ssl) {
			WebClient client = builder.apply(ssl.fromBundle("client")).build();
			return new ClientCalls().add("WebClient (Reactor Netty)",
					(uri) -> client.get().uri(uri).retrieve().bodyToMono(String.class).block(TIMEOUT));
		}

		private static Map<String, ClientHttpRequestFactoryBuilder<?>> requestFactories() {
			Map<String, ClientHttpRequestFactoryBuilder<?>> requestFactories = new LinkedHashMap<>();
			requestFactories.put("JDK", ClientHttpRequestFactoryBuilder.jdk());
			requestFactories.put("Apache HttpClient 5", ClientHttpRequestFactoryBuilder.httpComponents());
			requestFactories.put("Jetty", ClientHttpRequestFactoryBuilder.jetty());
			requestFactories.put("Reactor Netty", ClientHttpRequestFactoryBuilder.reactor());
			return requestFactories;
		}

	}

}
