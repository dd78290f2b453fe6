package dev.asynccassandra.internal.stream;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.asynccassandra.api.error.CompletionRejectedException;
import dev.asynccassandra.api.error.UnexpectedFailureException;
import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.internal.context.ContextCapture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PagingPublisherErrorTests {

	private final AtomicInteger terminations = new AtomicInteger();

	@ParameterizedTest
	@ValueSource(ints = { 1, 2 })
	void driverExceptionArrivesAsItselfNotWrapped(int failingPage) {
		DriverTimeoutException timeout = new DriverTimeoutException("Query timed out after PT2S");
		SubscribedStream stream = SubscribedStream.subscribe(
				FakeFetcher.immediate(100, 10).failingAt(failingPage, () -> new CompletionException(timeout)),
				StreamFixtures.prefetch(1), Long.MAX_VALUE);
		assertThat(stream.subscriber.error()).isSameAs(timeout);
		assertThat(stream.subscriber.items).hasSize((failingPage - 1) * 10);
		assertThat(stream.subscriber.terminalSignals).hasValue(1);
		assertThat(stream.subscriber.ruleViolations).hasValue(0);
		assertThat(stream.terminations).hasValue(1);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2 })
	void driverExceptionFromAnotherThreadArrivesAsItself(int failingPage) throws InterruptedException {
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			DriverTimeoutException timeout = new DriverTimeoutException("Query timed out after PT2S");
			FakeFetcher fetcher = FakeFetcher.async(100, 10, executor).failingAt(failingPage, () -> timeout);
			PagingPublisher<Long> publisher = StreamFixtures.publisher(fetcher, StreamOptions.defaults(), executor,
					this.terminations);
			RecordingSubscriber<Long> subscriber = new RecordingSubscriber<>(Long.MAX_VALUE);
			publisher.subscribe(subscriber);
			assertThat(subscriber.awaitTermination()).isTrue();
			assertThat(subscriber.error()).isSameAs(timeout);
			assertThat(this.terminations).hasValue(1);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2 })
	void throwingRowMapperArrivesWrappedWithItsCause(int failingPage) {
		IllegalStateException mapperBug = new IllegalStateException("cannot map");
		long failingRow = (failingPage - 1) * 10L + 3;
		Function<Row, Long> mapper = (row) -> {
			long value = FakeRows.value(row);
			if (value == failingRow) {
				throw mapperBug;
			}
			return value;
		};
		FakeFetcher fetcher = FakeFetcher.immediate(100, 10);
		PagingPublisher<Long> publisher = new PagingPublisher<>(fetcher, mapper, StreamOptions.defaults(),
				StreamFixtures.DIRECT, this.terminations::incrementAndGet, ContextCapture.NONE);
		RecordingSubscriber<Long> subscriber = new RecordingSubscriber<>(Long.MAX_VALUE);
		publisher.subscribe(subscriber);
		assertThat(subscriber.error()).isInstanceOf(UnexpectedFailureException.class).hasCause(mapperBug);
		assertThat(subscriber.error().getMessage()).doesNotContain("cannot map");
		assertThat(subscriber.items).hasSize((int) failingRow);
		assertThat(this.terminations).hasValue(1);
	}

	@Test
	void rowMapperReturningNullFailsTheStream() {
		FakeFetcher fetcher = FakeFetcher.immediate(100, 10);
		PagingPublisher<Long> publisher = new PagingPublisher<>(fetcher, (row) -> null, StreamOptions.defaults(),
				StreamFixtures.DIRECT, this.terminations::incrementAndGet, ContextCapture.NONE);
		RecordingSubscriber<Long> subscriber = new RecordingSubscriber<>(5);
		publisher.subscribe(subscriber);
		assertThat(subscriber.error()).isInstanceOf(UnexpectedFailureException.class)
			.hasCauseInstanceOf(NullPointerException.class);
		assertThat(subscriber.items).isEmpty();
		assertThat(this.terminations).hasValue(1);
	}

	@Test
	void fetcherThrowingInsteadOfFailingTheStageIsWrapped() {
		IllegalArgumentException bug = new IllegalArgumentException("bad statement");
		PagingPublisher<Long> publisher = StreamFixtures.publisher((pagingState) -> {
			throw bug;
		}, StreamOptions.defaults(), this.terminations);
		RecordingSubscriber<Long> subscriber = new RecordingSubscriber<>(5);
		publisher.subscribe(subscriber);
		assertThat(subscriber.error()).isInstanceOf(UnexpectedFailureException.class).hasCause(bug);
		assertThat(this.terminations).hasValue(1);
	}

	@Test
	void errorWhileAPageIsBufferedEndsTheStreamAtOnceAndReleasesThePage() {
		FakeFetcher fetcher = FakeFetcher.manual(100, 10);
		SubscribedStream stream = SubscribedStream.subscribe(fetcher, StreamOptions.defaults(), 2);
		fetcher.completeNext();
		List<WeakReference<FakeResultSet>> pages = List.copyOf(fetcher.createdPages);
		DriverTimeoutException timeout = new DriverTimeoutException("Query timed out after PT2S");
		fetcher.failNext(timeout);
		assertThat(stream.subscriber.error()).isSameAs(timeout);
		assertThat(stream.subscriber.items).hasSize(2);
		assertThat(stream.terminations).hasValue(1);
		GarbageCollection.awaitCollected(pages);
	}

	@Test
	void executorRefusingSignalsEndsTheStreamWithCompletionRejectedException() throws Exception {
		AtomicBoolean refusing = new AtomicBoolean();
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			// Accepts tasks until the page is requested, then refuses, as a shut down
			// executor does.
			Executor saturating = (task) -> {
				if (refusing.get()) {
					throw new RejectedExecutionException("saturated");
				}
				pool.execute(task);
			};
			FakeFetcher fetcher = FakeFetcher.manual(100, 10);
			PagingPublisher<Long> publisher = StreamFixtures.publisher(fetcher, StreamOptions.defaults(), saturating,
					this.terminations);
			RecordingSubscriber<Long> subscriber = new RecordingSubscriber<>(0);
			publisher.subscribe(subscriber);
			assertThat(subscriber.subscribed.await(10, TimeUnit.SECONDS)).isTrue();
			subscriber.subscription().request(5);
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> fetcher.fetchCalls.get() == 1);
			// The single-threaded pool runs tasks in order: once this one ran, the drain
			// pass that requested the page is over.
			pool.submit(() -> {
			}).get(10, TimeUnit.SECONDS);
			refusing.set(true);
			fetcher.completeNext();
			assertThat(subscriber.awaitTermination()).isTrue();
			assertThat(subscriber.error()).isInstanceOf(CompletionRejectedException.class)
				.hasCauseInstanceOf(RejectedExecutionException.class);
			assertThat(this.terminations).hasValue(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void tenThousandFailingStreamsLeaveNoPageNorDriverStateReachableEvenWhileSubscribersAreKept()
			throws InterruptedException {
		int streams = 10_000;
		ExecutorService executor = Executors.newFixedThreadPool(4);
		List<WeakReference<Object>> streamObjects = new ArrayList<>(streams);
		List<RecordingSubscriber<Long>> subscribers = new ArrayList<>(streams);
		List<Queue<WeakReference<FakeResultSet>>> pagesByStream = new ArrayList<>(streams);
		AtomicInteger timeouts = new AtomicInteger();
		CountDownLatch allTerminated = new CountDownLatch(streams);
		try {
			for (int i = 0; i < streams; i++) {
				// Page 1 is buffered (one row requested) when page 2 fails.
				FakeFetcher fetcher = FakeFetcher.async(100, 10, executor)
					.failingAt(2, () -> new DriverTimeoutException("Query timed out"));
				PagingPublisher<Long> publisher = new PagingPublisher<>(fetcher, FakeRows::value,
						StreamOptions.defaults(), executor, allTerminated::countDown, ContextCapture.NONE);
				RecordingSubscriber<Long> subscriber = new RecordingSubscriber<Long>(1).onError((error) -> {
					if (error instanceof DriverTimeoutException) {
						timeouts.incrementAndGet();
					}
				});
				publisher.subscribe(subscriber);
				streamObjects.add(new WeakReference<>(publisher));
				streamObjects.add(new WeakReference<>(fetcher));
				// Kept, as a user's subscriber keeps its subscription: the engine must
				// still
				// let go of pages, fetcher and publisher.
				subscribers.add(subscriber);
				pagesByStream.add(fetcher.createdPages);
			}
			assertThat(allTerminated.await(30, TimeUnit.SECONDS)).isTrue();
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> timeouts.get() == streams);
		}
		finally {
			executor.shutdown();
			assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
		List<WeakReference<FakeResultSet>> pages = pagesByStream.stream().flatMap(Queue::stream).toList();
		assertThat(pages).hasSizeGreaterThanOrEqualTo(streams);
		GarbageCollection.awaitCollected(streamObjects);
		GarbageCollection.awaitCollected(pages);
		assertThat(subscribers).allSatisfy((subscriber) -> assertThat(subscriber.terminalSignals).hasValue(1));
	}

}
