package dev.asynccassandra.spring.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.jayway.jsonpath.JsonPath;
import dev.asynccassandra.api.AsyncResult;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.SessionStatistics;
import dev.asynccassandra.embedded.api.EmbeddedCassandra;
import dev.asynccassandra.embedded.api.junit.EmbeddedCassandraTest;
import dev.asynccassandra.embedded.api.junit.EmbeddedKeyspace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A web application (random port, actuator, Prometheus registry) on the embedded node:
 * the autowired {@link AsyncSession} creates a table, writes and reads back rows; the
 * {@code async.cassandra.requests} timer's count, read over HTTP from
 * {@code /actuator/metrics} (filtered by tags) and {@code /actuator/prometheus}, grows by
 * exactly the number of requests made, per {@code operation}/{@code outcome}/
 * {@code exception}, and the scrape shows neither CQL nor bound values.
 */
@EmbeddedCassandraTest
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=metrics,prometheus",
				"spring.cassandra.request.timeout=20s", "spring.cassandra.connection.init-query-timeout=20s" })
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AsyncCassandraWebMetricsIT {

	private static final Duration BOUND = Duration.ofSeconds(60);

	private static final int KEYS = 10;

	private static final Pattern PROMETHEUS_COUNT = Pattern
		.compile("^async_cassandra_requests_seconds_count\\{(.*)\\} (\\S+)$", Pattern.MULTILINE);

	/**
	 * Requests made through the session so far, over HTTP or directly: one query event
	 * each.
	 */
	private static final AtomicLong requests = new AtomicLong();

	private static EmbeddedCassandra node;

	private static EmbeddedKeyspace keyspace;

	private final HttpClient client = HttpClient.newHttpClient();

	@Autowired
	private AsyncSession session;

	@LocalServerPort
	private int port;

	@BeforeAll
	static void node(EmbeddedCassandra embeddedNode, EmbeddedKeyspace embeddedKeyspace) {
		node = embeddedNode;
		keyspace = embeddedKeyspace;
	}

	@DynamicPropertySource
	static void cassandraProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.cassandra.contact-points",
				() -> node.contactPoint().getHostString() + ":" + node.contactPoint().getPort());
		registry.add("spring.cassandra.local-datacenter", () -> node.localDatacenter());
		registry.add("spring.cassandra.keyspace-name", () -> keyspace.name());
	}

	@Test
	@Order(1)
	void autowiredSessionShouldWriteAndReadBackRows() throws Exception {
		assertThat(execute("CREATE TABLE rows (k int PRIMARY KEY, v text)")).succeedsWithin(BOUND);
		List<CompletableFuture<AsyncResult>> writes = new ArrayList<>();
		for (int key = 0; key < KEYS; key++) {
			writes.add(execute("INSERT INTO rows (k, v) VALUES (?, ?)", key, value(key)));
		}
		assertThat(CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))).succeedsWithin(BOUND);
		for (int key = 0; key < KEYS; key++) {
			AsyncResult result = execute("SELECT v FROM rows WHERE k = ?", key).get(BOUND.toSeconds(),
					TimeUnit.SECONDS);
			assertThat(result.currentPage().iterator().next().getString("v")).isEqualTo(value(key));
		}
		AsyncResult all = execute("SELECT k, v FROM rows").get(BOUND.toSeconds(), TimeUnit.SECONDS);
		Map<Integer, String> rows = new HashMap<>();
		for (Row row : all.currentPage()) {
			rows.put(row.getInt("k"), row.getString("v"));
		}
		assertThat(all.hasMorePages()).isFalse();
		assertThat(rows).hasSize(KEYS).allSatisfy((key, value) -> assertThat(value).isEqualTo(value(key)));
	}

	@Test
	@Order(2)
	void requestTimerCountShouldGrowByExactlyTheRequestsMade() throws Exception {
		int reads = 25;
		int failures = 5;
		String[] success = { "operation:execute", "outcome:success", "exception:none" };
		String[] failure = { "operation:execute", "outcome:failure", "exception:InvalidQueryException" };
		String successSeries = "exception=\"none\",operation=\"execute\",outcome=\"success\"";
		String failureSeries = "exception=\"InvalidQueryException\",operation=\"execute\",outcome=\"failure\"";
		// Every earlier request is recorded: the counts below are a stable baseline.
		awaitEveryEventDelivered();
		long successBefore = metricsCount(success);
		long failureBefore = metricsCount(failure);
		// Every earlier request (table, writes, reads) succeeded and was counted once.
		assertThat(successBefore).isEqualTo(requests.get());
		assertThat(failureBefore).isZero();
		String scrape = scrape();
		assertThat(prometheusCount(scrape, successSeries)).isEqualTo(successBefore);
		assertThat(prometheusCount(scrape, failureSeries)).isEqualTo(failureBefore);

		List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
		for (int i = 0; i < reads; i++) {
			requests.incrementAndGet();
			responses
				.add(this.client.sendAsync(HttpRequest.newBuilder(uri("/rows/" + (i % KEYS))).timeout(BOUND).build(),
						HttpResponse.BodyHandlers.ofString()));
		}
		for (int i = 0; i < reads; i++) {
			HttpResponse<String> response = responses.get(i).get(BOUND.toSeconds(), TimeUnit.SECONDS);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo(value(i % KEYS));
		}
		for (int i = 0; i < failures; i++) {
			assertThat(execute("SELECT v FROM no_such_table WHERE k = ?", i)).failsWithin(BOUND)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(InvalidQueryException.class);
		}

		await().atMost(BOUND).untilAsserted(() -> {
			assertThat(metricsCount(success)).isEqualTo(successBefore + reads);
			assertThat(metricsCount(failure)).isEqualTo(failureBefore + failures);
		});
		await().atMost(BOUND).untilAsserted(() -> {
			String current = scrape();
			assertThat(prometheusCount(current, successSeries)).isEqualTo(successBefore + reads);
			assertThat(prometheusCount(current, failureSeries)).isEqualTo(failureBefore + failures);
		});
		// Once every event is recorded, nothing else may have been counted.
		awaitEveryEventDelivered();
		assertThat(metricsCount(success)).isEqualTo(successBefore + reads);
		assertThat(metricsCount(failure)).isEqualTo(failureBefore + failures);
		String after = scrape();
		assertThat(prometheusCount(after, successSeries)).isEqualTo(successBefore + reads);
		assertThat(prometheusCount(after, failureSeries)).isEqualTo(failureBefore + failures);
		// No CQL text and no value in any tag. The observation timer
		// (db.client.operation)
		// names the operation (db.operation.name="SELECT"), a keyword, never the text.
		assertThat(after).doesNotContain("SELECT v", "FROM rows", "no_such_table", value(0));
		assertThat(after).contains("db_operation_name=\"SELECT\"");
	}

	private CompletableFuture<AsyncResult> execute(String cql, Object... values) {
		requests.incrementAndGet();
		return this.session.execute(cql, values);
	}

	private void awaitEveryEventDelivered() {
		SessionStatistics statistics = await().atMost(BOUND)
			.until(this.session::statistics,
					(current) -> current.eventsDelivered() + current.eventsDropped() == requests.get());
		assertThat(statistics.eventsDropped()).isZero();
		assertThat(statistics.listenerFailures()).isZero();
	}

	/**
	 * The {@code COUNT} of the request timer with these tags, from
	 * {@code /actuator/metrics}; {@code 0} when no such timer exists yet.
	 */
	private long metricsCount(String... tags) throws IOException, InterruptedException {
		StringBuilder path = new StringBuilder("/actuator/metrics/async.cassandra.requests");
		for (int i = 0; i < tags.length; i++) {
			path.append((i == 0) ? '?' : '&').append("tag=").append(tags[i]);
		}
		HttpResponse<String> response = get(path.toString());
		if (response.statusCode() == 404) {
			return 0;
		}
		assertThat(response.statusCode()).isEqualTo(200);
		List<Number> counts = JsonPath.read(response.body(), "$.measurements[?(@.statistic == 'COUNT')].value");
		assertThat(counts).hasSize(1);
		return counts.get(0).longValue();
	}

	private String scrape() throws IOException, InterruptedException {
		HttpResponse<String> response = get("/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	/**
	 * The value of the {@code async_cassandra_requests_seconds_count} series with exactly
	 * these labels; {@code 0} when the series does not exist yet.
	 */
	private static long prometheusCount(String scrape, String labels) {
		Matcher matcher = PROMETHEUS_COUNT.matcher(scrape);
		while (matcher.find()) {
			if (matcher.group(1).equals(labels)) {
				return (long) Double.parseDouble(matcher.group(2));
			}
		}
		return 0;
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static String value(int key) {
		return "row-value-" + key;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class WebApplication {

		@Bean
		RowsController rowsController(AsyncSession session) {
			return new RowsController(session);
		}

	}

	/**
	 * Reads one row through the session.
	 */
	@RestController
	static final class RowsController {

		private final AsyncSession session;

		RowsController(AsyncSession session) {
			this.session = session;
		}

		@GetMapping("/rows/{key}")
		CompletableFuture<String> row(@PathVariable int key) {
			return this.session.execute("SELECT v FROM rows WHERE k = ?", key)
				.thenApply((result) -> result.currentPage().iterator().next().getString("v"));
		}

	}

}
