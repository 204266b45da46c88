package io.github.hotcert.actuate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.hotcert.reload.CertificateReloadEvent;
import io.github.hotcert.reload.ReloadRequest;
import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.reload.ReloadTrigger;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CertificateReloadAuditListener}, fed by a real reloader.
 */
class CertificateReloadAuditListenerTests {

	private final TestCertificates certificates = TestCertificates.now();

	private final List<Object> published = new ArrayList<>();

	private final CertificateReloadAuditListener listener = new CertificateReloadAuditListener(this.published::add);

	@TempDir
	Path directory;

	private Issued authority;

	private Issued served;

	private TestReloader reloader;

	@BeforeEach
	void serve() {
		this.authority = this.certificates.authority("hotcert test CA");
		this.served = issue("served.example");
		this.reloader = TestReloader.started(this.directory, this.served, (event) -> {
			if (event instanceof CertificateReloadEvent reload) {
				this.listener.onApplicationEvent(reload);
			}
		});
	}

	@Test
	void auditsStartupWithTheTriggerAsPrincipal() {
		AuditEvent event = single();
		assertThat(event.getType()).isEqualTo("CERTIFICATE_RELOAD");
		assertThat(event.getPrincipal()).isEqualTo("startup");
		assertThat(event.getData()).containsEntry("bundle", "web")
			.containsEntry("trigger", "startup")
			.containsEntry("outcome", "unchanged")
			.containsEntry("previousSerial", this.served.serialHex())
			.containsEntry("newSerial", this.served.serialHex());
	}

	@Test
	void auditsReloadWithTheUserWhoAskedAsPrincipal() {
		this.published.clear();
		Issued next = issue("next.example");
		this.reloader.write(next);
		ReloadResult result = this.reloader.reloader()
			.reload("web", new ReloadRequest(ReloadTrigger.MANUAL, false, false, "alice"));
		AuditEvent event = single();
		assertThat(event.getPrincipal()).isEqualTo("alice");
		assertThat(event.getTimestamp()).isEqualTo(result.time());
		assertThat(event.getData()).containsEntry("trigger", "manual")
			.containsEntry("outcome", "reloaded")
			.containsEntry("previousSerial", this.served.serialHex())
			.containsEntry("newSerial", next.serialHex());
	}

	@Test
	void auditsRejectionWithTheReason() {
		this.published.clear();
		this.reloader.writeMismatched(issue("next.example"), issue("other.example"));
		this.reloader.reloader().reload("web", ReloadRequest.of(ReloadTrigger.WATCH));
		AuditEvent event = single();
		assertThat(event.getPrincipal()).isEqualTo("watch");
		assertThat(event.getData()).containsEntry("outcome", "rejected")
			.containsEntry("reason", "key-match")
			.containsEntry("previousSerial", this.served.serialHex());
		assertThat(event.getData().get("message")).asString().contains(this.reloader.privateKey().toString());
	}

	private AuditEvent single() {
		assertThat(this.published).singleElement().isInstanceOf(AuditApplicationEvent.class);
		return ((AuditApplicationEvent) this.published.get(0)).getAuditEvent();
	}

	private Issued issue(String commonName) {
		return this.certificates.issue(this.certificates.leaf(commonName), this.authority);
	}

}
