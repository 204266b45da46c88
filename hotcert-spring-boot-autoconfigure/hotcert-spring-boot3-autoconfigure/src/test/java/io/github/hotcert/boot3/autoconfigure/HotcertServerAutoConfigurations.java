package io.github.hotcert.boot3.autoconfigure;

import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;

/**
 * What the auto-configuration tests of the web servers share: hotcert's
 * auto-configurations for every server, and class loaders that hide every server but one.
 */
final class HotcertServerAutoConfigurations {

	static final AutoConfigurations ALL = AutoConfigurations.of(SslAutoConfiguration.class,
			HotcertAutoConfiguration.class, HotcertTomcatAutoConfiguration.class,
			HotcertUndertowAutoConfiguration.class, HotcertJettyAutoConfiguration.class,
			HotcertNettyAutoConfiguration.class);

	private HotcertServerAutoConfigurations() {
	}

	static FilteredClassLoader onlyTomcat() {
		return new FilteredClassLoader(io.undertow.Undertow.class, Server.class, HttpServer.class);
	}

	static FilteredClassLoader onlyUndertow() {
		return new FilteredClassLoader(Tomcat.class, Server.class, HttpServer.class);
	}

	static FilteredClassLoader onlyJetty() {
		return new FilteredClassLoader(Tomcat.class, io.undertow.Undertow.class, HttpServer.class);
	}

	static FilteredClassLoader onlyNetty() {
		return new FilteredClassLoader(Tomcat.class, io.undertow.Undertow.class, Server.class);
	}

}
