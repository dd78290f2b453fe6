package dev.asynccassandra.internal.request;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * The bound on requests a session has at the driver, and the bounded FIFO queue of
 * requests waiting for one of its permits.
 * <p>
 * Below the bound and with nobody waiting, taking a permit is one volatile read and one
 * compare-and-set, without a lock. Otherwise the request joins the queue (under this
 * object's monitor); every permit returned goes to the head of the queue, so no request
 * overtakes one that waits. A waiter leaves the queue exactly once: started (it took a
 * permit), cancelled by its caller, expired (its timeout passed) or refused by a close;
 * whoever removes it under the monitor acts on it, outside the monitor.
 * <p>
 * Lost wake-ups are impossible: a request that joins the queue then tries to start the
 * head, and a returned permit is followed by a look at the queue size; both counts are
 * volatile, so at least one of the two sees the other.
 */
final class AdmissionQueue {

	/** {@link #offer} outcome: the request waits in the queue. */
	static final int QUEUED = 0;

	/** {@link #offer} outcome: the queue is full. */
	static final int FULL = 1;

	/** {@link #offer} outcome: the session is closing and refuses this request. */
	static final int CLOSED = 2;

	private final int maxInFlight;

	private final int maxQueued;

	private final AtomicInteger running = new AtomicInteger();

	/**
	 * Calls of {@link #startWaiters()} not yet served: only the call that raised it from
	 * zero starts waiters, and loops until every call it missed was served. A request
	 * that ends as it starts (a driver that fails it at once) returns its permit inside
	 * the loop, so without this guard each start would recurse into the next.
	 */
	private final AtomicInteger startCalls = new AtomicInteger();

	/** The size of {@link #waiters}, readable without the monitor. */
	private volatile int queued;

	/** Guarded by this object's monitor; iteration order is arrival order. */
	private final Map<RequestHandler<?, ?>, Waiter> waiters = new LinkedHashMap<>();

	/**
	 * Guarded by this object's monitor: a graceful close refuses new top-level waiters.
	 */
	private boolean refusesTopLevel;

	/** Guarded by this object's monitor: a forced close refuses every new waiter. */
	private boolean refusesAll;

	AdmissionQueue(int maxInFlight, int maxQueued) {
		this.maxInFlight = maxInFlight;
		this.maxQueued = maxQueued;
	}

	/**
	 * Takes a permit if one is free and nobody waits (the fast path).
	 * @return {@code true} if the caller holds a permit and must {@link #release()} it
	 */
	boolean tryAcquire() {
		if (this.queued != 0) {
			return false;
		}
		return tryTake();
	}

	private boolean tryTake() {
		AtomicInteger running = this.running;
		while (true) {
			int current = running.get();
			if (current >= this.maxInFlight) {
				return false;
			}
			if (running.compareAndSet(current, current + 1)) {
				return true;
			}
		}
	}

	/**
	 * Queues a request that found no free permit, then starts waiters while permits are
	 * free (possibly this one, on this thread).
	 * @param handler the request
	 * @param waiter starts it once it holds a permit
	 * @param nested whether it is a page of an open row stream (still queued while a
	 * graceful close drains)
	 * @return {@link #QUEUED}, {@link #FULL} or {@link #CLOSED}
	 */
	int offer(RequestHandler<?, ?> handler, Waiter waiter, boolean nested) {
		synchronized (this) {
			if (this.refusesAll || (this.refusesTopLevel && !nested)) {
				return CLOSED;
			}
			if (this.waiters.size() >= this.maxQueued) {
				return FULL;
			}
			this.waiters.put(handler, waiter.nested(nested));
			this.queued = this.waiters.size();
		}
		startWaiters();
		return QUEUED;
	}

	/**
	 * Returns a permit; starts waiters if some are queued.
	 */
	void release() {
		this.running.decrementAndGet();
		if (this.queued != 0) {
			startWaiters();
		}
	}

	private void startWaiters() {
		if (this.startCalls.getAndIncrement() != 0) {
			return;
		}
		int missed = 1;
		do {
			Waiter next;
			while ((next = takeHead()) != null) {
				next.start();
			}
			missed = this.startCalls.addAndGet(-missed);
		}
		while (missed != 0);
	}

	/**
	 * Removes the head of the queue if a permit is free, and takes the permit for it.
	 */
	private synchronized @Nullable Waiter takeHead() {
		Iterator<Waiter> head = this.waiters.values().iterator();
		if (!head.hasNext() || !tryTake()) {
			return null;
		}
		Waiter next = head.next();
		head.remove();
		this.queued = this.waiters.size();
		return next;
	}

	/**
	 * Removes a waiting request (its caller cancelled it).
	 * @param handler the request
	 * @return {@code true} if it was waiting and is not any more
	 */
	boolean remove(RequestHandler<?, ?> handler) {
		if (this.queued == 0) {
			return false;
		}
		synchronized (this) {
			boolean removed = this.waiters.remove(handler) != null;
			this.queued = this.waiters.size();
			return removed;
		}
	}

	/**
	 * Removes the waiters whose queue deadline has passed.
	 * @param nowNanos the current {@code nanoTime}
	 * @return the expired waiters, for the caller to fail
	 */
	List<Waiter> expire(long nowNanos) {
		if (this.queued == 0) {
			return List.of();
		}
		return removeIf((waiter) -> nowNanos - waiter.queueDeadlineNanos() >= 0);
	}

	/**
	 * Refuses new waiters and removes the waiting ones: top-level requests only for a
	 * graceful close (pages of open streams go on waiting, since the close lets the
	 * streams finish), every request for a forced one.
	 * @param forced whether the close is forced
	 * @return the removed waiters, for the caller to fail
	 */
	List<Waiter> close(boolean forced) {
		synchronized (this) {
			this.refusesTopLevel = true;
			this.refusesAll |= forced;
		}
		return removeIf((waiter) -> forced || !waiter.isNested());
	}

	private synchronized List<Waiter> removeIf(Predicate<Waiter> filter) {
		List<Waiter> removed = List.of();
		Iterator<Waiter> all = this.waiters.values().iterator();
		while (all.hasNext()) {
			Waiter waiter = all.next();
			if (filter.test(waiter)) {
				if (removed.isEmpty()) {
					removed = new ArrayList<>();
				}
				removed.add(waiter);
				all.remove();
			}
		}
		this.queued = this.waiters.size();
		return removed;
	}

	/**
	 * Requests waiting for a permit.
	 * @return the queue size
	 */
	int queuedCount() {
		return this.queued;
	}

	/**
	 * Requests holding a permit.
	 * @return how many run at the driver
	 */
	int runningCount() {
		return this.running.get();
	}

	int maxInFlight() {
		return this.maxInFlight;
	}

	int maxQueued() {
		return this.maxQueued;
	}

	/**
	 * A request waiting for a permit, with what starts it.
	 */
	abstract static class Waiter {

		private boolean nested;

		Waiter nested(boolean nested) {
			this.nested = nested;
			return this;
		}

		boolean isNested() {
			return this.nested;
		}

		/** The waiting request. */
		abstract RequestHandler<?, ?> handler();

		/**
		 * When the request stops waiting ({@code nanoTime}): when its own timeout passes.
		 */
		abstract long queueDeadlineNanos();

		/** Starts the request, which now holds a permit. */
		abstract void start();

	}

}
