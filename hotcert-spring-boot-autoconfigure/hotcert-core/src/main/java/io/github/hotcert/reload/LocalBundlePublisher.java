package io.github.hotcert.reload;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.util.Assert;

/**
 * A {@link BundlePublisher} for a bundle that is not in Spring Boot's registry, such as
 * the one a web server builds from the {@code server.ssl.*} properties.
 */
public class LocalBundlePublisher implements BundlePublisher {

	private final String name;

	private final List<Consumer<SslBundle>> handlers = new CopyOnWriteArrayList<>();

	private volatile SslBundle current;

	/**
	 * Create a new {@link LocalBundlePublisher}.
	 * @param name the bundle name
	 */
	public LocalBundlePublisher(String name) {
		this.name = name;
	}

	@Override
	public SslBundle getCurrent() {
		return this.current;
	}

	/**
	 * Set the bundle that is in use without calling the update handlers, for example the
	 * bundle a web server was started with.
	 * @param bundle the bundle in use
	 */
	public void setInitial(SslBundle bundle) {
		this.current = bundle;
	}

	@Override
	public void publish(SslBundle bundle) {
		Assert.notNull(bundle, "'bundle' must not be null");
		this.current = bundle;
		this.handlers.forEach((handler) -> handler.accept(bundle));
	}

	@Override
	public void addUpdateHandler(Consumer<SslBundle> handler) {
		Assert.notNull(handler, "'handler' must not be null");
		this.handlers.add(handler);
	}

	@Override
	public String toString() {
		return "hotcert bundle '" + this.name + "'";
	}

}
