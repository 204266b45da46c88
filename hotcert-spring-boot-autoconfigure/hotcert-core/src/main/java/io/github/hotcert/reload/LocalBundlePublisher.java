package io.github.hotcert.reload;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.util.Assert;

/**
 * A {@link BundlePublisher} for a bundle that is not in Spring Boot's registry, such as
 * the one a web server builds from the {@code server.ssl.*} properties. Only hotcert
 * publishes it.
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

	@Override
	public void adopt(SslBundle bundle) {
		Assert.notNull(bundle, "'bundle' must not be null");
		if (this.current == null) {
			this.current = bundle;
		}
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
	public void interceptUpdates(Consumer<SslBundle> interceptor) {
	}

	@Override
	public String toString() {
		return "hotcert bundle '" + this.name + "'";
	}

}
