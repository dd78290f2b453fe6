package dev.asynccassandra.internal.event;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import dev.asynccassandra.api.event.QueryEvent;
import dev.asynccassandra.api.event.QueryEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop of the recorder thread: takes events from the queue and calls every listener,
 * waiting for work with bounded parking.
 * <p>
 * The thread delivers everything queued, then parks: for {@link #MIN_PARK_NANOS} after
 * delivering, doubling up to {@link #MAX_PARK_NANOS} while nothing arrives. Producers
 * never wake the thread (that would put a system call on the query path), and a busy
 * publisher wakes it about a thousand times a second whatever the query rate, each
 * wake-up delivering a batch: on a small machine the recorder then takes little CPU from
 * the queries. An event waits at most {@code MAX_PARK_NANOS} before delivery (the queue's
 * capacity covers that long at hundreds of thousands of queries per second), and an idle
 * publisher wakes up about a hundred times a second. Closing wakes the thread at once.
 * <p>
 * A listener that throws is counted and logged at most once per interval with the number
 * of failures in between; it never stops the thread or the other listeners.
 */
final class EventRecorder implements Runnable {

	static final long MIN_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private static final Logger logger = LoggerFactory.getLogger(EventRecorder.class);

	private final BoundedEventQueue queue;

	private final QueryEventListener[] listeners;

	private final LongAdder dropped;

	private final long failureLogIntervalNanos;

	private final CompletableFuture<Void> terminated = new CompletableFuture<>();

	/** Written by the recorder thread only. */
	private volatile long delivered;

	/** Written by the recorder thread only. */
	private volatile long listenerFailures;

	/** Set once, before the queue is sealed. */
	private volatile long drainDeadlineNanos;

	private long failuresSinceLastLog;

	private long lastFailureLogNanos;

	private boolean failureLogged;

	EventRecorder(BoundedEventQueue queue, List<? extends QueryEventListener> listeners, LongAdder dropped,
			long failureLogIntervalNanos) {
		this.queue = queue;
		this.listeners = listeners.toArray(new QueryEventListener[0]);
		this.dropped = dropped;
		this.failureLogIntervalNanos = failureLogIntervalNanos;
	}

	@Override
	public void run() {
		try {
			recordUntilClosed();
		}
		catch (Throwable ex) {
			logger.error("Query event recorder stopped unexpectedly; further events are dropped", ex);
		}
		finally {
			abandonRemaining();
			this.terminated.complete(null);
		}
	}

	private void recordUntilClosed() {
		long parkNanos = MIN_PARK_NANOS;
		while (true) {
			boolean sealed = this.queue.isSealed();
			if (sealed && (this.queue.isSealedAndEmpty() || isPastDrainDeadline())) {
				return;
			}
			QueryEvent event = this.queue.poll();
			if (event != null) {
				deliver(event);
				parkNanos = MIN_PARK_NANOS;
				continue;
			}
			// Empty, or (once sealed) a producer has claimed a slot and not yet filled
			// it.
			LockSupport.parkNanos(this, sealed ? MIN_PARK_NANOS : parkNanos);
			Thread.interrupted();
			parkNanos = Math.min(parkNanos * 2, MAX_PARK_NANOS);
		}
	}

	private void deliver(QueryEvent event) {
		for (QueryEventListener listener : this.listeners) {
			try {
				listener.onEvent(event);
			}
			catch (Throwable ex) {
				onListenerFailure(listener, ex);
			}
		}
		// A listener may have interrupted this thread; parking must stay bounded, not
		// busy.
		Thread.interrupted();
		this.delivered++;
	}

	private void onListenerFailure(QueryEventListener listener, Throwable failure) {
		this.listenerFailures++;
		this.failuresSinceLastLog++;
		long now = System.nanoTime();
		if (!this.failureLogged || now - this.lastFailureLogNanos >= this.failureLogIntervalNanos) {
			logger.warn(
					"Query event listener {} failed; {} failure(s) since the last report, {} in total "
							+ "(reported at most every {} ms)",
					listener.getClass().getName(), this.failuresSinceLastLog, this.listenerFailures,
					TimeUnit.NANOSECONDS.toMillis(this.failureLogIntervalNanos), failure);
			this.failureLogged = true;
			this.lastFailureLogNanos = now;
			this.failuresSinceLastLog = 0;
		}
	}

	private boolean isPastDrainDeadline() {
		return System.nanoTime() - this.drainDeadlineNanos >= 0;
	}

	/**
	 * Counts every event that was accepted and will never be delivered as dropped, so
	 * that accepted = delivered + dropped once the thread has ended.
	 */
	private void abandonRemaining() {
		this.queue.seal();
		while (this.queue.poll() != null) {
			this.dropped.increment();
		}
		// Slots claimed by producers that have not stored their event yet.
		this.dropped.add(this.queue.remaining());
	}

	void setDrainDeadline(long deadlineNanos) {
		this.drainDeadlineNanos = deadlineNanos;
	}

	/**
	 * Completed on the recorder thread when it ends, after the final accounting.
	 */
	CompletableFuture<Void> terminated() {
		return this.terminated;
	}

	long deliveredCount() {
		return this.delivered;
	}

	long listenerFailureCount() {
		return this.listenerFailures;
	}

}
