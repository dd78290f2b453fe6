package dev.asynccassandra.internal.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.asynccassandra.api.event.QueryEvent;
import dev.asynccassandra.api.event.QueryEventListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static dev.asynccassandra.internal.event.BoundedEventQueueTests.event;
import static dev.asynccassandra.internal.event.BoundedEventQueueTests.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link QueueingQueryEventPublisher}.
 */
class QueueingQueryEventPublisherTests {

	private static final Duration BOUND = Duration.ofSeconds(30);

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<QueueingQueryEventPublisher> publishers = new ArrayList<>();

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void cleanUp() throws InterruptedException {
		this.release.countDown();
		for (QueueingQueryEventPublisher publisher : this.publishers) {
			assertThat(publisher.close(BOUND)).isTrue();
		}
		this.executor.shutdownNow();
		assertThat(this.executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void rejectsInvalidArguments() {
		QueryEventListener listener = (event) -> {
		};
		assertThatIllegalArgumentException().isThrownBy(() -> QueueingQueryEventPublisher.start(List.of(), 8));
		assertThatIllegalArgumentException().isThrownBy(() -> QueueingQueryEventPublisher.start(List.of(listener), 0));
		assertThatIllegalArgumentException().isThrownBy(() -> QueueingQueryEventPublisher.start(List.of(listener),
				QueueingQueryEventPublisher.MAX_CAPACITY + 1));
	}

	@Test
	void recorderThreadIsANamedDaemon() {
		QueueingQueryEventPublisher publisher = start(8, (event) -> {
		});
		assertThat(publisher.recorderThread().getName()).matches("async-cassandra-events-\\d+");
		assertThat(publisher.recorderThread().isDaemon()).isTrue();
		assertThat(publisher.isEnabled()).isTrue();
		assertThat(publisher.capacity()).isEqualTo(8);
	}

	@Test
	void deliversEveryEventToEveryListenerInPublicationOrder() {
		List<Integer> first = new CopyOnWriteArrayList<>();
		List<Integer> second = new CopyOnWriteArrayList<>();
		QueueingQueryEventPublisher publisher = start(1024, (event) -> first.add(event.rows()),
				(event) -> second.add(event.rows()));
		for (QueryEvent event : events(0, 1000)) {
			publisher.publish(event);
		}
		await().atMost(BOUND).until(() -> publisher.deliveredCount() == 1000);
		List<Integer> expected = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			expected.add(i);
		}
		assertThat(first).isEqualTo(expected);
		assertThat(second).isEqualTo(expected);
		assertThat(publisher.droppedCount()).isZero();
		assertThat(publisher.queueSize()).isZero();
	}

	@RepeatedTest(100)
	void accountsForEveryEventUnderStressWithASlowListener() throws Exception {
		int producers = 4;
		int eventsPerProducer = 5_000;
		int capacity = 64;
		PerProducerOrder order = new PerProducerOrder(producers);
		QueueingQueryEventPublisher publisher = start(capacity, order, QueueingQueryEventPublisherTests::burnCpu);
		int maxQueued = runProducers(publisher, producers, eventsPerProducer);
		assertThat(publisher.close(BOUND)).isTrue();
		long published = (long) producers * eventsPerProducer;
		assertThat(publisher.deliveredCount() + publisher.droppedCount()).isEqualTo(published);
		assertThat(publisher.droppedCount()).isPositive();
		assertThat(order.received()).isEqualTo(publisher.deliveredCount());
		assertThat(order.violations()).isZero();
		assertThat(maxQueued).isLessThanOrEqualTo(capacity);
		assertThat(publisher.recorderThread().isAlive()).isFalse();
	}

	@RepeatedTest(100)
	void accountsForEveryEventWhenCloseRacesWithPublishers() throws Exception {
		int producers = 3;
		int eventsPerProducer = 20_000;
		AtomicLong received = new AtomicLong();
		QueueingQueryEventPublisher publisher = start(256, (event) -> received.incrementAndGet());
		Future<Boolean> closing = this.executor.submit(() -> {
			await().atMost(BOUND).until(() -> received.get() > 0);
			return publisher.close(BOUND);
		});
		runProducers(publisher, producers, eventsPerProducer);
		assertThat(closing.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(publisher.deliveredCount() + publisher.droppedCount())
			.isEqualTo((long) producers * eventsPerProducer);
		assertThat(received).hasValue(publisher.deliveredCount());
		assertThat(publisher.queueSize()).isZero();
	}

	@RepeatedTest(100)
	void keepsPublicationOrderPerProducerWithoutDrops() throws Exception {
		int producers = 4;
		int eventsPerProducer = 2_000;
		PerProducerOrder order = new PerProducerOrder(producers);
		QueueingQueryEventPublisher publisher = start(producers * eventsPerProducer, order);
		runProducers(publisher, producers, eventsPerProducer);
		await().atMost(BOUND).until(() -> publisher.deliveredCount() == (long) producers * eventsPerProducer);
		assertThat(publisher.droppedCount()).isZero();
		assertThat(order.violations()).isZero();
		assertThat(order.received()).isEqualTo((long) producers * eventsPerProducer);
	}

	@Test
	void throwingListenerDoesNotStopDeliveryToTheOthers() {
		AtomicLong received = new AtomicLong();
		QueueingQueryEventPublisher publisher = start(1024, (event) -> {
			throw new IllegalStateException("listener bug");
		}, (event) -> received.incrementAndGet(), (event) -> {
			throw new OutOfMemoryError("pretend");
		});
		for (QueryEvent event : events(0, 500)) {
			publisher.publish(event);
		}
		await().atMost(BOUND).until(() -> publisher.deliveredCount() == 500);
		assertThat(received).hasValue(500);
		assertThat(publisher.listenerFailureCount()).isEqualTo(1000);
		assertThat(publisher.recorderThread().isAlive()).isTrue();
	}

	@Test
	void listenerFailuresAreLoggedAtMostOncePerInterval() {
		Logger logger = (Logger) LoggerFactory.getLogger(EventRecorder.class);
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		try {
			QueueingQueryEventPublisher publisher = track(
					QueueingQueryEventPublisher.start(List.of((QueryEventListener) (event) -> {
						throw new IllegalStateException("listener bug");
					}), 1024, TimeUnit.HOURS.toNanos(1)));
			for (QueryEvent event : events(0, 1000)) {
				publisher.publish(event);
			}
			await().atMost(BOUND).until(() -> publisher.deliveredCount() == 1000);
			assertThat(publisher.listenerFailureCount()).isEqualTo(1000);
			assertThat(appender.list).singleElement().satisfies((logged) -> {
				assertThat(logged.getLevel()).isEqualTo(Level.WARN);
				assertThat(logged.getThrowableProxy().getMessage()).isEqualTo("listener bug");
			});
		}
		finally {
			logger.detachAppender(appender);
		}
	}

	@Test
	void blockedListenerDoesNotBlockPublish() throws Exception {
		int capacity = 128;
		CountDownLatch entered = new CountDownLatch(1);
		QueueingQueryEventPublisher publisher = start(capacity, (event) -> {
			entered.countDown();
			awaitRelease();
		});
		publisher.publish(event(0, -1));
		assertThat(entered.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
		QueryEvent[] events = events(0, capacity + 1000);
		CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
			for (QueryEvent event : events) {
				publisher.publish(event);
			}
		}, this.executor);
		assertThat(publishing).succeedsWithin(BOUND);
		assertThat(publisher.queueSize()).isEqualTo(capacity);
		assertThat(publisher.droppedCount()).isEqualTo(1000);
		this.release.countDown();
		await().atMost(BOUND).until(() -> publisher.deliveredCount() == capacity + 1);
	}

	@Test
	void closeDeliversWhatIsQueuedThenEndsTheThread() {
		CountDownLatch entered = new CountDownLatch(1);
		AtomicLong received = new AtomicLong();
		QueueingQueryEventPublisher publisher = start(1024, (event) -> {
			entered.countDown();
			awaitRelease();
			received.incrementAndGet();
		});
		for (QueryEvent event : events(0, 500)) {
			publisher.publish(event);
		}
		CompletableFuture<Boolean> closing = CompletableFuture.supplyAsync(() -> publisher.close(BOUND), this.executor);
		await().atMost(BOUND).until(publisher::isClosed);
		publisher.publish(event(0, 500));
		assertThat(publisher.queueSize()).isPositive();
		this.release.countDown();
		assertThat(closing).succeedsWithin(BOUND).isEqualTo(true);
		assertThat(received).hasValue(500);
		assertThat(publisher.deliveredCount()).isEqualTo(500);
		assertThat(publisher.droppedCount()).isEqualTo(1);
		assertThat(publisher.queueSize()).isZero();
		assertThat(publisher.recorderThread().isAlive()).isFalse();
	}

	@Test
	void closeGivesUpAtItsBoundWhenAListenerIsStuckAndAccountsForTheRest() {
		CountDownLatch entered = new CountDownLatch(1);
		QueueingQueryEventPublisher publisher = start(1024, (event) -> {
			entered.countDown();
			awaitReleaseIgnoringInterrupts();
		});
		for (QueryEvent event : events(0, 101)) {
			publisher.publish(event);
		}
		await().atMost(BOUND).until(() -> entered.getCount() == 0);
		assertThat(publisher.close(Duration.ofMillis(50))).isFalse();
		assertThat(publisher.recorderThread().isAlive()).isTrue();
		this.release.countDown();
		await().atMost(BOUND).until(() -> !publisher.recorderThread().isAlive());
		assertThat(publisher.deliveredCount()).isEqualTo(1);
		assertThat(publisher.droppedCount()).isEqualTo(100);
	}

	@Test
	void closeAsyncDoesNotWaitAndCompletesOnceTheQueueIsDelivered() {
		CountDownLatch entered = new CountDownLatch(1);
		QueueingQueryEventPublisher publisher = start(1024, (event) -> {
			entered.countDown();
			awaitRelease();
		});
		for (QueryEvent event : events(0, 200)) {
			publisher.publish(event);
		}
		await().atMost(BOUND).until(() -> entered.getCount() == 0);
		CompletableFuture<Void> closed = publisher.closeAsync(BOUND).toCompletableFuture();
		assertThat(closed).isNotDone();
		assertThat(publisher.isClosed()).isTrue();
		this.release.countDown();
		assertThat(closed).succeedsWithin(BOUND);
		// The stage completes on the recorder thread after the final accounting, as the
		// thread's last action: the counts are final now, the thread ends right after.
		assertThat(publisher.deliveredCount()).isEqualTo(200);
		assertThat(publisher.droppedCount()).isZero();
		await().atMost(BOUND).until(() -> !publisher.recorderThread().isAlive());
	}

	@Test
	void eventsPublishedAfterCloseAreDroppedAndCounted() {
		AtomicLong received = new AtomicLong();
		QueueingQueryEventPublisher publisher = start(16, (event) -> received.incrementAndGet());
		assertThat(publisher.close(BOUND)).isTrue();
		for (QueryEvent event : events(0, 10)) {
			publisher.publish(event);
		}
		assertThat(publisher.droppedCount()).isEqualTo(10);
		assertThat(publisher.queueSize()).isZero();
		assertThat(received).hasValue(0);
	}

	@RepeatedTest(100)
	void concurrentClosesAllSucceedAndTheThreadEnds() throws Exception {
		QueueingQueryEventPublisher publisher = start(1024, (event) -> {
		});
		for (QueryEvent event : events(0, 1000)) {
			publisher.publish(event);
		}
		CyclicBarrier startLine = new CyclicBarrier(4);
		List<Future<Boolean>> closes = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			closes.add(this.executor.submit(() -> {
				startLine.await(10, TimeUnit.SECONDS);
				return publisher.close(BOUND);
			}));
		}
		for (Future<Boolean> close : closes) {
			assertThat(close.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
		}
		assertThat(publisher.close(BOUND)).isTrue();
		assertThat(publisher.deliveredCount()).isEqualTo(1000);
		assertThat(publisher.recorderThread().isAlive()).isFalse();
	}

	@Test
	void closeFromAListenerDoesNotDeadlock() {
		AtomicReference<QueueingQueryEventPublisher> self = new AtomicReference<>();
		AtomicReference<Boolean> result = new AtomicReference<>();
		QueueingQueryEventPublisher publisher = start(16, (event) -> result.set(self.get().close(BOUND)));
		self.set(publisher);
		publisher.publish(event(0, 0));
		await().atMost(BOUND).until(() -> !publisher.recorderThread().isAlive());
		assertThat(result.get()).isFalse();
		assertThat(publisher.isClosed()).isTrue();
		assertThat(publisher.close(BOUND)).isTrue();
	}

	@Test
	void listenerInterruptingTheRecorderDoesNotStopDelivery() {
		QueueingQueryEventPublisher publisher = start(1024, (event) -> Thread.currentThread().interrupt());
		for (QueryEvent event : events(0, 100)) {
			publisher.publish(event);
		}
		await().atMost(BOUND).until(() -> publisher.deliveredCount() == 100);
		publisher.publish(event(0, 100));
		await().atMost(BOUND).until(() -> publisher.deliveredCount() == 101);
	}

	@Test
	void closedPublishersLeaveNoThreadBehind() {
		long before = liveRecorderThreads();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			QueueingQueryEventPublisher publisher = QueueingQueryEventPublisher
				.start(List.<QueryEventListener>of((event) -> {
				}), 64);
			publisher.publish(event(0, i));
			threads.add(publisher.recorderThread());
			assertThat(publisher.close(BOUND)).isTrue();
		}
		assertThat(threads).noneMatch(Thread::isAlive);
		assertThat(liveRecorderThreads()).isEqualTo(before);
	}

	/**
	 * Runs producers from a common start line; each samples the queue size after every
	 * publication.
	 * @return the largest queue size seen
	 */
	private int runProducers(QueueingQueryEventPublisher publisher, int producers, int eventsPerProducer)
			throws Exception {
		CyclicBarrier startLine = new CyclicBarrier(producers);
		List<Future<Integer>> running = new ArrayList<>();
		for (int producer = 0; producer < producers; producer++) {
			QueryEvent[] events = events(producer, eventsPerProducer);
			running.add(this.executor.submit(() -> {
				startLine.await(10, TimeUnit.SECONDS);
				int maxQueued = 0;
				for (QueryEvent event : events) {
					publisher.publish(event);
					maxQueued = Math.max(maxQueued, publisher.queueSize());
				}
				return maxQueued;
			}));
		}
		int maxQueued = 0;
		for (Future<Integer> producer : running) {
			maxQueued = Math.max(maxQueued, producer.get(BOUND.toSeconds(), TimeUnit.SECONDS));
		}
		return maxQueued;
	}

	private QueueingQueryEventPublisher start(int capacity, QueryEventListener... listeners) {
		return track(QueueingQueryEventPublisher.start(Arrays.asList(listeners), capacity));
	}

	private QueueingQueryEventPublisher track(QueueingQueryEventPublisher publisher) {
		this.publishers.add(publisher);
		return publisher;
	}

	private void awaitRelease() {
		try {
			this.release.await(BOUND.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void awaitReleaseIgnoringInterrupts() {
		long deadline = System.nanoTime() + BOUND.toNanos();
		while (this.release.getCount() > 0 && System.nanoTime() - deadline < 0) {
			try {
				this.release.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				// Stuck on purpose: a listener that ignores interruption.
			}
		}
	}

	private static long liveRecorderThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith(QueueingQueryEventPublisher.THREAD_NAME_PREFIX))
			.filter(Thread::isAlive)
			.count();
	}

	private static volatile long sink;

	/** A slow listener that does not sleep: a few microseconds of arithmetic. */
	private static void burnCpu(QueryEvent event) {
		long value = event.rows();
		for (int i = 0; i < 2000; i++) {
			value = value * 6364136223846793005L + 1442695040888963407L;
		}
		sink = value;
	}

	/**
	 * Checks that each producer's events arrive in increasing order, with gaps allowed
	 * (drops) but never a step back. Called on the recorder thread only.
	 */
	private static final class PerProducerOrder implements QueryEventListener {

		private final long[] lastSeen;

		private volatile long received;

		private volatile long violations;

		PerProducerOrder(int producers) {
			this.lastSeen = new long[producers];
			Arrays.fill(this.lastSeen, -1);
		}

		@Override
		public void onEvent(QueryEvent event) {
			int producer = (int) event.latencyNanos();
			if (event.rows() <= this.lastSeen[producer]) {
				this.violations++;
			}
			this.lastSeen[producer] = event.rows();
			this.received++;
		}

		long received() {
			return this.received;
		}

		long violations() {
			return this.violations;
		}

	}

}
