package dev.asynccassandra.samples.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives a running sample at a fixed rate and prints throughput and latency percentiles.
 * Each request is timed from the moment it was scheduled to be sent (not when it was
 * sent), so a slow server shows in the percentiles instead of lowering the rate (no
 * coordinated omission). Requests ingest one reading of one of {@code --sensors} sensors,
 * or ({@code --read-percent}) read a sensor's latest value.
 * <p>
 * Run: {@code ./mvnw -Pload -DskipTests package -Dload.rate=200 -Dload.duration=20s}, or
 * this class's {@code main} with {@code --url=http://localhost:8080 --rate=200
 * --duration=20s --sensors=10 --read-percent=10}.
 */
public final class LoadGenerator {

	private static final Pattern METRIC_COUNT = Pattern
		.compile("\"statistic\"\\s*:\\s*\"COUNT\"\\s*,\\s*\"value\"\\s*:\\s*([0-9.Ee+-]+)");

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private final LoadOptions options;

	private final HttpClient client;

	private LoadGenerator(LoadOptions options, HttpClient client) {
		this.options = options;
		this.client = client;
	}

	/**
	 * Runs the load and prints the results.
	 * @param args the options, see {@link LoadOptions#parse(String...)}
	 * @throws Exception if the sample cannot be reached
	 */
	public static void main(String[] args) throws Exception {
		LoadOptions options = LoadOptions.parse(args);
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			HttpClient client = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(5))
				.executor(executor)
				.build();
			new LoadGenerator(options, client).run();
		}
		finally {
			executor.shutdownNow();
		}
	}

	private void run() throws IOException, InterruptedException {
		LoadOptions o = this.options;
		System.out.printf(Locale.ROOT, "Load: %d req/s for %ss against %s (%d sensors, %d%% latest reads)%n", o.rate(),
				o.duration().toMillis() / 1000.0, o.url(), o.sensors(), o.readPercent());
		for (int sensor = 0; sensor < o.sensors(); sensor++) {
			HttpResponse<String> response = this.client.send(
					json("PUT", "/sensors/" + sensorId(sensor),
							"{\"name\":\"load sensor " + sensor + "\",\"unit\":\"C\"}"),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(
						"Registering a sensor answered " + response.statusCode() + ": " + response.body());
			}
		}
		OptionalDouble requestsBefore = serverRequestCount();
		Result result = drive();
		OptionalDouble requestsAfter = serverRequestCount();
		System.out.printf(Locale.ROOT, "sent=%d completed=%d statuses=%s skipped(too many in flight)=%d%n",
				result.sent(), result.latencies().count(), result.statuses(), result.skipped());
		System.out.printf(Locale.ROOT, "throughput: %.1f req/s completed over %.1f s%n",
				result.latencies().count() / result.elapsedSeconds(), result.elapsedSeconds());
		System.out.println(result.latencies().format());
		if (requestsBefore.isPresent() && requestsAfter.isPresent()) {
			System.out.printf(Locale.ROOT, "server async.cassandra.requests count: %.0f -> %.0f (+%.0f)%n",
					requestsBefore.getAsDouble(), requestsAfter.getAsDouble(),
					requestsAfter.getAsDouble() - requestsBefore.getAsDouble());
		}
	}

	private Result drive() throws InterruptedException {
		LoadOptions o = this.options;
		long intervalNanos = TimeUnit.SECONDS.toNanos(1) / o.rate();
		int total = (int) Math.min(Integer.MAX_VALUE - 8, o.duration().toNanos() / intervalNanos);
		int maxInFlight = Math.max(100, o.rate() * 5);
		long[] latencies = new long[total];
		boolean[] done = new boolean[total];
		AtomicInteger inFlight = new AtomicInteger();
		Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
		CompletableFuture<?>[] futures = new CompletableFuture<?>[total];
		int skipped = 0;
		long start = System.nanoTime();
		for (int i = 0; i < total; i++) {
			long intended = start + i * intervalNanos;
			long wait = intended - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			if (inFlight.get() >= maxInFlight) {
				skipped++;
				futures[i] = CompletableFuture.completedFuture(null);
				continue;
			}
			int index = i;
			inFlight.incrementAndGet();
			futures[i] = this.client.sendAsync(request(i), HttpResponse.BodyHandlers.discarding())
				.handle((response, failure) -> {
					latencies[index] = System.nanoTime() - intended;
					done[index] = true;
					String status = (failure != null) ? failureName(failure) : String.valueOf(response.statusCode());
					statuses.computeIfAbsent(status, (key) -> new LongAdder()).increment();
					inFlight.decrementAndGet();
					return null;
				});
		}
		try {
			CompletableFuture.allOf(futures).get(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			System.out.println("Some requests did not complete: " + ex);
		}
		double elapsedSeconds = (System.nanoTime() - start) / 1e9;
		int completed = 0;
		for (int i = 0; i < total; i++) {
			if (done[i]) {
				latencies[completed++] = latencies[i];
			}
		}
		Map<String, Long> statusCounts = new TreeMap<>();
		statuses.forEach((status, count) -> statusCounts.put(status, count.sum()));
		return new Result(total - skipped, skipped, statusCounts, elapsedSeconds,
				LatencySummary.of(Arrays.copyOf(latencies, completed)));
	}

	private HttpRequest request(int i) {
		String sensorId = sensorId(i % this.options.sensors());
		if ((i % 100) < this.options.readPercent()) {
			return HttpRequest.newBuilder(uri("/sensors/" + sensorId + "/latest"))
				.timeout(REQUEST_TIMEOUT)
				.GET()
				.build();
		}
		String body = "{\"timestamp\":\"" + Instant.now() + "\",\"value\":" + (20.0 + (i % 1000) / 100.0) + "}";
		return json("POST", "/sensors/" + sensorId + "/readings", body);
	}

	private HttpRequest json(String method, String path, String body) {
		return HttpRequest.newBuilder(uri(path))
			.timeout(REQUEST_TIMEOUT)
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private OptionalDouble serverRequestCount() {
		try {
			HttpResponse<String> response = this.client
				.send(HttpRequest.newBuilder(uri("/actuator/metrics/async.cassandra.requests"))
					.timeout(REQUEST_TIMEOUT)
					.build(), HttpResponse.BodyHandlers.ofString());
			Matcher count = METRIC_COUNT.matcher(response.body());
			return (response.statusCode() == 200 && count.find())
					? OptionalDouble.of(Double.parseDouble(count.group(1))) : OptionalDouble.empty();
		}
		catch (IOException ex) {
			return OptionalDouble.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return OptionalDouble.empty();
		}
	}

	private static String failureName(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		return cause.getClass().getSimpleName();
	}

	private URI uri(String path) {
		return URI.create(this.options.url() + path);
	}

	private static String sensorId(int sensor) {
		return "load-" + sensor;
	}

	private record Result(int sent, int skipped, Map<String, Long> statuses, double elapsedSeconds,
			LatencySummary latencies) {

	}

}
