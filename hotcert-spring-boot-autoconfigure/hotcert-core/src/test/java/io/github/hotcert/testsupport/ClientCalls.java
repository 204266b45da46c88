package io.github.hotcert.testsupport;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Calls made with TLS clients that an application built once, by name, for tests that
 * prove what those clients present and trust. Each call sends {@code GET} to a URI and
 * returns the body of the answer; it throws when the call fails.
 */
public final class ClientCalls {

	private final Map<String, Function<URI, String>> calls = new LinkedHashMap<>();

	/**
	 * Add a call.
	 * @param name the name of the client, for messages
	 * @param call the call
	 * @return these calls
	 */
	public ClientCalls add(String name, Function<URI, String> call) {
		this.calls.put(name, call);
		return this;
	}

	/**
	 * Return the calls, by client name.
	 * @return the calls
	 */
	public Map<String, Function<URI, String>> calls() {
		return Collections.unmodifiableMap(new LinkedHashMap<>(this.calls));
	}

}
