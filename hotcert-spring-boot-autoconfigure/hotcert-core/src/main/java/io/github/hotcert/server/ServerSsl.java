package io.github.hotcert.server;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.web.server.Ssl;
import org.springframework.util.StringUtils;

/**
 * The SSL configuration of one web server, in terms of bundle names.
 *
 * @param ssl the web server's SSL properties
 * @param defaultBundle the name of the bundle served by default: the
 * {@code server.ssl.bundle}, or the name hotcert gives to the bundle built from the
 * {@code server.ssl.*} properties
 * @param serverNameBundles the bundle of each SNI host name
 */
public record ServerSsl(Ssl ssl, String defaultBundle, Map<String, String> serverNameBundles) {

	public ServerSsl {
		serverNameBundles = Map.copyOf(serverNameBundles);
	}

	/**
	 * Create a {@link ServerSsl} from SSL properties.
	 * @param ssl the SSL properties
	 * @param propertiesBundleName the name of the bundle built from the properties when
	 * no {@code bundle} is set
	 * @return the server SSL
	 */
	public static ServerSsl of(Ssl ssl, String propertiesBundleName) {
		String defaultBundle = StringUtils.hasText(ssl.getBundle()) ? ssl.getBundle() : propertiesBundleName;
		Map<String, String> serverNameBundles = new LinkedHashMap<>();
		ssl.getServerNameBundles().forEach((entry) -> serverNameBundles.put(entry.serverName(), entry.bundle()));
		return new ServerSsl(ssl, defaultBundle, serverNameBundles);
	}

}
