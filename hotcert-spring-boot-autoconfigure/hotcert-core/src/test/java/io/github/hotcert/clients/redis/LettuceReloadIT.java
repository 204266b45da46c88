package io.github.hotcert.clients.redis;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.ReloadOutcome;
import io.github.hotcert.testsupport.KubernetesSecretVolume;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.RedisServer;
import io.github.hotcert.testsupport.RunningApplication;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.validation.BundleRole;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Spring Data Redis with Lettuce, configured by Spring Boot with an SSL bundle
 * ({@code spring.data.redis.ssl.bundle}), against a real {@code redis-server} that
 * requires client certificates: after the client certificate is rotated, the connection
 * Lettuce makes when it reconnects presents the new one. The server is restarted to
 * accept only the new certificate's CA, which closes the connection: commands work again
 * only once Lettuce has reconnected with the new certificate.
 */
class LettuceReloadIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final TestCertificates certificates = TestCertificates.now();

	private final Issued serverAuthority = this.certificates.authority("redis server CA");

	private final Issued clientAuthority = this.certificates.authority("redis client CA");

	private final Issued rotatedClientAuthority = this.certificates.authority("new redis client CA");

	private final Issued serverCertificate = this.certificates.issue(this.certificates.leaf("redis"),
			this.serverAuthority);

	@RegisterExtension
	final RunningApplication application = new RunningApplication();

	@TempDir
	Path directory;

	private RedisServer redis;

	@AfterEach
	void stopRedis() {
		this.application.close();
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@Test
	void aReconnectionPresentsTheRotatedClientCertificate() throws Exception {
		Path redisDirectory = Files.createDirectories(this.directory.resolve("redis"));
		this.redis = RedisServer.start(redisDirectory, this.serverCertificate, this.clientAuthority);
		KubernetesSecretVolume volume = new KubernetesSecretVolume(this.directory.resolve("client"));
		write(volume, clientCertificate("first redis client", this.clientAuthority));
		this.application.run("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + this.redis.port(),
				"spring.data.redis.ssl.enabled=true", "spring.data.redis.ssl.bundle=redis",
				"spring.data.redis.timeout=2s",
				"spring.ssl.bundle.pem.redis.keystore.certificate=" + volume.file("tls.crt"),
				"spring.ssl.bundle.pem.redis.keystore.private-key=" + volume.file("tls.key"),
				"spring.ssl.bundle.pem.redis.truststore.certificate=" + volume.file("ca.crt"));
		StringRedisTemplate redis = new StringRedisTemplate(this.application.getBean(RedisConnectionFactory.class));
		redis.opsForValue().set("greeting", "hello");
		assertThat(redis.opsForValue().get("greeting")).isEqualTo("hello");
		assertThat(this.application.getBean(CertificateReloader.class).getBundle("redis").getRole())
			.isEqualTo(BundleRole.CLIENT);

		Issued rotated = clientCertificate("rotated redis client", this.rotatedClientAuthority);
		write(volume, rotated);
		this.application.awaitLastResult("redis", "reloaded with the rotated certificate",
				(result) -> result.outcome() == ReloadOutcome.RELOADED
						&& result.newCertificate().serialNumber().equals(rotated.serialHex()),
				TIMEOUT);
		this.redis.restart(this.serverCertificate, this.rotatedClientAuthority);
		await().atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(100))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(redis.opsForValue().get("greeting")).isNull());
		redis.opsForValue().set("greeting", "hello again");
		assertThat(redis.opsForValue().get("greeting")).isEqualTo("hello again");

		// The server accepts only the new CA: the old certificate would be refused
		this.redis.restart(this.serverCertificate, this.clientAuthority);
		assertThatException().isThrownBy(() -> redis.opsForValue().get("greeting"));
	}

	private Issued clientCertificate(String commonName, Issued authority) {
		return this.certificates
			.issue(this.certificates.leaf(commonName).extendedKeyUsage(KeyPurposeId.id_kp_clientAuth), authority);
	}

	private void write(KubernetesSecretVolume volume, Issued client) {
		volume.write(Map.of("tls.crt", bytes(PemFiles.certificates(client.chain())), "tls.key",
				bytes(PemFiles.pkcs8(client.keyPair().getPrivate())), "ca.crt",
				bytes(PemFiles.certificate(this.serverAuthority.certificate()))));
	}

	private static byte[] bytes(String content) {
		return content.getBytes(StandardCharsets.US_ASCII);
	}

}
