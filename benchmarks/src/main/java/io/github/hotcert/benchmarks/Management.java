package io.github.hotcert.benchmarks;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests to the sample application's management server (plain HTTP on loopback).
 */
final class Management {

	private static final Pattern OUTCOME = Pattern.compile("\"outcome\"\\s*:\\s*\"([a-z]+)\"");

	private static final Pattern DURATION = Pattern.compile("\"durationMillis\"\\s*:\\s*(\\d+)");

	private static final Pattern SERVED_SERIAL = Pattern
		.compile("\"served\"\\s*:\\s*\\{.*?\"chain\"\\s*:\\s*\\[\\s*\\{.*?\"serialNumber\"\\s*:\\s*\"([0-9a-fA-F]+)\"");

	private static final Pattern REJECTIONS = Pattern.compile("\"rejections\"\\s*:\\s*(\\d+)");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> FILE_TRIGGERS = List.of("watch", "poll");

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final URI base;

	Management(int port) {
		this.base = URI.create("http://127.0.0.1:" + port + "/actuator/");
	}

	/**
	 * {@code POST /actuator/certificates/web} with {@code {"force":true}}: reload the
	 * bundle even though its files did not change.
	 * @return the answer, with the time it took from sending to the whole body
	 * @throws IOException if the request fails
	 */
	Reload forceReload() throws IOException {
		HttpRequest request = HttpRequest.newBuilder(this.base.resolve("certificates/web"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"force\":true}"))
			.build();
		long start = System.nanoTime();
		HttpResponse<String> response = send(request);
		long nanos = System.nanoTime() - start;
		Matcher outcome = OUTCOME.matcher(response.body());
		Matcher duration = DURATION.matcher(response.body());
		return new Reload(response.statusCode(), outcome.find() ? outcome.group(1) : "none",
				duration.find() ? Long.parseLong(duration.group(1)) : -1, nanos / 1e6);
	}

	/**
	 * The serial number of the certificate a bundle serves, as
	 * {@code /actuator/certificates/{bundle}} reports it.
	 * @param bundle the bundle name
	 * @return the serial number, or {@code null} when none is reported
	 * @throws IOException if the request fails
	 */
	BigInteger servedSerial(String bundle) throws IOException {
		Matcher matcher = SERVED_SERIAL.matcher(bundle(bundle));
		return matcher.find() ? new BigInteger(matcher.group(1), 16) : null;
	}

	/**
	 * The number of rejected reloads of a bundle, as
	 * {@code /actuator/certificates/{bundle}} reports it.
	 * @param bundle the bundle name
	 * @return the number of rejections
	 * @throws IOException if the request fails or reports none
	 */
	long rejections(String bundle) throws IOException {
		String body = bundle(bundle);
		Matcher matcher = REJECTIONS.matcher(body);
		if (!matcher.find()) {
			throw new IOException("No rejections in /actuator/certificates/" + bundle + ": " + body);
		}
		return Long.parseLong(matcher.group(1));
	}

	/**
	 * The durations of a bundle's reloads that followed a change of its files and
	 * installed new material (trigger {@code watch} or {@code poll}, outcome
	 * {@code reloaded}), as {@code /actuator/certificates/{bundle}} reports them in its
	 * history (the last {@code hotcert.history.size}, 20 by default).
	 * @param bundle the bundle name
	 * @return each reload's own duration ({@code durationMillis}), newest first
	 * @throws IOException if the request fails
	 */
	List<Double> watchedReloadMillis(String bundle) throws IOException {
		return watchedReloadMillisOf(bundle(bundle));
	}

	/**
	 * The durations of the reloads after a change of the files in a bundle's answer.
	 * @param answer the answer of {@code /actuator/certificates/{bundle}}
	 * @return each reload's own duration, in the answer's order
	 */
	static List<Double> watchedReloadMillisOf(String answer) {
		List<Double> millis = new ArrayList<>();
		for (JsonNode reload : JSON.readTree(answer).path("history")) {
			if (FILE_TRIGGERS.contains(reload.path("trigger").asString())
					&& "reloaded".equals(reload.path("outcome").asString())
					&& reload.path("durationMillis").isNumber()) {
				millis.add(reload.path("durationMillis").asDouble());
			}
		}
		return millis;
	}

	private String bundle(String bundle) throws IOException {
		HttpResponse<String> response = send(HttpRequest.newBuilder(this.base.resolve("certificates/" + bundle))
			.timeout(Duration.ofSeconds(30))
			.build());
		if (response.statusCode() != 200) {
			throw new IOException("/actuator/certificates/" + bundle + " answered " + response.statusCode());
		}
		return response.body();
	}

	/**
	 * A value of {@code /actuator/prometheus}: the first sample of the named series.
	 * @param name the series name, for example {@code jvm_threads_live_threads}
	 * @return the value, if the series is there
	 * @throws IOException if the request fails
	 */
	OptionalDouble prometheus(String name) throws IOException {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(this.base.resolve("prometheus")).timeout(Duration.ofSeconds(30)).build());
		Pattern sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? (\\S+)$");
		Matcher matcher = sample.matcher(response.body());
		return matcher.find() ? OptionalDouble.of(Double.parseDouble(matcher.group(1))) : OptionalDouble.empty();
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
	}

	/**
	 * The answer to a reload request.
	 *
	 * @param status the HTTP status
	 * @param outcome the outcome of the bundle's reload, or {@code none}
	 * @param serverMillis the reload's own duration as the application reports it
	 * @param roundTripMillis the time from sending the request to receiving the whole
	 * answer
	 */
	record Reload(int status, String outcome, long serverMillis, double roundTripMillis) {

	}

}
