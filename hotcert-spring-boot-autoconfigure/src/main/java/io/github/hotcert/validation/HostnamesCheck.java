package io.github.hotcert.validation;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import io.github.hotcert.source.KeyMaterial;
import io.github.hotcert.source.LoadedMaterial;

/**
 * Checks that the leaf certificate covers every required host name with its subject
 * alternative names. A wildcard name ({@code *.example.com}) covers exactly one label
 * ({@code api.example.com}, not {@code example.com} nor {@code a.b.example.com}).
 */
public class HostnamesCheck implements MaterialCheck {

	private static final int DNS = 2;

	private static final int IP = 7;

	@Override
	public Check getCheck() {
		return Check.HOSTNAMES;
	}

	@Override
	public List<Problem> check(LoadedMaterial material, ValidationSettings settings) {
		KeyMaterial key = material.getKey();
		if (key == null || settings.requiredHostnames().isEmpty()) {
			return List.of();
		}
		X509Certificate leaf = key.leaf();
		List<String> dnsNames = new ArrayList<>();
		List<String> ipAddresses = new ArrayList<>();
		names(leaf, dnsNames, ipAddresses);
		List<String> missing = settings.requiredHostnames()
			.stream()
			.filter((hostname) -> !covers(hostname, dnsNames, ipAddresses))
			.toList();
		if (missing.isEmpty()) {
			return List.of();
		}
		String location = Describe.location(key.certificateLocation());
		return List.of(new Problem(location, "%s in '%s' does not cover the required host names %s (it covers %s)"
			.formatted(Describe.certificate(leaf), location, missing, covered(dnsNames, ipAddresses))));
	}

	static boolean covers(String hostname, List<String> dnsNames, List<String> ipAddresses) {
		String host = hostname.toLowerCase(Locale.ROOT);
		if (ipAddresses.contains(host)) {
			return true;
		}
		for (String name : dnsNames) {
			String pattern = name.toLowerCase(Locale.ROOT);
			if (pattern.equals(host)) {
				return true;
			}
			if (pattern.startsWith("*.")) {
				int dot = host.indexOf('.');
				if (dot > 0 && host.substring(dot + 1).equals(pattern.substring(2))) {
					return true;
				}
			}
		}
		return false;
	}

	private static void names(X509Certificate certificate, List<String> dnsNames, List<String> ipAddresses) {
		try {
			Collection<List<?>> names = certificate.getSubjectAlternativeNames();
			if (names == null) {
				return;
			}
			for (List<?> name : names) {
				int type = (Integer) name.get(0);
				if (type == DNS) {
					dnsNames.add((String) name.get(1));
				}
				else if (type == IP) {
					ipAddresses.add(((String) name.get(1)).toLowerCase(Locale.ROOT));
				}
			}
		}
		catch (CertificateParsingException ex) {
			// No usable names: every required host name is reported missing
		}
	}

	private static String covered(List<String> dnsNames, List<String> ipAddresses) {
		List<String> all = new ArrayList<>(dnsNames);
		all.addAll(ipAddresses);
		return all.isEmpty() ? "no subject alternative name" : all.toString();
	}

}
