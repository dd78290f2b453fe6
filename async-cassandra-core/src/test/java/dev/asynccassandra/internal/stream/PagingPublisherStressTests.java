package dev.asynccassandra.internal.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.internal.context.ContextCapture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many threads call {@code request} and end the stream (subscription cancel, cancel
 * handle, an invalid request, or natural completion) from a common start line while pages
 * complete on other threads. Checked once every task has finished: signals never overlap
 * and none follows a terminal one, no element after the stream released its resources, no
 * more elements than requested and in order, no fetch after the end, exactly one
 * termination callback.
 */
class PagingPublisherStressTests {

	private static final int ROUNDS = 1500;

	private static final int RACERS = 4;

	private static final int REQUESTS_PER_RACER = 20;

	@Test
	void concurrentRequestsAndCancellationsKeepEveryRule() throws Exception {
		ExecutorService signalExecutor = Executors.newFixedThreadPool(4);
		ExecutorService completionExecutor = Executors.newFixedThreadPool(2);
		ExecutorService racers = Executors.newFixedThreadPool(RACERS);
		List<Round> rounds = new ArrayList<>(ROUNDS);
		try {
			for (int index = 0; index < ROUNDS; index++) {
				Round round = new Round(index % 4);
				rounds.add(round);
				round.run(signalExecutor, completionExecutor, racers);
			}
		}
		finally {
			racers.shutdownNow();
			signalExecutor.shutdown();
			completionExecutor.shutdown();
			// Every drain pass and page completion has run once the executors are done.
			assertThat(signalExecutor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
			assertThat(completionExecutor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
		for (Round round : rounds) {
			round.check();
		}
	}

	private static final class Round {

		private final int kind;

		private final AtomicInteger terminations = new AtomicInteger();

		private final CountDownLatch terminated = new CountDownLatch(1);

		private final AtomicLong terminationSequence = new AtomicLong(Long.MAX_VALUE);

		private final AtomicInteger fetchesAfterTermination = new AtomicInteger();

		private final AtomicLong requested = new AtomicLong();

		private final RecordingSubscriber<Long> subscriber = new RecordingSubscriber<>(0);

		Round(int kind) {
			this.kind = kind;
		}

		void run(ExecutorService signalExecutor, ExecutorService completionExecutor, ExecutorService racers)
				throws Exception {
			long totalRows = (this.kind == 3) ? 60 : 10_000;
			FakeFetcher fetcher = FakeFetcher.async(totalRows, 5, completionExecutor).onFetch((call) -> {
				if (this.terminations.get() > 0) {
					this.fetchesAfterTermination.incrementAndGet();
				}
			});
			PagingPublisher<Long> publisher = new PagingPublisher<>(fetcher, FakeRows::value,
					StreamOptions.builder().prefetchPages(2).build(), signalExecutor, () -> {
						this.terminationSequence.set(RecordingSubscriber.SEQUENCE.incrementAndGet());
						this.terminations.incrementAndGet();
						this.terminated.countDown();
					}, ContextCapture.NONE);
			if (this.kind == 1) {
				// Requests more from inside onNext, racing with the outside callers.
				this.subscriber.onNext((subscription, item) -> {
					if (item % 7 == 0) {
						this.requested.addAndGet(2);
						subscription.request(2);
					}
				});
			}
			publisher.subscribe(this.subscriber);
			assertThat(this.subscriber.subscribed.await(10, TimeUnit.SECONDS)).isTrue();
			CountDownLatch startLine = new CountDownLatch(1);
			List<Future<?>> tasks = new ArrayList<>();
			for (int racer = 0; racer < RACERS; racer++) {
				int racerIndex = racer;
				tasks.add(racers.submit(() -> {
					startLine.await();
					race(racerIndex, publisher);
					return null;
				}));
			}
			startLine.countDown();
			for (Future<?> task : tasks) {
				task.get(10, TimeUnit.SECONDS);
			}
			assertThat(this.terminated.await(10, TimeUnit.SECONDS)).as("stream ended").isTrue();
		}

		private void race(int racerIndex, PagingPublisher<Long> publisher) {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			for (int request = 0; request < REQUESTS_PER_RACER; request++) {
				long amount = random.nextLong(1, 4);
				this.requested.addAndGet(amount);
				this.subscriber.subscription().request(amount);
				if (racerIndex == 0 && request == REQUESTS_PER_RACER / 2) {
					endStream(publisher);
				}
			}
		}

		private void endStream(PagingPublisher<Long> publisher) {
			switch (this.kind) {
				case 0 -> this.subscriber.subscription().cancel();
				case 1 -> publisher.cancel();
				case 2 -> this.subscriber.subscription().request(-1);
				default -> {
					// The stream completes on its own.
				}
			}
		}

		void check() {
			RecordingSubscriber<Long> recorded = this.subscriber;
			assertThat(this.terminations).as("termination callbacks (kind %d)", this.kind).hasValue(1);
			assertThat(recorded.ruleViolations).as("overlapping or late signals").hasValue(0);
			assertThat(recorded.terminalSignals.get()).isLessThanOrEqualTo(1);
			assertThat(recorded.lastOnNextSequence.get()).as("onNext after the stream was released")
				.isLessThan(this.terminationSequence.get());
			assertThat(this.fetchesAfterTermination).as("fetches after the end").hasValue(0);
			List<Long> items = recorded.itemList();
			assertThat((long) items.size()).as("rule 1.1").isLessThanOrEqualTo(this.requested.get());
			assertThat(items).containsExactlyElementsOf(LongStream.range(0, items.size()).boxed().toList());
			if (this.kind == 3) {
				assertThat(recorded.completions).hasValue(1);
				assertThat(items).hasSize(60);
			}
			if (this.kind == 2) {
				assertThat(recorded.error()).isInstanceOf(IllegalArgumentException.class);
			}
		}

	}

}
