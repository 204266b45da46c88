package io.github.hotcert.actuate;

import java.util.function.Supplier;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoint;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.http.server.PathContainer;

/**
 * Recognizes the requests that reach a write operation of the {@code certificates}
 * endpoint over HTTP: a {@code POST} to the endpoint's path, or below it, while the
 * endpoint has write operations (its access is unrestricted). The path is compared
 * decoded and ignoring case, so that no spelling of it that actuator would route escapes
 * the check; while the endpoint is read-only, actuator answers {@code POST} itself.
 */
final class ReloadRequestMatcher {

	private static final EndpointId ID = EndpointId.of("certificates");

	private final Supplier<PathMappedEndpoints> endpoints;

	/**
	 * Create a new {@link ReloadRequestMatcher}.
	 * @param endpoints supplies the web endpoints and their paths, or {@code null} when
	 * there are none
	 */
	ReloadRequestMatcher(Supplier<PathMappedEndpoints> endpoints) {
		this.endpoints = endpoints;
	}

	/**
	 * Return whether a request reaches a write operation of the endpoint.
	 * @param method the HTTP method
	 * @param pathWithinApplication the path of the request within the application or
	 * management server
	 * @return whether the request must be checked
	 */
	boolean matches(String method, PathContainer pathWithinApplication) {
		if (!"POST".equals(method)) {
			return false;
		}
		String endpointPath = writablePath();
		if (endpointPath == null) {
			return false;
		}
		String path = decode(pathWithinApplication);
		return path.equalsIgnoreCase(endpointPath) || (path.length() > endpointPath.length()
				&& path.regionMatches(true, 0, endpointPath, 0, endpointPath.length())
				&& path.charAt(endpointPath.length()) == '/');
	}

	private String writablePath() {
		PathMappedEndpoints endpoints = this.endpoints.get();
		PathMappedEndpoint endpoint = (endpoints != null) ? endpoints.getEndpoint(ID) : null;
		if (!(endpoint instanceof ExposableWebEndpoint web)
				|| web.getOperations().stream().noneMatch((operation) -> operation.getType() == OperationType.WRITE)) {
			return null;
		}
		return endpoints.getPath(ID);
	}

	private static String decode(PathContainer path) {
		StringBuilder decoded = new StringBuilder();
		for (PathContainer.Element element : path.elements()) {
			decoded.append(
					(element instanceof PathContainer.PathSegment segment) ? segment.valueToMatch() : element.value());
		}
		return decoded.toString();
	}

}
