package io.github.hotcert.actuate;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.http.MediaType;
import org.springframework.http.server.RequestPath;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Servlet filter that checks a {@code POST} to the {@code certificates} endpoint before
 * actuator binds it (see {@link ReloadBody}): a body over the limit is refused with
 * {@code 413} before it is read, an invalid one with {@code 400} and a message that names
 * the field. A valid body is handed on unchanged.
 */
public class ReloadRequestFilter extends OncePerRequestFilter {

	private final ReloadRequestMatcher matcher;

	/**
	 * Create a new {@link ReloadRequestFilter}.
	 * @param endpoints supplies the web endpoints and their paths, or {@code null} when
	 * there are none
	 */
	public ReloadRequestFilter(Supplier<PathMappedEndpoints> endpoints) {
		this.matcher = new ReloadRequestMatcher(endpoints);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.matcher.matches(request.getMethod(), path(request).pathWithinApplication())) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body;
		try {
			ReloadBody.checkQuery(request.getQueryString());
			ReloadBody.checkLength(request.getContentLengthLong());
			body = request.getInputStream().readNBytes(ReloadBody.MAX_BYTES + 1);
			ReloadBody.read(body);
		}
		catch (InvalidReloadRequestException ex) {
			refuse(response, ex);
			return;
		}
		chain.doFilter(new ReadBodyRequest(request, body), response);
	}

	private static RequestPath path(HttpServletRequest request) {
		RequestPath previous = ServletRequestPathUtils.hasParsedRequestPath(request)
				? ServletRequestPathUtils.getParsedRequestPath(request) : null;
		try {
			return ServletRequestPathUtils.parseAndCache(request);
		}
		finally {
			ServletRequestPathUtils.setParsedRequestPath(previous, request);
		}
	}

	private static void refuse(HttpServletResponse response, InvalidReloadRequestException ex) throws IOException {
		byte[] json = ex.toJson();
		response.setStatus(ex.getStatus());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(json.length);
		response.getOutputStream().write(json);
		// Answer now: the rest of an oversized body is not waited for
		response.flushBuffer();
	}

	/**
	 * The request with the body that was read, for actuator to read again.
	 */
	private static final class ReadBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream input = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return input.read();
				}

				@Override
				public int read(byte[] bytes, int offset, int length) {
					return input.read(bytes, offset, length);
				}

				@Override
				public boolean isFinished() {
					return input.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("The body has already been read");
				}

			};
		}

		@Override
		public BufferedReader getReader() {
			// A body that was let through is ASCII: every charset reads it the same
			return new BufferedReader(
					new InputStreamReader(new ByteArrayInputStream(this.body), StandardCharsets.UTF_8));
		}

	}

}
