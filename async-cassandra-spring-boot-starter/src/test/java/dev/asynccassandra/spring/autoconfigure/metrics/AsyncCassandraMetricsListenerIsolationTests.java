package dev.asynccassandra.spring.autoconfigure.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.simulacron.common.stubbing.PrimeDsl;
import dev.asynccassandra.api.AsyncResult;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.SessionStatistics;
import dev.asynccassandra.api.event.QueryEventListener;
import dev.asynccassandra.spring.autoconfigure.AsyncCassandraAutoConfiguration;
import dev.asynccassandra.spring.metrics.MicrometerQueryEventListener;
import dev.asynccassandra.spring.testing.SimulacronNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.cumulative.CumulativeCounter;
import io.micrometer.core.instrument.cumulative.CumulativeTimer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A meter registry or a query event listener that throws or blocks changes nothing for
 * the queries of the auto-configured {@link AsyncSession}: they all complete with their
 * own results, and the failures are counted once the recorder gets to them.
 */
class AsyncCassandraMetricsListenerIsolationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final int KEYS = 10;

	private static final int QUERIES = 300;

	private static SimulacronNode node;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AsyncCassandraAutoConfiguration.class,
				AsyncCassandraMetricsAutoConfiguration.class))
		// The context closes the CqlSession, like Spring Boot's own.
		.withBean(CqlSession.class, () -> node.newCqlSession(Duration.ofSeconds(10)));

	@BeforeAll
	static void connect() {
		node = SimulacronNode.start();
		for (int key = 0; key < KEYS; key++) {
			node.prime(
					PrimeDsl.when(select(key)).then(PrimeDsl.rows().row("v", value(key)).columnTypes("v", "varchar")));
		}
	}

	@AfterAll
	static void close() {
		if (node != null) {
			node.close();
		}
	}

	@Test
	void queriesCompleteWhenEveryMeterAndListenerThrows() {
		HookedMeterRegistry registry = new HookedMeterRegistry(() -> {
			throw new IllegalStateException("meter failure");
		});
		QueryEventListener throwingListener = (event) -> {
			throw new IllegalStateException("listener failure");
		};
		this.contextRunner.withBean(MeterRegistry.class, () -> registry)
			.withBean("throwingListener", QueryEventListener.class, () -> throwingListener)
			.run((context) -> {
				AsyncSession session = context.getBean(AsyncSession.class);
				runQueriesAndCheckResults(session);
				SessionStatistics statistics = awaitEveryEventAccountedFor(session);
				assertThat(statistics.eventsDelivered()).isPositive();
				assertThat(statistics.listenerFailures()).isEqualTo(statistics.eventsDelivered());
				assertThat(context.getBean(MicrometerQueryEventListener.class).recordingFailureCount())
					.isEqualTo(statistics.eventsDelivered());
				assertThat(registry.find(MicrometerQueryEventListener.REQUESTS).timer().count()).isZero();
			});
	}

	@Test
	void queriesCompleteWhileTheMeterRegistryBlocks() throws Exception {
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		HookedMeterRegistry registry = new HookedMeterRegistry(() -> {
			entered.countDown();
			try {
				// Bounded: a failing test must not leave the recorder thread stuck.
				release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		QueryEventListener throwingListener = (event) -> {
			throw new IllegalStateException("listener failure");
		};
		this.contextRunner.withBean(MeterRegistry.class, () -> registry)
			.withBean("throwingListener", QueryEventListener.class, () -> throwingListener)
			.run((context) -> {
				AsyncSession session = context.getBean(AsyncSession.class);
				try {
					runQueriesAndCheckResults(session);
					// The recorder has been stuck in the registry since the first event:
					// every query above completed while no event could be delivered.
					assertThat(entered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
					assertThat(session.statistics().eventsDelivered()).isZero();
					assertThat(session.inFlightCount()).isZero();
				}
				finally {
					release.countDown();
				}
				SessionStatistics statistics = awaitEveryEventAccountedFor(session);
				assertThat(statistics.eventsDelivered()).isPositive();
				assertThat(statistics.listenerFailures()).isEqualTo(statistics.eventsDelivered());
				assertThat(context.getBean(MicrometerQueryEventListener.class).recordingFailureCount()).isZero();
				assertThat(registry.find(MicrometerQueryEventListener.REQUESTS)
					.timers()
					.stream()
					.mapToLong(Timer::count)
					.sum()).isEqualTo(statistics.eventsDelivered());
			});
	}

	private static void runQueriesAndCheckResults(AsyncSession session) throws Exception {
		List<CompletableFuture<AsyncResult>> queries = new ArrayList<>();
		for (int i = 0; i < QUERIES; i++) {
			queries.add(session.execute(select(i % KEYS)));
		}
		for (int i = 0; i < QUERIES; i++) {
			AsyncResult result = queries.get(i).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(result.currentPage().iterator().next().getString("v")).isEqualTo(value(i % KEYS));
		}
	}

	/**
	 * Waits until every query's event was delivered or dropped.
	 */
	private static SessionStatistics awaitEveryEventAccountedFor(AsyncSession session) {
		return await().atMost(WAIT)
			.until(session::statistics, (statistics) -> statistics.eventQueueSize() == 0
					&& statistics.eventsDelivered() + statistics.eventsDropped() == QUERIES);
	}

	private static String select(int key) {
		return "SELECT v FROM kv WHERE k = " + key;
	}

	private static String value(int key) {
		return "value-" + key;
	}

	/**
	 * A registry whose timers and counters run a hook before every recording.
	 */
	static final class HookedMeterRegistry extends SimpleMeterRegistry {

		private final Runnable beforeRecord;

		HookedMeterRegistry(Runnable beforeRecord) {
			this.beforeRecord = beforeRecord;
		}

		@Override
		protected Timer newTimer(Meter.Id id, DistributionStatisticConfig distributionStatisticConfig,
				PauseDetector pauseDetector) {
			return new CumulativeTimer(id, this.clock, distributionStatisticConfig, pauseDetector, getBaseTimeUnit(),
					false) {

				@Override
				protected void recordNonNegative(long amount, TimeUnit unit) {
					HookedMeterRegistry.this.beforeRecord.run();
					super.recordNonNegative(amount, unit);
				}

			};
		}

		@Override
		protected Counter newCounter(Meter.Id id) {
			return new CumulativeCounter(id) {

				@Override
				public void increment(double amount) {
					HookedMeterRegistry.this.beforeRecord.run();
					super.increment(amount);
				}

			};
		}

	}

}
