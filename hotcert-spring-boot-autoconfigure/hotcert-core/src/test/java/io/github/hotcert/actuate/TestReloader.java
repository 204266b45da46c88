package io.github.hotcert.actuate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

import io.github.hotcert.reload.BundlePublisher;
import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.LocalBundlePublisher;
import io.github.hotcert.reload.ManagedBundle;
import io.github.hotcert.reload.RegistryBundlePublisher;
import io.github.hotcert.source.ContentReader;
import io.github.hotcert.source.MaterialLocation;
import io.github.hotcert.source.MaterialSource;
import io.github.hotcert.source.StoreSource;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestValidation;
import io.github.hotcert.validation.HandshakeCheck;
import io.github.hotcert.validation.KeyMatchCheck;
import io.github.hotcert.validation.MaterialValidator;

import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.util.unit.DataSize;

/**
 * A real {@link CertificateReloader} for one PEM bundle named {@code web}, read from
 * {@code tls.crt} and {@code tls.key} in a directory, without a web server: published
 * locally, like a bundle built from {@code server.ssl.*}, or through Spring Boot's
 * registry.
 */
final class TestReloader {

	private final Path directory;

	private final CertificateReloader reloader;

	private TestReloader(Path directory, ApplicationEventPublisher eventPublisher,
			Function<MaterialSource, BundlePublisher> publisher) {
		this(directory,
				new MaterialSource("web", reader(),
						StoreSource.pem(null, location("certificate", directory.resolve("tls.crt")),
								location("private-key", directory.resolve("tls.key")), null),
						null, null, null, null),
				eventPublisher, publisher);
	}

	private TestReloader(Path directory, MaterialSource source, ApplicationEventPublisher eventPublisher,
			Function<MaterialSource, BundlePublisher> publisher) {
		this.directory = directory;
		ManagedBundle bundle = new ManagedBundle(source, publisher.apply(source), 20);
		this.reloader = new CertificateReloader(List.of(bundle),
				new MaterialValidator(List.of(new KeyMatchCheck(), new HandshakeCheck()), TestValidation.policy()),
				eventPublisher, Clock.systemUTC());
	}

	/**
	 * Write the files and start serving them.
	 */
	static TestReloader started(Path directory, Issued issued, ApplicationEventPublisher eventPublisher) {
		return started(directory, issued, eventPublisher, (source) -> new LocalBundlePublisher("web"));
	}

	/**
	 * Write the files and start serving them as a bundle of Spring Boot's registry, the
	 * way a {@code spring.ssl.bundle.*} bundle is served.
	 */
	static TestReloader startedInRegistry(Path directory, Issued issued) {
		DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry();
		return started(directory, issued, (event) -> {
		}, (source) -> {
			registry.registerBundle("web", source.load().getSslBundle());
			return new RegistryBundlePublisher("web", registry, registry);
		});
	}

	/**
	 * Write a trust file ({@code ca.crt}) and start serving it as a bundle with trust
	 * material only.
	 */
	static TestReloader startedTrusting(Path directory, X509Certificate... trusted) {
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		PemFiles.replace(directory.resolve("ca.crt"), PemFiles.certificates(List.of(trusted)));
		MaterialSource source = new MaterialSource("web", reader(), null,
				StoreSource.pem(null, location("certificate", directory.resolve("ca.crt")), null, null), null, null,
				null);
		TestReloader reloader = new TestReloader(directory, source, (event) -> {
		}, (ignored) -> new LocalBundlePublisher("web"));
		reloader.reloader.initialize();
		return reloader;
	}

	private static ContentReader reader() {
		return new ContentReader(new DefaultResourceLoader(), DataSize.ofMegabytes(1));
	}

	private static TestReloader started(Path directory, Issued issued, ApplicationEventPublisher eventPublisher,
			Function<MaterialSource, BundlePublisher> publisher) {
		write(directory, issued);
		TestReloader reloader = new TestReloader(directory, eventPublisher, publisher);
		reloader.reloader.initialize();
		return reloader;
	}

	CertificateReloader reloader() {
		return this.reloader;
	}

	ManagedBundle bundle() {
		return this.reloader.getBundle("web");
	}

	Path certificate() {
		return this.directory.resolve("tls.crt");
	}

	Path privateKey() {
		return this.directory.resolve("tls.key");
	}

	void write(Issued issued) {
		write(this.directory, issued);
	}

	void writeMismatched(Issued certificate, Issued key) {
		PemFiles.replace(privateKey(), PemFiles.pkcs8(key.keyPair().getPrivate()));
		PemFiles.replace(certificate(), PemFiles.certificates(certificate.chain()));
	}

	private static void write(Path directory, Issued issued) {
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		PemFiles.replace(directory.resolve("tls.key"), PemFiles.pkcs8(issued.keyPair().getPrivate()));
		PemFiles.replace(directory.resolve("tls.crt"), PemFiles.certificates(issued.chain()));
	}

	private static MaterialLocation location(String name, Path path) {
		return new MaterialLocation("spring.ssl.bundle.pem.web.keystore." + name, path.toString(), path);
	}

}
