package io.github.hotcert.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One way of running the sample application: its jar and the arguments that select the
 * web server's reload behaviour.
 *
 * @param name the name shown in the report
 * @param jar the packaged sample application
 * @param arguments the arguments added to the common ones
 */
record Variant(String name, Path jar, List<String> arguments) {

	static Variant hotcert(String server, Path jar) {
		return new Variant("hotcert, " + server, jar, List.of());
	}

	static Variant springBootReload(String server, Path jar, String... arguments) {
		List<String> all = new ArrayList<>(
				List.of("--hotcert.enabled=false", "--spring.ssl.bundle.pem.web.reload-on-update=true"));
		all.addAll(List.of(arguments));
		return new Variant("Spring Boot reload-on-update, " + server, jar, List.copyOf(all));
	}

	static Variant staticSsl(String server, Path jar) {
		return new Variant("static SSL, no hotcert, " + server, jar, List.of("--hotcert.enabled=false"));
	}

	/**
	 * Whether hotcert runs in this variant.
	 * @return {@code false} when it is disabled
	 */
	boolean runsHotcert() {
		return !this.arguments.contains("--hotcert.enabled=false");
	}

}
