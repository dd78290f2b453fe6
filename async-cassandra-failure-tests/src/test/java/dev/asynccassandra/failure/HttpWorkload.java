package dev.asynccassandra.failure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The sample-service load over HTTP, one request per {@link Operation}: a write
 * ({@code WRITE_QUORUM}, 3/8) ingests one reading with {@code POST
 * /sensors/{id}/readings} and records it as acknowledged when the answer is 2xx; both
 * reads ({@code READ_ONE} and {@code READ_QUORUM}, 4/8) ask {@code GET
 * /sensors/{id}/latest}; a stream ({@code STREAM_ONE}, 1/8) reads a short NDJSON export
 * of the last 400 seconds of readings. The consistency level is the service's
 * ({@code spring.cassandra.request.consistency}), whatever the operation's name. Each
 * request has a client timeout; a request not answered within it fails with
 * {@link HttpFailure#CLIENT_TIMEOUT}, as does one whose future is not completed a second
 * later, so a hang always shows up.
 */
final class HttpWorkload implements Workload {

	/**
	 * The timestamp of request 0's reading; request {@code n} writes at {@code n} s
	 * later.
	 */
	static final Instant BASE = Instant.parse("2026-06-01T00:00:00Z");

	static final int SENSORS = 8;

	private static final int EXPORT_SECONDS = 400;

	private final HttpClient client;

	private final String baseUrl;

	private final Duration timeout;

	private final ConcurrentMap<String, Set<Instant>> acknowledged = new ConcurrentHashMap<>();

	HttpWorkload(HttpClient client, String baseUrl, Duration timeout) {
		this.client = client;
		this.baseUrl = baseUrl;
		this.timeout = timeout;
	}

	static String sensor(long sequence) {
		return "sensor-" + Math.floorMod(sequence, SENSORS);
	}

	@Override
	public CompletionStage<?> issue(Operation operation, long sequence) {
		String sensor = sensor(sequence);
		Instant timestamp = BASE.plusSeconds(sequence);
		return switch (operation) {
			case WRITE_QUORUM -> send(post("/sensors/" + sensor + "/readings",
					"{\"timestamp\":\"" + timestamp + "\",\"value\":" + sequence + "}"))
				.thenRun(() -> this.acknowledged.computeIfAbsent(sensor, (key) -> ConcurrentHashMap.newKeySet())
					.add(timestamp));
			case READ_ONE, READ_QUORUM -> send(get("/sensors/" + sensor + "/latest"));
			case STREAM_ONE -> send(get("/sensors/" + sensor + "/readings?from="
					+ timestamp.minusSeconds(EXPORT_SECONDS) + "&to=" + timestamp.plusSeconds(1)));
		};
	}

	/**
	 * Sends a request outside the load, with the same timeout and failure names.
	 * @param request the request
	 * @return the 2xx answer's body
	 */
	CompletableFuture<String> send(HttpRequest request) {
		return this.client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
			.orTimeout(this.timeout.plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS)
			.handle((response, failure) -> {
				if (failure != null) {
					throw failureOf(FailureNames.unwrap(failure));
				}
				if (response.statusCode() / 100 != 2) {
					throw HttpFailure.status(response.statusCode(), response.body());
				}
				return response.body();
			});
	}

	/**
	 * Sends a request outside the load and waits for its answer, a little longer than the
	 * request's own timeout.
	 * @param request the request
	 * @return the 2xx answer's body
	 * @throws ExecutionException if the answer was not 2xx or the request failed
	 * @throws InterruptedException if interrupted while waiting
	 * @throws TimeoutException if no outcome came within the wait
	 */
	String sendAndWait(HttpRequest request) throws ExecutionException, InterruptedException, TimeoutException {
		return send(request).get(this.timeout.toSeconds() + 5, TimeUnit.SECONDS);
	}

	HttpRequest get(String path) {
		return HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(this.timeout).GET().build();
	}

	HttpRequest post(String path, String json) {
		return withJson("POST", path, json);
	}

	HttpRequest put(String path, String json) {
		return withJson("PUT", path, json);
	}

	private HttpRequest withJson(String method, String path, String json) {
		return HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(this.timeout)
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(json))
			.build();
	}

	/**
	 * The readings whose ingest was answered 2xx.
	 * @return sensor to timestamps, a copy
	 */
	Map<String, Set<Instant>> acknowledged() {
		Map<String, Set<Instant>> copy = new TreeMap<>();
		this.acknowledged.forEach((sensor, timestamps) -> copy.put(sensor, Set.copyOf(timestamps)));
		return copy;
	}

	/**
	 * The timestamps of an NDJSON export's lines.
	 * @param ndjson the export's body
	 * @return the timestamps
	 */
	static List<Instant> timestamps(String ndjson) {
		return ndjson.lines().filter((line) -> !line.isBlank()).map((line) -> {
			int start = line.indexOf("\"timestamp\":\"") + 13;
			return Instant.parse(line.substring(start, line.indexOf('"', start)));
		}).toList();
	}

	/**
	 * The overall status of a Spring Boot health answer: the {@code status} at the top
	 * level of its JSON.
	 * @param json the answer's body
	 * @return the status, or {@code no-status}
	 */
	static String healthStatus(String json) {
		int depth = 0;
		boolean inString = false;
		for (int i = 0; i < json.length(); i++) {
			char c = json.charAt(i);
			if (inString) {
				if (c == '\\') {
					i++;
				}
				else if (c == '"') {
					inString = false;
				}
			}
			else if (c == '{' || c == '[') {
				depth++;
			}
			else if (c == '}' || c == ']') {
				depth--;
			}
			else if (c == '"') {
				if (depth == 1 && json.startsWith("\"status\":\"", i)) {
					int start = i + 10;
					return json.substring(start, json.indexOf('"', start));
				}
				inString = true;
			}
		}
		return "no-status";
	}

	private static HttpFailure failureOf(Throwable failure) {
		if (failure instanceof HttpFailure http) {
			return http;
		}
		if (failure instanceof HttpTimeoutException || failure instanceof TimeoutException) {
			return new HttpFailure(HttpFailure.CLIENT_TIMEOUT);
		}
		if (failure instanceof IOException) {
			return new HttpFailure("io(" + failure.getClass().getSimpleName() + ")");
		}
		return new HttpFailure("client(" + failure.getClass().getSimpleName() + ")");
	}

}
