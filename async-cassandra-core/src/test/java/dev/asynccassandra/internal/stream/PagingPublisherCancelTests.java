package dev.asynccassandra.internal.stream;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import dev.asynccassandra.api.error.SessionClosedException;
import dev.asynccassandra.api.stream.StreamOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PagingPublisherCancelTests {

	private final AtomicInteger terminations = new AtomicInteger();

	@Test
	void cancelMidPageStopsFetchingCancelsThePendingFetchAndReleasesTheBufferedPage() {
		FakeFetcher fetcher = FakeFetcher.manual(100, 10);
		SubscribedStream stream = SubscribedStream.subscribe(fetcher, StreamOptions.defaults(), 3);
		assertThat(fetcher.completeNext()).isTrue();
		// Page 1 is buffered with 7 rows left and page 2 is being fetched.
		assertThat(stream.subscriber.items).hasSize(3);
		assertThat(fetcher.fetchCalls).hasValue(2);
		CompletableFuture<AsyncResultSet> pendingPage = fetcher.lastManualFuture();
		List<WeakReference<FakeResultSet>> pages = List.copyOf(fetcher.createdPages);

		stream.subscriber.subscription().cancel();

		assertThat(pendingPage).isCancelled();
		assertThat(stream.terminations).hasValue(1);
		stream.subscriber.subscription().request(100);
		stream.subscriber.subscription().cancel();
		assertThat(fetcher.fetchCalls).hasValue(2);
		assertThat(stream.subscriber.items).hasSize(3);
		assertThat(stream.subscriber.terminalSignals).hasValue(0);
		assertThat(stream.terminations).hasValue(1);
		GarbageCollection.awaitCollected(pages);
	}

	@Test
	void cancelWhilePageIsPendingIgnoresItsLateArrival() {
		FakeFetcher fetcher = FakeFetcher.manual(100, 10);
		SubscribedStream stream = SubscribedStream.subscribe(fetcher, StreamOptions.defaults(), 1);
		stream.subscriber.subscription().cancel();
		assertThat(fetcher.lastManualFuture()).isCancelled();
		// The session completing the (already cancelled) stage changes nothing.
		fetcher.completeNext();
		assertThat(stream.subscriber.items).isEmpty();
		assertThat(fetcher.fetchCalls).hasValue(1);
		assertThat(stream.terminations).hasValue(1);
	}

	@Test
	void cancelHandleEndsTheStreamWithCancellationException() {
		FakeFetcher fetcher = FakeFetcher.manual(100, 10);
		SubscribedStream stream = SubscribedStream.subscribe(fetcher, StreamOptions.defaults(), 5);
		fetcher.completeNext();
		CompletableFuture<AsyncResultSet> pendingPage = fetcher.lastManualFuture();

		stream.publisher.cancel();
		stream.publisher.cancel();

		assertThat(pendingPage).isCancelled();
		assertThat(stream.subscriber.error()).isInstanceOf(CancellationException.class);
		assertThat(stream.subscriber.terminalSignals).hasValue(1);
		assertThat(stream.terminations).hasValue(1);
	}

	@Test
	void cancelHandleBeforeSubscriptionRunsTerminationAndFailsLaterSubscriber() {
		FakeFetcher fetcher = FakeFetcher.immediate(100, 10);
		PagingPublisher<Long> publisher = StreamFixtures.publisher(fetcher, StreamOptions.defaults(),
				this.terminations);
		publisher.cancel();
		assertThat(this.terminations).hasValue(1);
		RecordingSubscriber<Long> subscriber = new RecordingSubscriber<>(5);
		publisher.subscribe(subscriber);
		assertThat(subscriber.onSubscribeCalls).hasValue(1);
		assertThat(subscriber.error()).isInstanceOf(CancellationException.class);
		assertThat(fetcher.fetchCalls).hasValue(0);
		assertThat(this.terminations).hasValue(1);
	}

	@Test
	void terminateSignalsTheGivenErrorAndCancelsThePendingFetch() {
		FakeFetcher fetcher = FakeFetcher.manual(100, 10);
		SubscribedStream stream = SubscribedStream.subscribe(fetcher, StreamOptions.defaults(), 5);
		SessionClosedException closed = new SessionClosedException(true);

		stream.publisher.terminate(closed);

		assertThat(fetcher.lastManualFuture()).isCancelled();
		assertThat(stream.subscriber.error()).isSameAs(closed);
		assertThat(stream.terminations).hasValue(1);
	}

	@Test
	void terminateBeforeSubscriptionFailsTheLaterSubscriberWithThatError() {
		FakeFetcher fetcher = FakeFetcher.immediate(100, 10);
		PagingPublisher<Long> publisher = StreamFixtures.publisher(fetcher, StreamOptions.defaults(),
				this.terminations);
		SessionClosedException closed = new SessionClosedException(true);
		publisher.terminate(closed);
		publisher.cancel();
		RecordingSubscriber<Long> subscriber = new RecordingSubscriber<>(5);
		publisher.subscribe(subscriber);
		assertThat(subscriber.error()).isSameAs(closed);
		assertThat(fetcher.fetchCalls).hasValue(0);
		assertThat(this.terminations).hasValue(1);
	}

	@Test
	void subscriberCancellingFromOnNextGetsNoFurtherElement() {
		RecordingSubscriber<Long> subscriber = new RecordingSubscriber<Long>(50).onNext((subscription, item) -> {
			if (item == 14L) {
				subscription.cancel();
			}
		});
		SubscribedStream stream = SubscribedStream.subscribe(FakeFetcher.immediate(100, 10), StreamOptions.defaults(),
				subscriber);
		assertThat(stream.subscriber.items).hasSize(15);
		assertThat(stream.subscriber.terminalSignals).hasValue(0);
		assertThat(stream.terminations).hasValue(1);
	}

	@Test
	void throwingOnNextIsTreatedAsCancellation() {
		RecordingSubscriber<Long> subscriber = new RecordingSubscriber<Long>(50).onNext((subscription, item) -> {
			throw new IllegalStateException("subscriber bug");
		});
		SubscribedStream stream = SubscribedStream.subscribe(FakeFetcher.immediate(100, 10), StreamOptions.defaults(),
				subscriber);
		assertThat(stream.subscriber.items).hasSize(1);
		assertThat(stream.subscriber.terminalSignals).hasValue(0);
		assertThat(stream.terminations).hasValue(1);
	}

}
