package io.github.hotcert.actuate;

import java.util.Map;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * Description of every bundle that hotcert keeps up to date.
 *
 * @param bundles the bundles, by name, in configuration order
 */
public record CertificatesDescriptor(Map<String, BundleDescriptor> bundles) implements OperationResponseBody {

}
