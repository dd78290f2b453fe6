package dev.asynccassandra.internal.request;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Admission and in-flight counting in one atomic word: the top bit of the count's word
 * says the session is closing, the rest counts admitted requests that have not ended.
 * Admission is one compare-and-set that sees both, so no request is admitted after close
 * began, and close sees every request admitted before it.
 */
public final class InFlightGate {

	private static final long CLOSING = 1L << 62;

	private static final long COUNT_MASK = CLOSING - 1;

	private final AtomicLong state = new AtomicLong();

	private final CompletableFuture<Void> drained = new CompletableFuture<>();

	/**
	 * Admits one request unless closing has started.
	 * @return {@code true} if admitted; the caller must then {@link #release()} exactly
	 * once
	 */
	public boolean tryAcquire() {
		while (true) {
			long current = this.state.get();
			if ((current & CLOSING) != 0) {
				return false;
			}
			if (this.state.compareAndSet(current, current + 1)) {
				return true;
			}
		}
	}

	/**
	 * Admits one request on behalf of work already admitted and still holding its slot (a
	 * page fetch of an open row stream), even while closing: the parent's slot keeps the
	 * gate from draining, so a graceful close lets the parent finish its work.
	 * @return {@code true} if admitted (the caller must then {@link #release()} exactly
	 * once); {@code false} only if nothing is in flight, so there is no parent
	 */
	public boolean tryAcquireNested() {
		while (true) {
			long current = this.state.get();
			if ((current & COUNT_MASK) == 0) {
				return false;
			}
			if (this.state.compareAndSet(current, current + 1)) {
				return true;
			}
		}
	}

	/**
	 * Ends one admitted request; completes {@link #drained()} when it was the last one
	 * and closing has started.
	 * @throws IllegalStateException if nothing is in flight
	 */
	public void release() {
		while (true) {
			long current = this.state.get();
			if ((current & COUNT_MASK) == 0) {
				throw new IllegalStateException("release() without a matching tryAcquire()");
			}
			long next = current - 1;
			if (this.state.compareAndSet(current, next)) {
				if (next == CLOSING) {
					this.drained.complete(null);
				}
				return;
			}
		}
	}

	/**
	 * Stops admission. Completes {@link #drained()} at once if nothing is in flight.
	 * @return {@code true} for the call that stopped admission, {@code false} if it was
	 * already stopped
	 */
	public boolean close() {
		long previous = this.state.getAndUpdate((current) -> current | CLOSING);
		if (previous == 0) {
			this.drained.complete(null);
		}
		return (previous & CLOSING) == 0;
	}

	/**
	 * Whether admission has stopped.
	 * @return {@code true} once {@link #close()} was called
	 */
	public boolean isClosed() {
		return (this.state.get() & CLOSING) != 0;
	}

	/**
	 * Requests admitted and not yet released.
	 * @return the in-flight count
	 */
	public long count() {
		return this.state.get() & COUNT_MASK;
	}

	/**
	 * Completes (on the thread that released the last request, or that closed the gate)
	 * once admission has stopped and nothing is in flight.
	 * @return the drained signal
	 */
	public CompletableFuture<Void> drained() {
		return this.drained;
	}

}
