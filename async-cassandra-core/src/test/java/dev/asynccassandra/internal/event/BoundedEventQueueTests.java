package dev.asynccassandra.internal.event;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.asynccassandra.api.event.QueryEvent;
import dev.asynccassandra.api.event.QueryEvent.OperationKind;
import dev.asynccassandra.api.event.QueryEvent.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link BoundedEventQueue}.
 */
class BoundedEventQueueTests {

	private static final int PRODUCERS = 4;

	private static final int EVENTS_PER_PRODUCER = 10_000;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	@AfterEach
	void shutDownExecutor() throws InterruptedException {
		this.executor.shutdownNow();
		assertThat(this.executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void rejectsCapacityBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BoundedEventQueue(0));
	}

	@Test
	void pollReturnsEventsInOfferOrderAcrossManyLaps() {
		BoundedEventQueue queue = new BoundedEventQueue(3);
		for (int i = 0; i < 30; i++) {
			assertThat(queue.offer(event(0, i))).isTrue();
			assertThat(queue.offer(event(0, i + 1000))).isTrue();
			assertThat(queue.poll()).extracting(QueryEvent::rows).isEqualTo(i);
			assertThat(queue.poll()).extracting(QueryEvent::rows).isEqualTo(i + 1000);
			assertThat(queue.poll()).isNull();
		}
	}

	@Test
	void offerFailsWhenFullAndSucceedsOnceAnEventIsTaken() {
		BoundedEventQueue queue = new BoundedEventQueue(3);
		for (int lap = 0; lap < 5; lap++) {
			assertThat(queue.offer(event(0, 1))).isTrue();
			assertThat(queue.offer(event(0, 2))).isTrue();
			assertThat(queue.offer(event(0, 3))).isTrue();
			assertThat(queue.size()).isEqualTo(3);
			assertThat(queue.offer(event(0, 4))).isFalse();
			assertThat(queue.poll()).extracting(QueryEvent::rows).isEqualTo(1);
			assertThat(queue.offer(event(0, 5))).isTrue();
			assertThat(queue.offer(event(0, 6))).isFalse();
			assertThat(queue.poll()).extracting(QueryEvent::rows).isEqualTo(2);
			assertThat(queue.poll()).extracting(QueryEvent::rows).isEqualTo(3);
			assertThat(queue.poll()).extracting(QueryEvent::rows).isEqualTo(5);
			assertThat(queue.poll()).isNull();
			assertThat(queue.size()).isZero();
		}
	}

	@Test
	void sealRejectsLaterOffersAndReturnsTheAcceptedCount() {
		BoundedEventQueue queue = new BoundedEventQueue(8);
		queue.offer(event(0, 1));
		queue.offer(event(0, 2));
		queue.poll();
		assertThat(queue.seal()).isEqualTo(2);
		assertThat(queue.seal()).isEqualTo(2);
		assertThat(queue.isSealed()).isTrue();
		assertThat(queue.offer(event(0, 3))).isFalse();
		assertThat(queue.isSealedAndEmpty()).isFalse();
		assertThat(queue.poll()).extracting(QueryEvent::rows).isEqualTo(2);
		assertThat(queue.isSealedAndEmpty()).isTrue();
		assertThat(queue.remaining()).isZero();
	}

	@RepeatedTest(100)
	void concurrentProducersClaimDistinctSlots() throws Exception {
		BoundedEventQueue queue = new BoundedEventQueue(PRODUCERS * EVENTS_PER_PRODUCER);
		CyclicBarrier startLine = new CyclicBarrier(PRODUCERS);
		List<Future<?>> producers = new ArrayList<>();
		for (int producer = 0; producer < PRODUCERS; producer++) {
			QueryEvent[] events = events(producer, EVENTS_PER_PRODUCER);
			producers.add(this.executor.submit(() -> {
				startLine.await(10, TimeUnit.SECONDS);
				for (QueryEvent event : events) {
					assertThat(queue.offer(event)).isTrue();
				}
				return null;
			}));
		}
		for (Future<?> producer : producers) {
			producer.get(30, TimeUnit.SECONDS);
		}
		assertThat(queue.size()).isEqualTo(PRODUCERS * EVENTS_PER_PRODUCER);
		int[] next = new int[PRODUCERS];
		for (int i = 0; i < PRODUCERS * EVENTS_PER_PRODUCER; i++) {
			QueryEvent event = queue.poll();
			assertThat(event).isNotNull();
			int producer = (int) event.latencyNanos();
			assertThat(event.rows()).isEqualTo(next[producer]);
			next[producer]++;
		}
		assertThat(queue.poll()).isNull();
	}

	@RepeatedTest(100)
	void concurrentProducersNeverLoseDuplicateOrReorderEventsAndNeverExceedCapacity() throws Exception {
		int capacity = 16;
		BoundedEventQueue queue = new BoundedEventQueue(capacity);
		CyclicBarrier startLine = new CyclicBarrier(PRODUCERS + 1);
		List<Future<Integer>> producers = new ArrayList<>();
		for (int producer = 0; producer < PRODUCERS; producer++) {
			QueryEvent[] events = events(producer, EVENTS_PER_PRODUCER);
			producers.add(this.executor.submit(() -> {
				startLine.await(10, TimeUnit.SECONDS);
				int accepted = 0;
				for (QueryEvent event : events) {
					if (queue.offer(event)) {
						accepted++;
					}
				}
				return accepted;
			}));
		}
		AtomicBoolean producing = new AtomicBoolean(true);
		CompletableFuture<long[]> consumer = CompletableFuture.supplyAsync(() -> {
			long[] lastSeen = new long[PRODUCERS];
			java.util.Arrays.fill(lastSeen, -1);
			long taken = 0;
			int maxSize = 0;
			while (producing.get() || queue.size() > 0) {
				maxSize = Math.max(maxSize, queue.size());
				QueryEvent event = queue.poll();
				if (event != null) {
					int producer = (int) event.latencyNanos();
					assertThat(event.rows()).isGreaterThan((int) lastSeen[producer]);
					lastSeen[producer] = event.rows();
					taken++;
				}
			}
			return new long[] { taken, maxSize };
		}, this.executor);
		startLine.await(10, TimeUnit.SECONDS);
		long accepted = 0;
		for (Future<Integer> producer : producers) {
			accepted += producer.get(30, TimeUnit.SECONDS);
		}
		producing.set(false);
		long[] consumed = consumer.get(30, TimeUnit.SECONDS);
		assertThat(consumed[0]).isEqualTo(accepted);
		assertThat(consumed[1]).isLessThanOrEqualTo(capacity);
		assertThat(queue.seal()).isEqualTo(accepted);
		assertThat(queue.isSealedAndEmpty()).isTrue();
	}

	static QueryEvent event(int producer, int sequence) {
		return new QueryEvent(OperationKind.EXECUTE, Outcome.SUCCESS, null, producer, sequence, null);
	}

	static QueryEvent[] events(int producer, int count) {
		QueryEvent[] events = new QueryEvent[count];
		for (int i = 0; i < count; i++) {
			events[i] = event(producer, i);
		}
		return events;
	}

}
