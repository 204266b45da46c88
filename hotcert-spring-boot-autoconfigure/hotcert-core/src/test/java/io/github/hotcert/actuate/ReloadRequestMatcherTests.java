package io.github.hotcert.actuate;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.actuate.endpoint.web.WebOperation;
import org.springframework.http.server.RequestPath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link ReloadRequestMatcher}.
 */
class ReloadRequestMatcherTests {

	@Test
	void matchesPostToTheEndpointAndBelowIt() {
		ReloadRequestMatcher matcher = matcher("/actuator", "certificates", OperationType.READ, OperationType.WRITE);
		assertThat(matches(matcher, "POST", "/actuator/certificates")).isTrue();
		assertThat(matches(matcher, "POST", "/actuator/certificates/web")).isTrue();
		assertThat(matches(matcher, "POST", "/actuator/certificates/")).isTrue();
		assertThat(matches(matcher, "GET", "/actuator/certificates")).isFalse();
		assertThat(matches(matcher, "POST", "/actuator/certificatesx")).isFalse();
		assertThat(matches(matcher, "POST", "/actuator/health")).isFalse();
	}

	@Test
	void matchesAnySpellingOfThePath() {
		ReloadRequestMatcher matcher = matcher("/actuator", "certificates", OperationType.WRITE);
		assertThat(matches(matcher, "POST", "/actuator/certific%61tes")).isTrue();
		assertThat(matches(matcher, "POST", "/actuator/Certificates/web")).isTrue();
		assertThat(matches(matcher, "POST", "/actuator/certificates;a=b/web")).isTrue();
	}

	@Test
	void followsTheEndpointsPathMappingAndBasePath() {
		ReloadRequestMatcher matcher = matcher("", "certs", OperationType.WRITE);
		assertThat(matches(matcher, "POST", "/certs/web")).isTrue();
		assertThat(matches(matcher, "POST", "/actuator/certificates/web")).isFalse();
	}

	@Test
	void doesNotMatchWhileTheEndpointIsReadOnlyOrAbsent() {
		assertThat(matches(matcher("/actuator", "certificates", OperationType.READ), "POST", "/actuator/certificates"))
			.isFalse();
		assertThat(matches(new ReloadRequestMatcher(() -> null), "POST", "/actuator/certificates")).isFalse();
		PathMappedEndpoints none = new PathMappedEndpoints("/actuator", List::of);
		assertThat(matches(new ReloadRequestMatcher(() -> none), "POST", "/actuator/certificates")).isFalse();
	}

	private static boolean matches(ReloadRequestMatcher matcher, String method, String path) {
		return matcher.matches(method, RequestPath.parse(path, null).pathWithinApplication());
	}

	private static ReloadRequestMatcher matcher(String basePath, String rootPath, OperationType... types) {
		ExposableWebEndpoint endpoint = mock(ExposableWebEndpoint.class);
		given(endpoint.getEndpointId()).willReturn(EndpointId.of("certificates"));
		given(endpoint.getRootPath()).willReturn(rootPath);
		List<WebOperation> operations = new ArrayList<>();
		for (OperationType type : types) {
			WebOperation operation = mock(WebOperation.class);
			given(operation.getType()).willReturn(type);
			operations.add(operation);
		}
		given(endpoint.getOperations()).willReturn(operations);
		PathMappedEndpoints endpoints = new PathMappedEndpoints(basePath, () -> List.of(endpoint));
		return new ReloadRequestMatcher(() -> endpoints);
	}

}
