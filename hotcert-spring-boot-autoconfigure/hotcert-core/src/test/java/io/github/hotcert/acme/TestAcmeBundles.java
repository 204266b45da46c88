package io.github.hotcert.acme;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.hotcert.source.ContentReader;
import io.github.hotcert.source.MaterialSources;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.util.unit.DataSize;

/**
 * ACME bundles with the default settings, for tests that need one without a CA.
 */
public final class TestAcmeBundles {

	private TestAcmeBundles() {
	}

	/**
	 * Return the settings of a bundle with the default settings for the domain
	 * {@code <name>.example}.
	 */
	public static AcmeBundleSettings settings(String name, Path storage) {
		return new AcmeBundleSettings(name, URI.create("https://ca.example/directory"), List.of(name + ".example"),
				null, storage, ChallengeType.HTTP_01, null, 80, null, null, AcmeKeyType.EC_P256, null, null, 1.0 / 3,
				false, Duration.ofMinutes(5), new Backoff(Duration.ofMinutes(1), Duration.ofHours(4)),
				Duration.ofMinutes(2));
	}

	/**
	 * Return one such bundle.
	 */
	public static AcmeBundles of(String name, Path storage) {
		return new AcmeBundles(List.of(settings(name, storage)), materialSources());
	}

	public static MaterialSources materialSources() {
		DefaultResourceLoader loader = new DefaultResourceLoader();
		return new MaterialSources(loader, new ContentReader(loader, DataSize.ofMegabytes(1)));
	}

}
