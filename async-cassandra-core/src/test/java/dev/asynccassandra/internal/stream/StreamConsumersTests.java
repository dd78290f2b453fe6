package dev.asynccassandra.internal.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import dev.asynccassandra.api.error.UnexpectedFailureException;
import dev.asynccassandra.api.stream.CollectLimitExceededException;
import dev.asynccassandra.api.stream.StreamConsumers;
import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.api.stream.StreamSummary;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StreamConsumersTests {

	private final ExecutorService executor = Executors.newFixedThreadPool(3);

	private final AtomicInteger terminations = new AtomicInteger();

	@AfterEach
	void stopExecutor() {
		this.executor.shutdownNow();
	}

	private PagingPublisher<Long> stream(FakeFetcher fetcher) {
		return StreamFixtures.publisher(fetcher, StreamOptions.defaults(), this.executor, this.terminations);
	}

	private FakeFetcher rows(long count) {
		return FakeFetcher.async(count, 100, this.executor);
	}

	@Test
	void forEachVisitsEveryElementInOrderAndSummarizes() throws Exception {
		List<Long> seen = new ArrayList<>();
		StreamSummary summary = StreamConsumers.forEach(stream(rows(1050)), seen::add).get(10, TimeUnit.SECONDS);
		assertThat(seen).containsExactlyElementsOf(LongStream.range(0, 1050).boxed().toList());
		assertThat(summary.rows()).isEqualTo(1050);
		assertThat(summary.pages()).isEqualTo(11);
		assertThat(summary.elapsed().isNegative()).isFalse();
		assertThat(this.terminations).hasValue(1);
	}

	@Test
	void forEachWithThrowingActionCancelsTheStreamAndFailsWrapped() {
		FakeFetcher fetcher = rows(100_000);
		IllegalStateException bug = new IllegalStateException("action bug");
		CompletableFuture<StreamSummary> result = StreamConsumers.forEach(stream(fetcher), (item) -> {
			if (item == 150L) {
				throw bug;
			}
		});
		assertThat(result).failsWithin(Duration.ofSeconds(10))
			.withThrowableOfType(ExecutionException.class)
			.havingCause()
			.isInstanceOf(UnexpectedFailureException.class)
			.havingCause()
			.isSameAs(bug);
		awaitTermination();
		assertThat(fetcher.fetchCalls.get()).isLessThanOrEqualTo(3);
	}

	@Test
	void forEachFailsWithTheDriverExceptionItself() {
		DriverTimeoutException timeout = new DriverTimeoutException("Query timed out");
		CompletableFuture<StreamSummary> result = StreamConsumers
			.forEach(stream(rows(1000).failingAt(3, () -> timeout)), (item) -> {
			});
		assertThat(result).failsWithin(Duration.ofSeconds(10))
			.withThrowableOfType(ExecutionException.class)
			.withCause(timeout);
		result.exceptionally((error) -> {
			assertThat(error).isSameAs(timeout);
			return null;
		});
	}

	@Test
	void cancellingTheForEachFutureCancelsTheStream() {
		FakeFetcher fetcher = FakeFetcher.manual(1000, 10);
		PagingPublisher<Long> publisher = StreamFixtures.publisher(fetcher, StreamOptions.defaults(),
				this.terminations);
		CompletableFuture<StreamSummary> result = StreamConsumers.forEach(publisher, (item) -> {
		});
		fetcher.completeNext();
		result.cancel(false);
		assertThat(fetcher.lastManualFuture()).isCancelled();
		assertThat(this.terminations).hasValue(1);
	}

	@Test
	void collectReturnsEveryElementWithinTheCap() throws Exception {
		List<Long> all = StreamConsumers.collect(stream(rows(250)), 250).get(10, TimeUnit.SECONDS);
		assertThat(all).containsExactlyElementsOf(LongStream.range(0, 250).boxed().toList());
		assertThat(this.terminations).hasValue(1);
	}

	@Test
	void collectBeyondTheCapFailsClearlyAndCancelsTheStream() {
		FakeFetcher fetcher = rows(1_000_000);
		CompletableFuture<List<Long>> result = StreamConsumers.collect(stream(fetcher), 250);
		assertThat(result).failsWithin(Duration.ofSeconds(10))
			.withThrowableOfType(ExecutionException.class)
			.havingCause()
			.isInstanceOf(CollectLimitExceededException.class)
			.withMessageContaining("250");
		awaitTermination();
		assertThat(fetcher.fetchCalls.get()).isLessThanOrEqualTo(4);
	}

	@Test
	void collectRequiresANonNegativeCap() {
		assertThatIllegalArgumentException().isThrownBy(() -> StreamConsumers.collect(stream(rows(10)), -1));
	}

	@Test
	void forEachPageHandsFullPagesThenTheRestOneAtATime() throws Exception {
		List<List<Long>> pages = new ArrayList<>();
		AtomicInteger handling = new AtomicInteger();
		AtomicInteger overlaps = new AtomicInteger();
		StreamSummary summary = StreamConsumers.forEachPage(stream(rows(1005)), 100, (page) -> {
			if (handling.incrementAndGet() != 1) {
				overlaps.incrementAndGet();
			}
			pages.add(page);
			return CompletableFuture.runAsync(handling::decrementAndGet, this.executor);
		}).get(10, TimeUnit.SECONDS);
		assertThat(overlaps).hasValue(0);
		assertThat(pages).hasSize(11);
		assertThat(pages.get(0)).hasSize(100);
		assertThat(pages.get(10)).containsExactly(1000L, 1001L, 1002L, 1003L, 1004L);
		assertThat(pages.stream().flatMap(List::stream).toList())
			.containsExactlyElementsOf(LongStream.range(0, 1005).boxed().toList());
		assertThat(summary.rows()).isEqualTo(1005);
		assertThat(summary.pages()).isEqualTo(11);
	}

	@Test
	void forEachPageWithAFailedStageCancelsTheStream() {
		FakeFetcher fetcher = rows(100_000);
		IllegalStateException bug = new IllegalStateException("page handler bug");
		CompletableFuture<StreamSummary> result = StreamConsumers.forEachPage(stream(fetcher), 50,
				(page) -> CompletableFuture.failedFuture(bug));
		assertThat(result).failsWithin(Duration.ofSeconds(10))
			.withThrowableOfType(ExecutionException.class)
			.havingCause()
			.isInstanceOf(UnexpectedFailureException.class)
			.havingCause()
			.isSameAs(bug);
		awaitTermination();
	}

	private void awaitTermination() {
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.terminations.get() == 1);
	}

}
