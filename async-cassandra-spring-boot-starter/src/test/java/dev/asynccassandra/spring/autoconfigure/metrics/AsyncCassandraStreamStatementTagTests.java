package dev.asynccassandra.spring.autoconfigure.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.simulacron.common.stubbing.PrimeDsl;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.stream.StreamConsumers;
import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.spring.autoconfigure.AsyncCassandraAutoConfiguration;
import dev.asynccassandra.spring.metrics.MicrometerQueryEventListener;
import dev.asynccassandra.testing.SimulacronCluster;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A row stream's statement name tags its timers like a request's
 * ({@code StreamOptions.statementName}, {@code async-cassandra.metrics.statement-tag}).
 */
class AsyncCassandraStreamStatementTagTests {

	private static final String SELECT = "SELECT v FROM stream_tag WHERE k = 1";

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static SimulacronCluster simulacron;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AsyncCassandraAutoConfiguration.class,
				AsyncCassandraMetricsAutoConfiguration.class))
		.withPropertyValues("async-cassandra.metrics.statement-tag=true")
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withBean(CqlSession.class, () -> simulacron.newCqlSession(Duration.ofSeconds(10)));

	@BeforeAll
	static void startNode() {
		simulacron = SimulacronCluster.start(1);
		simulacron.prime(PrimeDsl.when(SELECT).then(PrimeDsl.rows().row("v", "one").columnTypes("v", "varchar")));
	}

	@AfterAll
	static void stopNode() {
		if (simulacron != null) {
			simulacron.close();
		}
	}

	@Test
	void streamTimersShouldBeTaggedWithTheStreamsStatementName() {
		this.contextRunner.run((context) -> {
			AsyncSession session = context.getBean(AsyncSession.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			List<Row> rows = StreamConsumers
				.collect(session.stream(StreamOptions.builder().statementName("list-values").build(),
						SimpleStatement.newInstance(SELECT)), 10)
				.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(rows).hasSize(1);
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(registry.find(MicrometerQueryEventListener.REQUESTS)
					.tags("operation", "stream", "statement", "list-values")
					.timer()).isNotNull());
			assertThat(registry.find(MicrometerQueryEventListener.REQUESTS)
				.tags("operation", "stream", "statement", "none")
				.timer()).isNull();
		});
	}

}
