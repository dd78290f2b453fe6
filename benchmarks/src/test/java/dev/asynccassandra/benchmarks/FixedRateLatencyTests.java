package dev.asynccassandra.benchmarks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The fixed-rate harness against clients whose behaviour is known.
 */
class FixedRateLatencyTests {

	@Test
	void aStallCountsAgainstEveryQueryDueDuringIt() {
		// 1,000 queries/s for 1 s; the 200th start blocks its caller for 300 ms, so about
		// 300 queries start late by up to 300 ms. Measured from their actual start they
		// would all look instant; measured from when they were due, the slowest 10% are
		// late by more than 100 ms. The stall moves a manual clock instead of sleeping.
		ManualTicker ticker = new ManualTicker();
		AtomicInteger started = new AtomicInteger();
		Client client = Client.of(() -> {
			if (started.incrementAndGet() == 200) {
				ticker.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
			}
			return CompletableFuture.completedFuture(1);
		});

		FixedRateLatency.Measurement measured = FixedRateLatency.measure(ticker, client, 1000, Duration.ZERO,
				Duration.ofSeconds(1));
		Histogram latencies = measured.latencies();

		assertThat(measured.sustained()).isTrue();
		assertThat(latencies.getTotalCount()).isBetween(990L, 1000L);
		assertThat(latencies.getValueAtPercentile(90)).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(100));
		assertThat(latencies.getMaxValue()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(290));
	}

	@Test
	void queriesDuringWarmupAreNotRecorded() {
		Client client = Client.of(() -> CompletableFuture.completedFuture(1));

		Histogram latencies = FixedRateLatency.measure(client, 1000, Duration.ofMillis(200), Duration.ofMillis(300))
			.latencies();

		assertThat(latencies.getTotalCount()).isBetween(299L, 301L);
	}

	@Test
	void failedQueriesFailTheMeasurement() {
		Client client = Client.of(() -> CompletableFuture.failedFuture(new IllegalArgumentException("boom")));

		assertThatIllegalStateException()
			.isThrownBy(() -> FixedRateLatency.measure(client, 1000, Duration.ZERO, Duration.ofMillis(50)))
			.withMessageContaining("queries failed at a fixed rate");
	}

	@Test
	void aClientThatCannotKeepUpIsReportedInsteadOfQueuedWithoutBound() {
		ScheduledExecutorService slow = Executors.newSingleThreadScheduledExecutor();
		try {
			Client client = Client.of(() -> {
				CompletableFuture<Integer> query = new CompletableFuture<>();
				slow.schedule(() -> query.complete(1), 1, TimeUnit.SECONDS);
				return query;
			});

			FixedRateLatency.Measurement measured = FixedRateLatency.measure(client, 1_000_000, Duration.ZERO,
					Duration.ofSeconds(10));

			assertThat(measured.sustained()).isFalse();
			assertThat(measured.latencies().getTotalCount()).isLessThanOrEqualTo(FixedRateLatency.MAX_IN_FLIGHT);
		}
		finally {
			slow.shutdownNow();
		}
	}

	/**
	 * A clock that only moves when someone waits on it: waiting moves it by the time
	 * waited, at once.
	 */
	private static final class ManualTicker implements Ticker {

		private long now;

		@Override
		public long nanoTime() {
			return this.now;
		}

		@Override
		public void parkNanos(long nanos) {
			this.now += nanos;
		}

	}

}
