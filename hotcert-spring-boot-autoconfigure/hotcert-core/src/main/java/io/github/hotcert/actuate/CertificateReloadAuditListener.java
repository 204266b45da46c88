package io.github.hotcert.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.hotcert.reload.CertificateReloadEvent;
import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.source.CertificateInfo;

import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.util.Assert;

/**
 * Publishes an {@link AuditApplicationEvent} of type {@value #CERTIFICATE_RELOAD} for
 * every {@link CertificateReloadEvent}, whatever triggered the reload, so that Spring
 * Boot's audit support records it. The principal is the user who asked for the reload or,
 * when there is none, the name of the trigger ({@code watch}, {@code startup}, ...).
 */
public class CertificateReloadAuditListener implements ApplicationListener<CertificateReloadEvent> {

	/**
	 * The type of the audit events.
	 */
	public static final String CERTIFICATE_RELOAD = "CERTIFICATE_RELOAD";

	private final ApplicationEventPublisher publisher;

	/**
	 * Create a new {@link CertificateReloadAuditListener}.
	 * @param publisher the publisher of the audit events
	 */
	public CertificateReloadAuditListener(ApplicationEventPublisher publisher) {
		Assert.notNull(publisher, "'publisher' must not be null");
		this.publisher = publisher;
	}

	@Override
	public void onApplicationEvent(CertificateReloadEvent event) {
		ReloadResult result = event.getResult();
		String principal = (result.principal() != null) ? result.principal() : result.trigger().id();
		this.publisher.publishEvent(
				new AuditApplicationEvent(new AuditEvent(result.time(), principal, CERTIFICATE_RELOAD, data(result))));
	}

	private static Map<String, Object> data(ReloadResult result) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("bundle", result.bundle());
		data.put("trigger", result.trigger().id());
		data.put("outcome", result.outcome().id());
		putIfNotNull(data, "previousSerial", serial(result.previousCertificate()));
		putIfNotNull(data, "newSerial", serial(result.newCertificate()));
		putIfNotNull(data, "reason", result.reason());
		putIfNotNull(data, "message", result.message());
		return data;
	}

	private static void putIfNotNull(Map<String, Object> data, String key, Object value) {
		if (value != null) {
			data.put(key, value);
		}
	}

	private static String serial(CertificateInfo certificate) {
		return (certificate != null) ? certificate.serialNumber() : null;
	}

}
