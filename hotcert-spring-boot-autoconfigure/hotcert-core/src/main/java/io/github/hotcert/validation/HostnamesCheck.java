package io.github.hotcert.validation;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.github.hotcert.source.KeyMaterial;
import io.github.hotcert.source.LoadedMaterial;

/**
 * Checks that the leaf certificate covers every required host name with its subject
 * alternative names. A wildcard name ({@code *.example.com}) covers exactly one label
 * ({@code api.example.com}, not {@code example.com} nor {@code a.b.example.com}). An IP
 * address is covered by an IP address name only, in any notation ({@code ::1} and
 * {@code 0:0:0:0:0:0:0:1} are the same), as TLS clients match it. Only the certificates
 * of server bundles are checked: TLS servers do not match client certificates against
 * host names.
 */
class HostnamesCheck implements MaterialCheck {

	private static final int DNS = 2;

	private static final int IP = 7;

	private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

	@Override
	public Check getCheck() {
		return Check.HOSTNAMES;
	}

	@Override
	public List<Problem> check(LoadedMaterial material, ValidationSettings settings) {
		KeyMaterial key = material.getKey();
		if (key == null || !settings.isServer() || settings.requiredHostnames().isEmpty()) {
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
		if (isIpAddress(host)) {
			// Clients match an IP address against IP address names only, in any notation
			return ipAddresses.contains(ipAddress(host));
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
					ipAddresses.add(ipAddress(((String) name.get(1)).toLowerCase(Locale.ROOT)));
				}
			}
		}
		catch (CertificateParsingException ex) {
			// No usable names: every required host name is reported missing
		}
	}

	private static boolean isIpAddress(String host) {
		return IPV4.matcher(host).matches() || isIpv6Literal(host);
	}

	private static boolean isIpv6Literal(String host) {
		return host.indexOf(':') >= 0
				&& host.chars().allMatch((c) -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
	}

	/**
	 * Return an IPv6 address in the notation of {@link X509Certificate} (no zero
	 * compression), so that {@code ::1} and {@code 0:0:0:0:0:0:0:1} compare equal. Only
	 * literals are parsed: nothing is ever looked up.
	 */
	private static String ipAddress(String address) {
		if (!isIpv6Literal(address)) {
			return address;
		}
		try {
			return InetAddress.getByName(address).getHostAddress();
		}
		catch (UnknownHostException ex) {
			return address;
		}
	}

	private static String covered(List<String> dnsNames, List<String> ipAddresses) {
		List<String> all = new ArrayList<>(dnsNames);
		all.addAll(ipAddresses);
		return all.isEmpty() ? "no subject alternative name" : all.toString();
	}

}
