package dev.asynccassandra.internal.stream;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;

import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.api.stream.StreamProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PagingPublisherResumeTests {

	private final AtomicInteger terminations = new AtomicInteger();

	@ParameterizedTest
	@ValueSource(ints = { 1, 3, 9 })
	void streamStoppedByItsPageLimitResumesFromTheSavedPagingStateWithEveryRowExactlyOnce(int stopAfterPages) {
		FakeFetcher fetcher = FakeFetcher.immediate(95, 10);
		AtomicReference<StreamProgress> lastProgress = new AtomicReference<>();
		StreamOptions firstOptions = StreamOptions.builder()
			.maxPages(stopAfterPages)
			.progressListener(lastProgress::set)
			.build();
		RecordingSubscriber<Long> first = new RecordingSubscriber<>(Long.MAX_VALUE);
		StreamFixtures.publisher(fetcher, firstOptions, this.terminations).subscribe(first);
		assertThat(first.completions).hasValue(1);
		ByteBuffer saved = lastProgress.get().pagingState();

		RecordingSubscriber<Long> second = new RecordingSubscriber<>(Long.MAX_VALUE);
		StreamOptions resumed = StreamOptions.builder().startingPagingState(saved).build();
		StreamFixtures.publisher(fetcher, resumed, this.terminations).subscribe(second);

		List<Long> all = new ArrayList<>(first.itemList());
		all.addAll(second.itemList());
		assertThat(all).containsExactlyElementsOf(LongStream.range(0, 95).boxed().toList());
		assertThat(this.terminations).hasValue(2);
	}

	@Test
	void streamCancelledFromItsProgressListenerResumesWithEveryRowExactlyOnce() {
		FakeFetcher fetcher = FakeFetcher.immediate(95, 10);
		AtomicReference<StreamProgress> lastProgress = new AtomicReference<>();
		AtomicReference<RecordingSubscriber<Long>> firstHolder = new AtomicReference<>();
		StreamOptions firstOptions = StreamOptions.builder().progressListener((progress) -> {
			lastProgress.set(progress);
			if (progress.pageNumber() == 4) {
				firstHolder.get().subscription().cancel();
			}
		}).build();
		RecordingSubscriber<Long> first = new RecordingSubscriber<>(Long.MAX_VALUE);
		firstHolder.set(first);
		StreamFixtures.publisher(fetcher, firstOptions, this.terminations).subscribe(first);
		assertThat(first.items).hasSize(40);

		RecordingSubscriber<Long> second = new RecordingSubscriber<>(Long.MAX_VALUE);
		StreamOptions resumed = StreamOptions.builder().startingPagingState(lastProgress.get().pagingState()).build();
		StreamFixtures.publisher(fetcher, resumed, this.terminations).subscribe(second);

		List<Long> all = new ArrayList<>(first.itemList());
		all.addAll(second.itemList());
		assertThat(all).containsExactlyElementsOf(LongStream.range(0, 95).boxed().toList());
	}

	@Test
	void everyPageIsFetchedWithThePagingStateOfThePreviousOne() {
		FakeFetcher fetcher = FakeFetcher.immediate(30, 10);
		StreamOptions options = StreamOptions.builder().startingPagingState(FakeFetcher.pagingStateAt(5)).build();
		SubscribedStream stream = SubscribedStream.subscribe(fetcher, options, Long.MAX_VALUE);
		assertThat(fetcher.requestedOffsets).containsExactly(5L, 15L, 25L);
		assertThat(stream.subscriber.itemList()).containsExactlyElementsOf(LongStream.range(5, 30).boxed().toList());
	}

}
