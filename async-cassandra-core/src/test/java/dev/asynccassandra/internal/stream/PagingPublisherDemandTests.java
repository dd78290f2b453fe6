package dev.asynccassandra.internal.stream;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import dev.asynccassandra.api.stream.StreamOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PagingPublisherDemandTests {

	private final ExecutorService completionExecutor = Executors.newFixedThreadPool(2);

	private final ExecutorService signalExecutor = Executors.newFixedThreadPool(2);

	private final AtomicInteger terminations = new AtomicInteger();

	@AfterEach
	void stopExecutors() throws InterruptedException {
		this.completionExecutor.shutdownNow();
		this.signalExecutor.shutdownNow();
		assertThat(this.completionExecutor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void fetchesNothingBeforeTheFirstRequest() {
		FakeFetcher fetcher = FakeFetcher.immediate(100, 10);
		SubscribedStream stream = SubscribedStream.subscribe(fetcher, StreamOptions.defaults(), 0);
		assertThat(stream.subscriber.onSubscribeCalls).hasValue(1);
		assertThat(fetcher.fetchCalls).hasValue(0);
		stream.subscriber.subscription().request(1);
		assertThat(fetcher.fetchCalls).hasPositiveValue();
		assertThat(stream.subscriber.itemList()).containsExactly(0L);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3 })
	void slowSubscriberNeverHasMorePagesHeldOrFetchedThanThePrefetch(int prefetch) throws InterruptedException {
		AtomicReference<PagingPublisher<Long>> publisherHolder = new AtomicReference<>();
		AtomicInteger worstAhead = new AtomicInteger();
		FakeFetcher fetcher = FakeFetcher.async(200, 10, this.completionExecutor).onFetch((call) -> {
			// Pages fetched or being fetched that were not delivered in full yet.
			long ahead = call - publisherHolder.get().pagesDelivered();
			worstAhead.accumulateAndGet((int) ahead, Math::max);
		});
		PagingPublisher<Long> publisher = StreamFixtures.publisher(fetcher, StreamFixtures.prefetch(prefetch),
				this.signalExecutor, this.terminations);
		publisherHolder.set(publisher);
		RecordingSubscriber<Long> subscriber = new RecordingSubscriber<Long>(1)
			.onNext((subscription, item) -> subscription.request(1));
		publisher.subscribe(subscriber);
		assertThat(subscriber.awaitTermination()).isTrue();
		assertThat(subscriber.itemList()).containsExactlyElementsOf(LongStream.range(0, 200).boxed().toList());
		assertThat(worstAhead.get()).isLessThanOrEqualTo(prefetch);
		assertThat(fetcher.fetchCalls).hasValue(20);
		assertThat(subscriber.ruleViolations).hasValue(0);
		assertThat(this.terminations).hasValue(1);
	}

	@Test
	void everySignalArrivesOnTheStreamExecutorNeverOnTheCallerOrCompletionThread() throws InterruptedException {
		ExecutorService namedSignals = Executors.newSingleThreadExecutor((task) -> new Thread(task, "stream-signals"));
		try {
			Set<String> signalThreads = ConcurrentHashMap.newKeySet();
			FakeFetcher fetcher = FakeFetcher.async(50, 10, this.completionExecutor);
			PagingPublisher<Long> publisher = StreamFixtures.publisher(fetcher, StreamOptions.defaults(), namedSignals,
					this.terminations);
			RecordingSubscriber<Long> subscriber = new RecordingSubscriber<Long>(1).onNext((subscription, item) -> {
				signalThreads.add(Thread.currentThread().getName());
				subscription.request(1);
			});
			publisher.subscribe(subscriber);
			assertThat(subscriber.awaitTermination()).isTrue();
			assertThat(subscriber.items).hasSize(50);
			assertThat(signalThreads).containsExactly("stream-signals");
		}
		finally {
			namedSignals.shutdownNow();
		}
	}

	@Test
	void prefetchOfOneFetchesTheNextPageOnlyWhenThePageWasDelivered() {
		FakeFetcher fetcher = FakeFetcher.manual(30, 10);
		SubscribedStream stream = SubscribedStream.subscribe(fetcher, StreamFixtures.prefetch(1), 5);
		assertThat(fetcher.completeNext()).isTrue();
		assertThat(stream.subscriber.items).hasSize(5);
		assertThat(fetcher.fetchCalls).hasValue(1);
		stream.subscriber.subscription().request(5);
		assertThat(fetcher.fetchCalls).hasValue(2);
	}

	@Test
	void defaultPrefetchFetchesOnePageAheadWithoutDemand() {
		FakeFetcher fetcher = FakeFetcher.manual(100, 10);
		SubscribedStream stream = SubscribedStream.subscribe(fetcher, StreamOptions.defaults(), 1);
		fetcher.completeNext();
		assertThat(fetcher.fetchCalls).hasValue(2);
		fetcher.completeNext();
		assertThat(fetcher.fetchCalls).hasValue(2);
		assertThat(stream.subscriber.itemList()).containsExactly(0L);
	}

	@Test
	void demandAddsUpToLongMaxValueWithoutOverflow() {
		RecordingSubscriber<Long> subscriber = new RecordingSubscriber<Long>(Long.MAX_VALUE)
			.onNext((subscription, item) -> subscription.request(Long.MAX_VALUE));
		SubscribedStream stream = SubscribedStream.subscribe(FakeFetcher.immediate(50, 7), StreamOptions.defaults(),
				subscriber);
		assertThat(stream.subscriber.items).hasSize(50);
		assertThat(stream.subscriber.completions).hasValue(1);
		assertThat(stream.subscriber.error()).isNull();
	}

	@Test
	void nonPositiveRequestSignalsIllegalArgumentException() {
		FakeFetcher fetcher = FakeFetcher.immediate(50, 7);
		SubscribedStream stream = SubscribedStream.subscribe(fetcher, StreamOptions.defaults(), 0);
		stream.subscriber.subscription().request(0);
		assertThat(stream.subscriber.error()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.9");
		assertThat(fetcher.fetchCalls).hasValue(0);
		assertThat(stream.terminations).hasValue(1);
	}

	@Test
	void secondSubscriberReceivesOnSubscribeThenIllegalStateException() {
		FakeFetcher fetcher = FakeFetcher.immediate(50, 7);
		PagingPublisher<Long> publisher = StreamFixtures.publisher(fetcher, StreamOptions.defaults(),
				this.terminations);
		publisher.subscribe(new RecordingSubscriber<>(0));
		RecordingSubscriber<Long> second = new RecordingSubscriber<>(1);
		publisher.subscribe(second);
		assertThat(second.onSubscribeCalls).hasValue(1);
		assertThat(second.error()).isInstanceOf(IllegalStateException.class);
		assertThat(this.terminations).hasValue(0);
	}

	@Test
	void emptyPagesAreSkippedWithoutDemand() {
		PageFetcher emptyThenRows = new PageFetcher() {

			private final FakeFetcher rows = FakeFetcher.immediate(3, 3);

			@Override
			public CompletionStage<AsyncResultSet> fetch(ByteBuffer pagingState) {
				if (pagingState == null) {
					return CompletableFuture
						.completedFuture(new FakeResultSet(List.of(), FakeFetcher.pagingStateAt(0)));
				}
				return this.rows.fetch(pagingState);
			}

		};
		PagingPublisher<Long> publisher = StreamFixtures.publisher(emptyThenRows, StreamOptions.defaults(),
				this.terminations);
		RecordingSubscriber<Long> subscriber = new RecordingSubscriber<>(10);
		publisher.subscribe(subscriber);
		assertThat(subscriber.itemList()).containsExactly(0L, 1L, 2L);
		assertThat(subscriber.completions).hasValue(1);
		assertThat(publisher.pagesDelivered()).isEqualTo(2);
	}

}
