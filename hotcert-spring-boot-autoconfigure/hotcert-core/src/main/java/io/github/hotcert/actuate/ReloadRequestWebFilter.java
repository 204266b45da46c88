package io.github.hotcert.actuate;

import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The WebFlux counterpart of {@link ReloadRequestFilter}: checks a {@code POST} to the
 * {@code certificates} endpoint before actuator binds it (see {@link ReloadBody}). At
 * most {@value ReloadBody#MAX_BYTES} bytes of the body are buffered.
 */
public class ReloadRequestWebFilter implements WebFilter {

	private static final byte[] EMPTY = new byte[0];

	private final ReloadRequestMatcher matcher;

	/**
	 * Create a new {@link ReloadRequestWebFilter}.
	 * @param endpoints supplies the web endpoints and their paths, or {@code null} when
	 * there are none
	 */
	public ReloadRequestWebFilter(Supplier<PathMappedEndpoints> endpoints) {
		this.matcher = new ReloadRequestMatcher(endpoints);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (!this.matcher.matches(request.getMethod().name(), request.getPath().pathWithinApplication())) {
			return chain.filter(exchange);
		}
		try {
			ReloadBody.checkQuery(request.getURI().getRawQuery());
			ReloadBody.checkLength(request.getHeaders().getContentLength());
		}
		catch (InvalidReloadRequestException ex) {
			return refuse(exchange.getResponse(), ex);
		}
		return DataBufferUtils.join(request.getBody(), ReloadBody.MAX_BYTES)
			.map(ReloadRequestWebFilter::bytes)
			.defaultIfEmpty(EMPTY)
			.onErrorMap(DataBufferLimitException.class, (ex) -> ReloadBody.tooLarge())
			.doOnNext(ReloadBody::read)
			.flatMap((body) -> chain.filter(exchange.mutate().request(new ReadBodyRequest(request, body)).build()))
			.onErrorResume(InvalidReloadRequestException.class, (ex) -> refuse(exchange.getResponse(), ex));
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private static Mono<Void> refuse(ServerHttpResponse response, InvalidReloadRequestException ex) {
		byte[] json = ex.toJson();
		response.setStatusCode(HttpStatusCode.valueOf(ex.getStatus()));
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		response.getHeaders().setContentLength(json.length);
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(json)));
	}

	/**
	 * The request with the body that was read, for actuator to read again.
	 */
	private static final class ReadBodyRequest extends ServerHttpRequestDecorator {

		private final byte[] body;

		ReadBodyRequest(ServerHttpRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			return (this.body.length != 0)
					? Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(this.body)))
					: Flux.empty();
		}

	}

}
