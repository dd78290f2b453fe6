package dev.asynccassandra.internal.stream;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import dev.asynccassandra.api.stream.StreamOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PagingPublisherLimitTests {

	private final AtomicInteger terminations = new AtomicInteger();

	@ParameterizedTest
	@CsvSource({ "1, 1", "5, 1", "10, 1", "11, 2", "35, 4", "100, 10" })
	void maxRowsEndsTheStreamNormallyAtExactlyTheLimitWithoutFetchingFurther(long maxRows, int expectedFetches) {
		FakeFetcher fetcher = FakeFetcher.immediate(1000, 10);
		StreamOptions options = StreamOptions.builder().maxRows(maxRows).prefetchPages(3).build();
		RecordingSubscriber<Long> subscriber = new RecordingSubscriber<>(Long.MAX_VALUE);
		StreamFixtures.publisher(fetcher, options, this.terminations).subscribe(subscriber);
		assertThat(subscriber.itemList()).containsExactlyElementsOf(LongStream.range(0, maxRows).boxed().toList());
		assertThat(subscriber.completions).hasValue(1);
		assertThat(subscriber.error()).isNull();
		assertThat(fetcher.fetchCalls).hasValue(expectedFetches);
		assertThat(this.terminations).hasValue(1);
	}

	@Test
	void maxRowsReachedWithinDemandCompletesWithoutFurtherRequest() {
		FakeFetcher fetcher = FakeFetcher.immediate(1000, 10);
		StreamOptions options = StreamOptions.builder().maxRows(3).build();
		RecordingSubscriber<Long> subscriber = new RecordingSubscriber<>(3);
		StreamFixtures.publisher(fetcher, options, this.terminations).subscribe(subscriber);
		assertThat(subscriber.items).hasSize(3);
		assertThat(subscriber.completions).hasValue(1);
	}

	@ParameterizedTest
	@CsvSource({ "1", "2", "7" })
	void maxPagesEndsTheStreamNormallyAfterExactlyThatManyPages(long maxPages) {
		FakeFetcher fetcher = FakeFetcher.immediate(1000, 10);
		StreamOptions options = StreamOptions.builder().maxPages(maxPages).prefetchPages(4).build();
		RecordingSubscriber<Long> subscriber = new RecordingSubscriber<>(Long.MAX_VALUE);
		PagingPublisher<Long> publisher = StreamFixtures.publisher(fetcher, options, this.terminations);
		publisher.subscribe(subscriber);
		assertThat(subscriber.items).hasSize((int) maxPages * 10);
		assertThat(subscriber.completions).hasValue(1);
		assertThat(fetcher.fetchCalls).hasValue((int) maxPages);
		assertThat(publisher.pagesDelivered()).isEqualTo(maxPages);
		assertThat(this.terminations).hasValue(1);
	}

	@Test
	void limitHigherThanTheResultChangesNothing() {
		FakeFetcher fetcher = FakeFetcher.immediate(25, 10);
		StreamOptions options = StreamOptions.builder().maxRows(1000).maxPages(1000).build();
		RecordingSubscriber<Long> subscriber = new RecordingSubscriber<>(Long.MAX_VALUE);
		StreamFixtures.publisher(fetcher, options, this.terminations).subscribe(subscriber);
		assertThat(subscriber.items).hasSize(25);
		assertThat(subscriber.completions).hasValue(1);
		assertThat(fetcher.fetchCalls).hasValue(3);
	}

	@Test
	void limitLeavesNoPageRequestPending() {
		FakeFetcher fetcher = FakeFetcher.manual(1000, 10);
		// 15 rows: page 2 holds the last rows; page 3 is never requested, so none is left
		// pending.
		StreamOptions options = StreamOptions.builder().maxRows(15).prefetchPages(2).build();
		RecordingSubscriber<Long> subscriber = new RecordingSubscriber<>(Long.MAX_VALUE);
		StreamFixtures.publisher(fetcher, options, this.terminations).subscribe(subscriber);
		fetcher.completeNext();
		assertThat(fetcher.fetchCalls).hasValue(2);
		fetcher.completeNext();
		assertThat(subscriber.items).hasSize(15);
		assertThat(subscriber.completions).hasValue(1);
		assertThat(fetcher.fetchCalls).hasValue(2);
		assertThat(fetcher.pendingCount()).isZero();
	}

}
