package dev.asynccassandra.spring.metrics;

import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.SessionStatistics;
import dev.asynccassandra.api.event.QueryEvent;
import dev.asynccassandra.api.event.QueryEvent.OperationKind;
import dev.asynccassandra.api.event.QueryEvent.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Tests for {@link AsyncCassandraMetrics} and the scrape of every async-cassandra meter.
 */
class AsyncCassandraMetricsTests {

	@Test
	void metersShouldReadTheStatisticsAtScrapeTime() {
		AsyncSession session = mock(AsyncSession.class);
		when(session.statistics()).thenReturn(new SessionStatistics(7, 2, 100, 3, 5, 1024, 4),
				new SessionStatistics(1, 0, 101, 3, 0, 1024, 4));
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new AsyncCassandraMetrics(session).bindTo(registry);
		assertThat(registry.get(AsyncCassandraMetrics.IN_FLIGHT).gauge().value()).isEqualTo(7);
		assertThat(registry.get(AsyncCassandraMetrics.IN_FLIGHT).gauge().value()).isEqualTo(1);
		assertThat(registry.get(AsyncCassandraMetrics.STREAMS_OPEN).gauge().value()).isZero();
		assertThat(registry.get(AsyncCassandraMetrics.EVENT_QUEUE_SIZE).gauge().value()).isZero();
		assertThat(registry.get(AsyncCassandraMetrics.EVENT_QUEUE_CAPACITY).gauge().value()).isEqualTo(1024);
		assertThat(registry.get(AsyncCassandraMetrics.EVENTS_DELIVERED).functionCounter().count()).isEqualTo(101);
		assertThat(registry.get(AsyncCassandraMetrics.EVENTS_DROPPED).functionCounter().count()).isEqualTo(3);
		assertThat(registry.get(AsyncCassandraMetrics.LISTENER_FAILURES).functionCounter().count()).isEqualTo(4);
		verify(session, org.mockito.Mockito.atLeast(2)).statistics();
	}

	@Test
	void prometheusScrapeShouldRenderEveryMeter() {
		AsyncSession session = mock(AsyncSession.class);
		when(session.statistics()).thenReturn(new SessionStatistics(3, 1, 10, 2, 0, 1024, 1));
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		new AsyncCassandraMetrics(session).bindTo(registry);
		MicrometerQueryEventListener listener = new MicrometerQueryEventListener(registry, true, 10);
		listener.onEvent(new QueryEvent(OperationKind.EXECUTE, Outcome.SUCCESS, null, 2_000_000, 5, "findUser"));
		listener.onEvent(new QueryEvent(OperationKind.PAGE, Outcome.SUCCESS, null, 1_000_000, 100, "findUser"));
		listener.onEvent(
				new QueryEvent(OperationKind.STREAM, Outcome.FAILURE, IllegalStateException.class, 1_000, 0, null));
		String scrape = registry.scrape();
		assertThat(scrape).contains(
				"async_cassandra_requests_seconds_count{exception=\"none\",operation=\"execute\",outcome=\"success\",statement=\"findUser\"} 1",
				"async_cassandra_requests_seconds_count{exception=\"IllegalStateException\",operation=\"stream\",outcome=\"failure\",statement=\"none\"} 1",
				"async_cassandra_pages_total{operation=\"page\"} 1",
				"async_cassandra_streams_total{outcome=\"failure\"} 1",
				"async_cassandra_rows_total{operation=\"page\"} 100",
				"async_cassandra_rows_total{operation=\"execute\"} 5", "async_cassandra_requests_active 3",
				"async_cassandra_streams_active 1", "async_cassandra_events_queue_size 0",
				"async_cassandra_events_queue_capacity 1024", "async_cassandra_events_delivered_total 10",
				"async_cassandra_events_dropped_total 2", "async_cassandra_events_listener_failures_total 1");
		assertThat(scrape).doesNotContain("SELECT");
	}

}
