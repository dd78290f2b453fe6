package dev.asynccassandra.internal.stream;

import java.util.stream.LongStream;

import dev.asynccassandra.api.stream.StreamOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PagingPublisherLimitTests {

	@ParameterizedTest
	@CsvSource({ "1, 1", "5, 1", "10, 1", "11, 2", "35, 4", "100, 10" })
	void maxRowsEndsTheStreamNormallyAtExactlyTheLimitWithoutFetchingFurther(long maxRows, int expectedFetches) {
		FakeFetcher fetcher = FakeFetcher.immediate(1000, 10);
		StreamOptions options = StreamOptions.builder().maxRows(maxRows).prefetchPages(3).build();
		SubscribedStream stream = SubscribedStream.subscribe(fetcher, options, Long.MAX_VALUE);
		assertThat(stream.subscriber.itemList())
			.containsExactlyElementsOf(LongStream.range(0, maxRows).boxed().toList());
		assertThat(stream.subscriber.completions).hasValue(1);
		assertThat(stream.subscriber.error()).isNull();
		assertThat(fetcher.fetchCalls).hasValue(expectedFetches);
		assertThat(stream.terminations).hasValue(1);
	}

	@Test
	void maxRowsReachedWithinDemandCompletesWithoutFurtherRequest() {
		FakeFetcher fetcher = FakeFetcher.immediate(1000, 10);
		StreamOptions options = StreamOptions.builder().maxRows(3).build();
		SubscribedStream stream = SubscribedStream.subscribe(fetcher, options, 3);
		assertThat(stream.subscriber.items).hasSize(3);
		assertThat(stream.subscriber.completions).hasValue(1);
	}

	@ParameterizedTest
	@CsvSource({ "1", "2", "7" })
	void maxPagesEndsTheStreamNormallyAfterExactlyThatManyPages(long maxPages) {
		FakeFetcher fetcher = FakeFetcher.immediate(1000, 10);
		StreamOptions options = StreamOptions.builder().maxPages(maxPages).prefetchPages(4).build();
		SubscribedStream stream = SubscribedStream.subscribe(fetcher, options, Long.MAX_VALUE);
		assertThat(stream.subscriber.items).hasSize((int) maxPages * 10);
		assertThat(stream.subscriber.completions).hasValue(1);
		assertThat(fetcher.fetchCalls).hasValue((int) maxPages);
		assertThat(stream.publisher.pagesDelivered()).isEqualTo(maxPages);
		assertThat(stream.terminations).hasValue(1);
	}

	@Test
	void limitHigherThanTheResultChangesNothing() {
		FakeFetcher fetcher = FakeFetcher.immediate(25, 10);
		StreamOptions options = StreamOptions.builder().maxRows(1000).maxPages(1000).build();
		SubscribedStream stream = SubscribedStream.subscribe(fetcher, options, Long.MAX_VALUE);
		assertThat(stream.subscriber.items).hasSize(25);
		assertThat(stream.subscriber.completions).hasValue(1);
		assertThat(fetcher.fetchCalls).hasValue(3);
	}

	@Test
	void limitLeavesNoPageRequestPending() {
		FakeFetcher fetcher = FakeFetcher.manual(1000, 10);
		// 15 rows: page 2 holds the last rows; page 3 is never requested, so none is left
		// pending.
		StreamOptions options = StreamOptions.builder().maxRows(15).prefetchPages(2).build();
		SubscribedStream stream = SubscribedStream.subscribe(fetcher, options, Long.MAX_VALUE);
		fetcher.completeNext();
		assertThat(fetcher.fetchCalls).hasValue(2);
		fetcher.completeNext();
		assertThat(stream.subscriber.items).hasSize(15);
		assertThat(stream.subscriber.completions).hasValue(1);
		assertThat(fetcher.fetchCalls).hasValue(2);
		assertThat(fetcher.pendingCount()).isZero();
	}

}
