package dev.asynccassandra.internal.stream;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import dev.asynccassandra.api.stream.StreamOptions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.FlowAdapters;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reactor consumes row streams through the standard {@link FlowAdapters}; Reactor is a
 * test dependency only.
 */
class StreamReactorInteropTests {

	private final ExecutorService executor = Executors.newFixedThreadPool(3);

	private final AtomicInteger terminations = new AtomicInteger();

	@AfterEach
	void stopExecutor() {
		this.executor.shutdownNow();
	}

	private Flux<Long> flux(FakeFetcher fetcher) {
		PagingPublisher<Long> publisher = StreamFixtures.publisher(fetcher, StreamOptions.defaults(), this.executor,
				this.terminations);
		return Flux.from(FlowAdapters.toPublisher(publisher));
	}

	@Test
	void fluxReceivesEveryRowWithBackpressure() {
		List<Long> rows = flux(FakeFetcher.async(500, 30, this.executor)).limitRate(7)
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(rows).containsExactlyElementsOf(LongStream.range(0, 500).boxed().toList());
		assertThat(this.terminations).hasValue(1);
	}

	@Test
	void takeCancelsTheStreamAndStopsFetching() {
		FakeFetcher fetcher = FakeFetcher.async(1_000_000, 10, this.executor);
		List<Long> rows = flux(fetcher).take(25).collectList().block(Duration.ofSeconds(10));
		assertThat(rows).hasSize(25);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.terminations.get() == 1);
		assertThat(fetcher.fetchCalls.get()).isLessThanOrEqualTo(5);
	}

	@Test
	void driverExceptionReachesReactorAsItself() {
		DriverTimeoutException timeout = new DriverTimeoutException("Query timed out");
		Flux<Long> failing = flux(FakeFetcher.async(500, 30, this.executor).failingAt(2, () -> timeout));
		assertThatExceptionOfType(DriverTimeoutException.class)
			.isThrownBy(() -> failing.collectList().block(Duration.ofSeconds(10)))
			.isSameAs(timeout);
	}

}
