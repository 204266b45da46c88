package io.github.hotcert.clients;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.hotcert.testsupport.ClientCalls;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A plain {@link HttpClient}, built once from {@code createSslContext()} of the bundle
 * that Spring Boot's registry hands out, follows the reloads of that bundle.
 */
class JdkHttpClientReloadIT extends ClientReloadContract {

	@Override
	protected Class<?> clientsConfiguration() {
		return JdkHttpClientConfiguration.class;
	}

	@Configuration(proxyBeanMethods = false)
	static class JdkHttpClientConfiguration {

		@Bean
		ClientCalls jdkHttpClient(SslBundles sslBundles) {
			HttpClient client = HttpClient.newBuilder()
				.sslContext(sslBundles.getBundle("client").createSslContext())
				.connectTimeout(Duration.ofSeconds(10))
				.build();
			return new ClientCalls().add("java.net.http.HttpClient", (uri) -> {
				try {
					return client
						.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
								HttpResponse.BodyHandlers.ofString())
						.body();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
		}

	}

}
