package io.github.hotcert.source;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The trusted certificates of a bundle (for example the client CAs of mutual TLS).
 *
 * @param certificates the trusted certificates
 * @param location where the certificates were read from
 */
public record TrustMaterial(List<X509Certificate> certificates, MaterialLocation location) {

}
