package dev.asynccassandra.spring.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.asynccassandra.api.AsyncResult;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.SessionStatistics;
import dev.asynccassandra.api.event.QueryEventListener;
import dev.asynccassandra.spring.metrics.MicrometerQueryEventListener;
import io.micrometer.core.instrument.Timer;

import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * R10 checks shared by the Simulacron and the embedded node tests: an application whose
 * {@link HookedMeterRegistry} throws or blocks, and which also has a
 * {@link #throwingListener() throwing listener}, runs {@value #QUERIES} queries through
 * its {@link AsyncSession} over a {@code kv} table of {@value #KEYS} rows ({@link #select
 * select(k)} returns {@link #value value(k)}); every query must get its own row, and
 * every event must be accounted for once the recorder gets to it.
 */
public final class MeterIsolationChecks {

	/**
	 * Rows of the {@code kv} table.
	 */
	public static final int KEYS = 10;

	/**
	 * Queries per check.
	 */
	public static final int QUERIES = 300;

	private static final Duration WAIT = Duration.ofSeconds(60);

	private MeterIsolationChecks() {
	}

	/**
	 * The query of one key.
	 * @param key the key
	 * @return CQL selecting column {@code v} of the {@code kv} row with that key
	 */
	public static String select(int key) {
		return "SELECT v FROM kv WHERE k = " + key;
	}

	/**
	 * The value stored under a key.
	 * @param key the key
	 * @return the value of column {@code v}
	 */
	public static String value(int key) {
		return "value-" + key;
	}

	/**
	 * A hook that makes every recording throw.
	 * @return the hook
	 */
	public static Runnable throwingHook() {
		return () -> {
			throw new IllegalStateException("meter failure");
		};
	}

	/**
	 * A listener that throws on every event.
	 * @return the listener
	 */
	public static QueryEventListener throwingListener() {
		return (event) -> {
			throw new IllegalStateException("listener failure");
		};
	}

	/**
	 * With every meter and a listener throwing, queries complete with their own results;
	 * every event is delivered, every listener invocation fails and the Micrometer
	 * listener counts its failures, and nothing is recorded.
	 * @param context the application context, with the throwing registry and listener
	 * @param registry the registry, made with {@link #throwingHook()}
	 * @throws Exception on a query failure or timeout
	 */
	public static void queriesCompleteWhenEveryMeterAndListenerThrows(ApplicationContext context,
			HookedMeterRegistry registry) throws Exception {
		AsyncSession session = context.getBean(AsyncSession.class);
		runQueriesAndCheckResults(session);
		SessionStatistics statistics = awaitEveryEventAccountedFor(session);
		assertThat(session.inFlightCount()).isZero();
		assertThat(statistics.eventsDelivered()).isPositive();
		assertThat(statistics.listenerFailures()).isEqualTo(statistics.eventsDelivered());
		assertThat(context.getBean(MicrometerQueryEventListener.class).recordingFailureCount())
			.isEqualTo(statistics.eventsDelivered());
		assertThat(registry.find(MicrometerQueryEventListener.REQUESTS).timer().count()).isZero();
	}

	/**
	 * While the registry blocks the recorder on the first event, every query completes
	 * with its own result and the session has nothing left in flight, with no event
	 * delivered yet; once released, every event is delivered and recorded.
	 * @param context the application context, with the blocking registry and a throwing
	 * listener
	 * @param registry the registry, made with {@code hook}
	 * @param hook the blocking hook of the registry
	 * @throws Exception on a query failure or timeout
	 */
	public static void queriesCompleteWhileTheMeterRegistryBlocks(ApplicationContext context,
			HookedMeterRegistry registry, BlockingHook hook) throws Exception {
		AsyncSession session = context.getBean(AsyncSession.class);
		try {
			runQueriesAndCheckResults(session);
			// The recorder has been stuck in the registry since the first event: every
			// query above completed while no event could be delivered.
			assertThat(hook.entered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
			assertThat(session.statistics().eventsDelivered()).isZero();
			assertThat(session.inFlightCount()).isZero();
		}
		finally {
			hook.release.countDown();
		}
		SessionStatistics statistics = awaitEveryEventAccountedFor(session);
		assertThat(statistics.eventsDelivered()).isPositive();
		assertThat(statistics.listenerFailures()).isEqualTo(statistics.eventsDelivered());
		assertThat(context.getBean(MicrometerQueryEventListener.class).recordingFailureCount()).isZero();
		assertThat(registry.find(MicrometerQueryEventListener.REQUESTS).timers().stream().mapToLong(Timer::count).sum())
			.isEqualTo(statistics.eventsDelivered());
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

	/**
	 * A registry hook that parks the recording thread until released (bounded, so that a
	 * failing test cannot leave the recorder stuck), like a stuck exporter.
	 */
	public static final class BlockingHook implements Runnable {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@Override
		public void run() {
			this.entered.countDown();
			try {
				this.release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
