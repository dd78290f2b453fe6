package dev.asynccassandra.internal.event;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import dev.asynccassandra.api.event.QueryEvent;
import dev.asynccassandra.api.event.QueryEventListener;

/**
 * A {@link QueryEventPublisher} that hands events to a bounded queue drained by one
 * daemon recorder thread ({@code async-cassandra-events-N}) that calls the listeners.
 * <p>
 * {@link #publish} is lock-free, allocates nothing and never waits: when the queue is
 * full (listeners slower than the query rate) or the publisher is closed, the event is
 * dropped and counted in {@link #droppedCount()}. Listeners are called in registration
 * order, one event at a time, in the order the events were accepted (so in publication
 * order for any one publishing thread). A listener that throws is counted in
 * {@link #listenerFailureCount()} and logged, rate-limited; it never stops delivery.
 * <p>
 * Accounting: once the recorder thread has ended, every call to {@code publish} is
 * counted exactly once, as delivered or as dropped.
 * <p>
 * Thread-safe. Create with {@link #start(List, int)}; release with {@link #close()}.
 *
 * @since 0.1.0
 */
public final class QueueingQueryEventPublisher implements QueryEventPublisher, AutoCloseable {

	/**
	 * Queue capacity used by {@link #start(List)}.
	 */
	public static final int DEFAULT_CAPACITY = 8192;

	/**
	 * Largest accepted capacity.
	 */
	public static final int MAX_CAPACITY = 1 << 22;

	/**
	 * Bound used by {@link #close()}.
	 */
	public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

	static final String THREAD_NAME_PREFIX = "async-cassandra-events-";

	private static final long FAILURE_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

	/** Keeps {@code System.nanoTime() + timeout} comparable by difference. */
	private static final long MAX_TIMEOUT_NANOS = Long.MAX_VALUE / 4;

	private static final AtomicInteger threadNumber = new AtomicInteger();

	private final BoundedEventQueue queue;

	private final LongAdder dropped = new LongAdder();

	private final EventRecorder recorder;

	private final Thread recorderThread;

	private final AtomicBoolean closing = new AtomicBoolean();

	private QueueingQueryEventPublisher(List<? extends QueryEventListener> listeners, int capacity,
			long failureLogIntervalNanos) {
		Objects.requireNonNull(listeners, "'listeners' must not be null");
		if (listeners.isEmpty()) {
			throw new IllegalArgumentException("'listeners' must not be empty; use QueryEventPublisher.noop()");
		}
		for (QueryEventListener listener : listeners) {
			Objects.requireNonNull(listener, "'listeners' must not contain null");
		}
		if (capacity < 1 || capacity > MAX_CAPACITY) {
			throw new IllegalArgumentException(
					"'capacity' must be between 1 and " + MAX_CAPACITY + ", was " + capacity);
		}
		this.queue = new BoundedEventQueue(capacity);
		this.recorder = new EventRecorder(this.queue, List.copyOf(listeners), this.dropped, failureLogIntervalNanos);
		this.recorderThread = new Thread(this.recorder, THREAD_NAME_PREFIX + threadNumber.incrementAndGet());
		this.recorderThread.setDaemon(true);
	}

	/**
	 * Creates a publisher with a queue of {@link #DEFAULT_CAPACITY} events and starts its
	 * recorder thread.
	 * @param listeners the listeners, called in this order; not empty
	 * @return the running publisher
	 */
	public static QueueingQueryEventPublisher start(List<? extends QueryEventListener> listeners) {
		return start(listeners, DEFAULT_CAPACITY);
	}

	/**
	 * Creates a publisher and starts its recorder thread.
	 * @param listeners the listeners, called in this order; not empty
	 * @param capacity the most events queued at once, from 1 to {@link #MAX_CAPACITY}
	 * @return the running publisher
	 * @throws IllegalArgumentException if there are no listeners or the capacity is out
	 * of range
	 */
	public static QueueingQueryEventPublisher start(List<? extends QueryEventListener> listeners, int capacity) {
		return start(listeners, capacity, FAILURE_LOG_INTERVAL_NANOS);
	}

	static QueueingQueryEventPublisher start(List<? extends QueryEventListener> listeners, int capacity,
			long failureLogIntervalNanos) {
		QueueingQueryEventPublisher publisher = new QueueingQueryEventPublisher(listeners, capacity,
				failureLogIntervalNanos);
		publisher.recorderThread.start();
		return publisher;
	}

	/**
	 * Queues the event, or drops and counts it if the queue is full or the publisher is
	 * closed. Never blocks, never throws (a {@code null} event is ignored and counted as
	 * dropped).
	 * @param event the event
	 */
	@Override
	public void publish(QueryEvent event) {
		if (event == null || !this.queue.offer(event)) {
			this.dropped.increment();
		}
	}

	/**
	 * Always {@code true}: events published after {@link #close()} are still counted as
	 * dropped.
	 * @return {@code true}
	 */
	@Override
	public boolean isEnabled() {
		return true;
	}

	/**
	 * Events accepted and not yet taken by the recorder thread; never more than
	 * {@link #capacity()}.
	 * @return the current queue size
	 */
	@Override
	public int queueSize() {
		return this.queue.size();
	}

	/**
	 * The most events that can be queued at once.
	 * @return the capacity
	 */
	@Override
	public int capacity() {
		return this.queue.capacity();
	}

	/**
	 * Events dropped because the queue was full or the publisher closed, or left
	 * undelivered when the close bound ran out.
	 * @return the number of dropped events
	 */
	@Override
	public long droppedCount() {
		return this.dropped.sum();
	}

	/**
	 * Events handed to every listener (whether or not a listener threw).
	 * @return the number of delivered events
	 */
	@Override
	public long deliveredCount() {
		return this.recorder.deliveredCount();
	}

	/**
	 * Listener calls that threw.
	 * @return the number of listener failures
	 */
	@Override
	public long listenerFailureCount() {
		return this.recorder.listenerFailureCount();
	}

	/**
	 * Whether {@link #close()} was called.
	 * @return {@code true} once closing has started
	 */
	public boolean isClosed() {
		return this.closing.get();
	}

	/**
	 * Closes with {@link #DEFAULT_CLOSE_TIMEOUT}.
	 * @see #close(Duration)
	 */
	@Override
	public void close() {
		close(DEFAULT_CLOSE_TIMEOUT);
	}

	/**
	 * Stops accepting events at once, lets the recorder thread deliver what is queued
	 * until the timeout runs out (the rest is counted as dropped), and waits for the
	 * thread to end, for at most the same timeout. If a listener is still running when
	 * the wait ends, the thread is interrupted and left to end on its own (it is a daemon
	 * and delivers nothing more). Idempotent and thread-safe: later calls only wait,
	 * within their own timeout. When called from a listener, returns without waiting.
	 * @param timeout the bound for delivery and for the wait
	 * @return {@code true} if the recorder thread has ended
	 */
	public boolean close(Duration timeout) {
		Objects.requireNonNull(timeout, "'timeout' must not be null");
		long deadline = beginClose(timeout);
		if (Thread.currentThread() == this.recorderThread) {
			return false;
		}
		try {
			TimeUnit.NANOSECONDS.timedJoin(this.recorderThread, Math.max(0, deadline - System.nanoTime()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.recorderThread.isAlive()) {
			this.recorderThread.interrupt();
			return false;
		}
		return true;
	}

	/**
	 * Starts closing like {@link #close(Duration)} without waiting: for callers that must
	 * not block, such as driver I/O threads.
	 * @param timeout the bound for delivering what is queued
	 * @return a stage completed on the recorder thread, as its last action, once it has
	 * delivered what it could and counted the rest as dropped (the counters are final
	 * then; the thread itself ends just after); it does not complete while a listener
	 * stays stuck, so bound the wait (for example with {@code orTimeout})
	 */
	public CompletionStage<Void> closeAsync(Duration timeout) {
		Objects.requireNonNull(timeout, "'timeout' must not be null");
		beginClose(timeout);
		return this.recorder.terminated().minimalCompletionStage();
	}

	private long beginClose(Duration timeout) {
		long deadline = System.nanoTime() + saturatedNanos(timeout);
		if (this.closing.compareAndSet(false, true)) {
			// The deadline must be visible before the recorder can observe the seal.
			this.recorder.setDrainDeadline(deadline);
			this.queue.seal();
			LockSupport.unpark(this.recorderThread);
		}
		return deadline;
	}

	Thread recorderThread() {
		return this.recorderThread;
	}

	private static long saturatedNanos(Duration duration) {
		if (duration.isNegative()) {
			return 0;
		}
		try {
			return Math.min(duration.toNanos(), MAX_TIMEOUT_NANOS);
		}
		catch (ArithmeticException ex) {
			return MAX_TIMEOUT_NANOS;
		}
	}

	@Override
	public String toString() {
		return "QueueingQueryEventPublisher[thread=" + this.recorderThread.getName() + ", capacity=" + capacity()
				+ ", queued=" + queueSize() + ", delivered=" + deliveredCount() + ", dropped=" + droppedCount()
				+ ", closed=" + isClosed() + "]";
	}

}
