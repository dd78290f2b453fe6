package dev.asynccassandra.samples.telemetry;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import dev.asynccassandra.embedded.api.EmbeddedCassandra;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.samples.SampleApplication;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Boots the sample through {@link SampleApplication#start(String...)} on a random port
 * against the embedded Cassandra node of the starter's dev mode, and drives its HTTP API
 * end to end. Streaming exports are read with a plain {@link WebClient}, so that a
 * cancelled read closes the connection exactly as a disconnecting client does.
 */
class TelemetryApiIT {

	private static final int EXPORT_ROWS = 200_000;

	private static final int BATCH_SIZE = 1000;

	private static final Instant EXPORT_START = Instant.parse("2026-03-01T00:00:00Z");

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final String EXPORT_SENSOR = "export-" + RUN;

	private static ConfigurableApplicationContext context;

	private static WebTestClient http;

	private static WebClient streams;

	@BeforeAll
	static void startSampleAndIngestExportData() {
		context = SampleApplication.start("--server.port=0", "--async-cassandra.embedded.native-port=0",
				"--async-cassandra.embedded.storage-port=0");
		String baseUrl = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
		http = WebTestClient.bindToServer().baseUrl(baseUrl).responseTimeout(TIMEOUT).build();
		streams = WebClient.builder().baseUrl(baseUrl).build();
		register(EXPORT_SENSOR);
		long started = System.nanoTime();
		Integer written = Flux.range(0, EXPORT_ROWS / BATCH_SIZE)
			.flatMap((batch) -> streams.post()
				.uri("/readings")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(batchBody(batch))
				.retrieve()
				.bodyToMono(new ParameterizedTypeReference<Map<String, Integer>>() {
				})
				.map((result) -> result.get("written")), 4)
			.reduce(0, Integer::sum)
			.block(TIMEOUT);
		assertThat(written).isEqualTo(EXPORT_ROWS);
		System.out.printf("Ingested %d readings in %d batches of %d in %d ms%n", EXPORT_ROWS, EXPORT_ROWS / BATCH_SIZE,
				BATCH_SIZE, Duration.ofNanos(System.nanoTime() - started).toMillis());
	}

	@AfterAll
	static void stopSample() {
		if (context != null) {
			context.close();
		}
		assertThat(EmbeddedCassandra.processesUnder(Path.of("target", "embedded-cassandra").toAbsolutePath()))
			.as("Cassandra JVMs left running after the sample closed")
			.isEmpty();
	}

	@Test
	void ingestsSingleAndBatchedReadingsAndServesTheLatest() {
		String sensor = "kitchen-" + RUN;
		http.put()
			.uri("/sensors/{id}", sensor)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"Kitchen\",\"unit\":\"C\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.sensorId")
			.isEqualTo(sensor)
			.jsonPath("$.unit")
			.isEqualTo("C");
		postReading(sensor, "2026-05-01T10:00:00Z", 21.5).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.written")
			.isEqualTo(1);
		http.post()
			.uri("/readings")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"readings\":[{\"sensorId\":\"" + sensor
					+ "\",\"timestamp\":\"2026-05-01T09:00:00Z\",\"value\":19.0}," + "{\"sensorId\":\"" + sensor
					+ "\",\"timestamp\":\"2026-05-01T11:00:00Z\",\"value\":22.25}]}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.written")
			.isEqualTo(2);
		assertLatest(sensor, "2026-05-01T11:00:00Z", 22.25);
		// An older reading arriving late does not replace the latest (USING TIMESTAMP).
		postReading(sensor, "2026-05-01T08:00:00Z", 5.0).expectStatus().isOk();
		assertLatest(sensor, "2026-05-01T11:00:00Z", 22.25);
		// Writes are idempotent: the same reading again changes nothing.
		postReading(sensor, "2026-05-01T11:00:00Z", 22.25).expectStatus().isOk();
		List<String> lines = streams.get()
			.uri("/sensors/{id}/readings?from={from}&to={to}", sensor, "2026-05-01T00:00:00Z", "2026-05-02T00:00:00Z")
			.retrieve()
			.bodyToFlux(String.class)
			.collectList()
			.block(TIMEOUT);
		assertThat(lines).containsExactly(line(sensor, "2026-05-01T08:00:00Z", 5.0),
				line(sensor, "2026-05-01T09:00:00Z", 19.0), line(sensor, "2026-05-01T10:00:00Z", 21.5),
				line(sensor, "2026-05-01T11:00:00Z", 22.25));
	}

	@Test
	void exportsTwoHundredThousandRowsInOrderAsNdjson() {
		double pagesBefore = pagesDelivered();
		AtomicLong count = new AtomicLong();
		AtomicReference<String> previous = new AtomicReference<>("");
		AtomicReference<String> first = new AtomicReference<>();
		long started = System.nanoTime();
		streams.get()
			.uri("/sensors/{id}/readings?from={from}&to={to}", EXPORT_SENSOR, EXPORT_START,
					EXPORT_START.plusSeconds(EXPORT_ROWS))
			.accept(MediaType.APPLICATION_NDJSON)
			.retrieve()
			.bodyToFlux(String.class)
			.doOnNext((line) -> {
				long index = count.getAndIncrement();
				String timestamp = timestampOf(line);
				assertThat(timestamp).as("line %d", index).isEqualTo(EXPORT_START.plusSeconds(index).toString());
				assertThat(timestamp.compareTo(previous.get())).isPositive();
				previous.set(timestamp);
				first.compareAndSet(null, line);
			})
			.blockLast(TIMEOUT);
		long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
		double pages = pagesDelivered() - pagesBefore;
		System.out.printf("Exported %d rows in %d ms, %.0f pages delivered%n", count.get(), millis, pages);
		assertThat(count.get()).isEqualTo(EXPORT_ROWS);
		assertThat(first.get()).isEqualTo(line(EXPORT_SENSOR, EXPORT_START.toString(), 0.0));
		assertThat(pages).isGreaterThanOrEqualTo(EXPORT_ROWS / 1000.0);
	}

	@Test
	void clientDisconnectMidExportStopsFetching() {
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		double cancelledBefore = registry.counter(StreamingReadingExporter.EXPORTS, "outcome", "cancelled").count();
		double pagesBefore = pagesDelivered();
		List<String> firstLines = streams.get()
			.uri("/sensors/{id}/readings?from={from}&to={to}", EXPORT_SENSOR, EXPORT_START,
					EXPORT_START.plusSeconds(EXPORT_ROWS))
			.retrieve()
			.bodyToFlux(String.class)
			.take(500)
			.collectList()
			.block(TIMEOUT);
		assertThat(firstLines).hasSize(500);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(registry.counter(StreamingReadingExporter.EXPORTS, "outcome", "cancelled").count())
						.isEqualTo(cancelledBefore + 1));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(context.getBean(AsyncSession.class).statistics().openStreams())
				.as("the cancelled row stream has ended")
				.isZero());
		double pages = pagesDelivered() - pagesBefore;
		System.out.printf(
				"Disconnect after 500 of %d rows: %.0f pages delivered, at most %d more fetched (a full export delivers >= %d)%n",
				EXPORT_ROWS, pages, StreamingReadingExporter.PREFETCH_PAGES, EXPORT_ROWS / 1000);
		assertThat(pages + StreamingReadingExporter.PREFETCH_PAGES).isLessThan(EXPORT_ROWS / 1000 / 4);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badRequests")
	void answersBadInputWithAClearMessage(String description, HttpMethod method, String path, String body, int status,
			String message) {
		WebTestClient.RequestBodySpec request = http.method(method).uri(path).contentType(MediaType.APPLICATION_JSON);
		WebTestClient.ResponseSpec response = body.isEmpty() ? request.exchange() : request.bodyValue(body).exchange();
		response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.error")
			.isNotEmpty()
			.jsonPath("$.message")
			.value(String.class, (actual) -> assertThat(actual).contains(message))
			.jsonPath("$.trace")
			.doesNotExist();
	}

	static Stream<Arguments> badRequests() {
		String range = "/sensors/" + EXPORT_SENSOR + "/readings";
		String reading = "/sensors/" + EXPORT_SENSOR + "/readings";
		return Stream.of(Arguments.of("bad JSON", HttpMethod.POST, reading, "{\"timestamp\": ", 400, "not valid JSON"),
				Arguments.of("wrong type", HttpMethod.POST, reading,
						"{\"timestamp\":\"2026-01-01T00:00:00Z\",\"value\":[1]}", 400, "not valid JSON"),
				Arguments.of("missing value", HttpMethod.POST, reading, "{\"timestamp\":\"2026-01-01T00:00:00Z\"}", 400,
						"value is required"),
				Arguments.of("NaN", HttpMethod.POST, reading,
						"{\"timestamp\":\"2026-01-01T00:00:00Z\",\"value\":\"NaN\"}", 400, "finite"),
				Arguments.of("infinite", HttpMethod.POST, reading,
						"{\"timestamp\":\"2026-01-01T00:00:00Z\",\"value\":1e999}", 400, "finite"),
				Arguments.of("unknown sensor reading", HttpMethod.POST, "/sensors/nobody-" + RUN + "/readings",
						"{\"timestamp\":\"2026-01-01T00:00:00Z\",\"value\":1}", 404, "not registered"),
				Arguments.of("unknown sensor latest", HttpMethod.GET, "/sensors/nobody-" + RUN + "/latest", "", 404,
						"not registered"),
				Arguments.of("unknown sensor export", HttpMethod.GET,
						"/sensors/nobody-" + RUN + "/readings?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", "",
						404, "not registered"),
				Arguments.of("unknown sensor in batch", HttpMethod.POST, "/readings",
						"{\"readings\":[{\"sensorId\":\"nobody-" + RUN
								+ "\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"value\":1}]}",
						404, "not registered"),
				Arguments.of("invalid sensor id", HttpMethod.PUT, "/sensors/bad%20id", "{\"name\":\"x\"}", 400,
						"sensorId"),
				Arguments.of("reversed range", HttpMethod.GET,
						range + "?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "", 400,
						"from must be before to"),
				Arguments.of("range over 31 days", HttpMethod.GET,
						range + "?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:01Z", "", 400, "31 days"),
				Arguments.of("missing range", HttpMethod.GET, range, "", 400, "from is required"),
				Arguments.of("malformed instant", HttpMethod.GET, range + "?from=yesterday&to=2026-01-01T00:00:00Z", "",
						400, "ISO-8601"),
				Arguments.of("empty batch", HttpMethod.POST, "/readings", "{\"readings\":[]}", 400, "1 to 1000"),
				Arguments.of("batch over 1000", HttpMethod.POST, "/readings", oversizedBatch(), 400, "at most 1000"),
				Arguments.of("missing name", HttpMethod.PUT, "/sensors/s-" + RUN, "{\"unit\":\"C\"}", 400,
						"name is required"));
	}

	@Test
	void healthIsUpWithSessionDetails() {
		http.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components['async-cassandra'].status")
			.isEqualTo("UP")
			.jsonPath("$.components['async-cassandra'].details.session")
			.isEqualTo("open");
	}

	@Test
	void metricsAndPrometheusExposeAsyncCassandraMeters() {
		http.get()
			.uri("/actuator/metrics")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.names")
			.value(new ParameterizedTypeReference<List<String>>() {
			}, (names) -> assertThat(names).contains("async.cassandra.requests", "async.cassandra.requests.active",
					StreamingReadingExporter.PAGES));
		http.get().uri("/actuator/metrics/async.cassandra.requests").exchange().expectStatus().isOk();
		String scrape = http.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(scrape).contains("async_cassandra_requests_seconds_count", "async_cassandra_requests_active");
	}

	private static WebTestClient.ResponseSpec postReading(String sensor, String timestamp, double value) {
		return http.post()
			.uri("/sensors/{id}/readings", sensor)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"timestamp\":\"" + timestamp + "\",\"value\":" + value + "}")
			.exchange();
	}

	private static void assertLatest(String sensor, String timestamp, double value) {
		http.get()
			.uri("/sensors/{id}/latest", sensor)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.timestamp")
			.isEqualTo(timestamp)
			.jsonPath("$.value")
			.isEqualTo(value);
	}

	private static void register(String sensor) {
		http.put()
			.uri("/sensors/{id}", sensor)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"" + sensor + "\"}")
			.exchange()
			.expectStatus()
			.isOk();
	}

	private static String batchBody(int batch) {
		StringBuilder body = new StringBuilder("{\"readings\":[");
		for (int i = 0; i < BATCH_SIZE; i++) {
			long second = (long) batch * BATCH_SIZE + i;
			if (i > 0) {
				body.append(',');
			}
			body.append("{\"sensorId\":\"")
				.append(EXPORT_SENSOR)
				.append("\",\"timestamp\":\"")
				.append(EXPORT_START.plusSeconds(second))
				.append("\",\"value\":")
				.append((double) (second % 1000))
				.append('}');
		}
		return body.append("]}").toString();
	}

	private static String oversizedBatch() {
		List<String> readings = new ArrayList<>();
		for (int i = 0; i < 1001; i++) {
			readings.add("{\"sensorId\":\"s\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"value\":1}");
		}
		return "{\"readings\":[" + String.join(",", readings) + "]}";
	}

	private static String line(String sensor, String timestamp, double value) {
		return new Reading(sensor, Instant.parse(timestamp), value).toJsonLine().strip();
	}

	private static String timestampOf(String line) {
		int start = line.indexOf("\"timestamp\":\"") + 13;
		return line.substring(start, line.indexOf('"', start));
	}

	private static double pagesDelivered() {
		return context.getBean(MeterRegistry.class).get(StreamingReadingExporter.PAGES).counter().count();
	}

}
