package dev.asynccassandra.internal.stream;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;

import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.api.stream.StreamProgress;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PagingPublisherProgressTests {

	private final ExecutorService executor = Executors.newFixedThreadPool(3);

	@AfterEach
	void stopExecutor() {
		this.executor.shutdownNow();
	}

	@Test
	void reportsEachPageDeliveredInFullWithThePagingStateAfterIt() {
		Queue<StreamProgress> events = new ConcurrentLinkedQueue<>();
		StreamOptions options = StreamOptions.builder().progressListener(events::add).build();
		SubscribedStream stream = SubscribedStream.subscribe(FakeFetcher.immediate(25, 10), options, Long.MAX_VALUE);
		assertThat(stream.subscriber.completions).hasValue(1);
		List<StreamProgress> progress = List.copyOf(events);
		assertThat(progress).extracting(StreamProgress::pageNumber).containsExactly(1L, 2L, 3L);
		assertThat(progress).extracting(StreamProgress::rowsInPage).containsExactly(10, 10, 5);
		assertThat(progress).extracting(StreamProgress::rowsSoFar).containsExactly(10L, 20L, 25L);
		assertThat(progress.get(0).pagingState()).isEqualTo(FakeFetcher.pagingStateAt(10));
		assertThat(progress.get(1).pagingState()).isEqualTo(FakeFetcher.pagingStateAt(20));
		assertThat(progress.get(1).hasMorePages()).isTrue();
		assertThat(progress.get(2).pagingState()).isNull();
		assertThat(progress.get(2).hasMorePages()).isFalse();
		assertThat(progress.get(0).pagingState().isReadOnly()).isTrue();
	}

	@Test
	void pageIsReportedOnlyOnceItsLastRowWasDelivered() {
		Queue<StreamProgress> events = new ConcurrentLinkedQueue<>();
		StreamOptions options = StreamOptions.builder().progressListener(events::add).build();
		SubscribedStream stream = SubscribedStream.subscribe(FakeFetcher.immediate(25, 10), options, 9);
		assertThat(events).isEmpty();
		stream.subscriber.subscription().request(1);
		assertThat(events).singleElement().extracting(StreamProgress::rowsSoFar).isEqualTo(10L);
	}

	@Test
	void listenerMayRequestAndCancelReentrantlyWithoutDeadlock() throws InterruptedException {
		AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
		StreamOptions options = StreamOptions.builder().prefetchPages(1).progressListener((progress) -> {
			if (progress.pageNumber() == 1) {
				// The subscriber asked for page 1 only: the listener asks for more.
				subscription.get().request(10);
			}
			else if (progress.pageNumber() == 2) {
				subscription.get().cancel();
			}
		}).build();
		FakeFetcher fetcher = FakeFetcher.async(100, 10, this.executor);
		SubscribedStream stream = SubscribedStream.subscribe(fetcher, options, this.executor,
				new RecordingSubscriber<>(0));
		assertThat(stream.subscriber.subscribed.await(10, TimeUnit.SECONDS)).isTrue();
		subscription.set(stream.subscriber.subscription());
		stream.subscriber.subscription().request(10);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stream.terminations.get() == 1);
		assertThat(stream.subscriber.itemList()).containsExactlyElementsOf(LongStream.range(0, 20).boxed().toList());
		assertThat(fetcher.fetchCalls).hasValue(2);
		assertThat(stream.subscriber.terminalSignals).hasValue(0);
	}

	@Test
	void listenerRunsOutsideAnyLockSoAnotherThreadCanUseTheSubscriptionMeanwhile() throws InterruptedException {
		AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
		AtomicInteger otherThreadReturned = new AtomicInteger();
		StreamOptions options = StreamOptions.builder().progressListener((progress) -> {
			// Waits (bounded) for another thread that requests and cancels: with a lock
			// held around the listener, that thread would block and this join time out.
			Thread other = new Thread(() -> {
				subscription.get().request(1);
				subscription.get().cancel();
				otherThreadReturned.incrementAndGet();
			});
			other.start();
			try {
				other.join(TimeUnit.SECONDS.toMillis(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}).build();
		SubscribedStream stream = SubscribedStream.subscribe(FakeFetcher.async(100, 10, this.executor), options,
				this.executor, new RecordingSubscriber<>(0));
		assertThat(stream.subscriber.subscribed.await(10, TimeUnit.SECONDS)).isTrue();
		subscription.set(stream.subscriber.subscription());
		stream.subscriber.subscription().request(10);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stream.terminations.get() == 1);
		assertThat(otherThreadReturned).hasValue(1);
		assertThat(stream.subscriber.items).hasSize(10);
	}

	@Test
	void throwingListenerIsLoggedAndTheStreamGoesOn() {
		AtomicInteger calls = new AtomicInteger();
		StreamOptions options = StreamOptions.builder().progressListener((progress) -> {
			calls.incrementAndGet();
			throw new IllegalStateException("listener bug");
		}).build();
		SubscribedStream stream = SubscribedStream.subscribe(FakeFetcher.immediate(35, 10), options, Long.MAX_VALUE);
		assertThat(stream.subscriber.items).hasSize(35);
		assertThat(stream.subscriber.completions).hasValue(1);
		assertThat(calls).hasValue(4);
		assertThat(stream.terminations).hasValue(1);
	}

}
