package dev.asynccassandra.internal.event;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

import dev.asynccassandra.api.event.QueryEvent;
import org.jspecify.annotations.Nullable;

/**
 * A bounded, array-based, multi-producer single-consumer queue of {@link QueryEvent}s
 * that can be sealed.
 * <p>
 * The design is Dmitry Vyukov's bounded queue: each slot carries a sequence number that
 * says whose turn it is. A producer claims position {@code p} with one compare-and-set on
 * the tail, but only when the slot's sequence equals {@code p} (the slot was freed by the
 * consumer); it then stores the event and releases the sequence {@code p + 1}. The
 * consumer takes position {@code p} when the slot's sequence is {@code p + 1}, clears the
 * slot and hands it to the producer of position {@code p + capacity}. Offering allocates
 * nothing, takes no lock and never waits: when the slot of the next position is still
 * occupied the queue is full and {@link #offer} returns {@code false} at once.
 * <p>
 * {@link #seal()} sets the sign bit of the tail in one atomic step. A producer whose
 * compare-and-set races with it fails and then sees the seal, so after sealing the final
 * number of accepted events is known exactly: nothing can be accepted "between the check
 * and the insert".
 * <p>
 * Invariant: {@code 0 <= tail - head <= capacity} at every instant, because a producer
 * can only claim position {@code p} after the consumer released position
 * {@code p - capacity}.
 */
final class BoundedEventQueue {

	private static final long SEALED = Long.MIN_VALUE;

	private final int capacity;

	private final AtomicReferenceArray<@Nullable QueryEvent> elements;

	private final AtomicLongArray sequences;

	/** Next position to claim; the sign bit is set once sealed. */
	private final AtomicLong tail = new AtomicLong();

	/** Next position to take; written by the consumer only. */
	private final AtomicLong head = new AtomicLong();

	BoundedEventQueue(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("'capacity' must be positive, was " + capacity);
		}
		this.capacity = capacity;
		this.elements = new AtomicReferenceArray<>(capacity);
		this.sequences = new AtomicLongArray(capacity);
		for (int i = 0; i < capacity; i++) {
			this.sequences.setPlain(i, i);
		}
	}

	/**
	 * Adds an event unless the queue is full or sealed. Lock-free, allocation-free, never
	 * waits. May be called by any number of threads.
	 * @param event the event
	 * @return {@code true} if the event was accepted
	 */
	boolean offer(QueryEvent event) {
		long position = this.tail.get();
		while (true) {
			if (position < 0) {
				return false;
			}
			int index = indexOf(position);
			long difference = this.sequences.getAcquire(index) - position;
			if (difference == 0) {
				long witness = this.tail.compareAndExchange(position, position + 1);
				if (witness == position) {
					this.elements.setPlain(index, event);
					this.sequences.setRelease(index, position + 1);
					return true;
				}
				position = witness;
			}
			else if (difference < 0) {
				return false;
			}
			else {
				position = this.tail.get();
			}
		}
	}

	/**
	 * Takes the oldest event. Must only be called by the single consumer thread.
	 * @return the event, or {@code null} if none is ready (empty, or the producer of the
	 * next position has claimed it but not yet stored its event)
	 */
	@Nullable QueryEvent poll() {
		long position = this.head.getPlain();
		int index = indexOf(position);
		if (this.sequences.getAcquire(index) != position + 1) {
			return null;
		}
		QueryEvent event = this.elements.getPlain(index);
		this.elements.setPlain(index, null);
		// Advance the head before freeing the slot: a producer that sees the slot free
		// (and
		// any reader that sees its claim) then also sees the new head, so tail - head
		// never
		// exceeds the capacity.
		this.head.setRelease(position + 1);
		this.sequences.setRelease(index, position + this.capacity);
		return event;
	}

	/**
	 * Stops accepting events. Idempotent.
	 * @return the number of events ever accepted
	 */
	long seal() {
		return this.tail.getAndUpdate((tail) -> tail | SEALED) & ~SEALED;
	}

	boolean isSealed() {
		return this.tail.get() < 0;
	}

	/**
	 * Whether every accepted event has been taken. Only meaningful once sealed.
	 * @return {@code true} if sealed and nothing is left
	 */
	boolean isSealedAndEmpty() {
		long tail = this.tail.get();
		return tail < 0 && (tail & ~SEALED) == this.head.get();
	}

	/**
	 * Events accepted and not yet taken. Reads the tail before the head, so the result
	 * never exceeds the capacity even while producers and the consumer run.
	 * @return the number of queued events
	 */
	int size() {
		long tail = this.tail.get() & ~SEALED;
		long head = this.head.get();
		return (int) Math.max(0, tail - head);
	}

	/**
	 * Events accepted (so far, or in total once sealed) and never taken.
	 * @return the count
	 */
	long remaining() {
		return Math.max(0, (this.tail.get() & ~SEALED) - this.head.get());
	}

	int capacity() {
		return this.capacity;
	}

	private int indexOf(long position) {
		return (int) (position % this.capacity);
	}

}
