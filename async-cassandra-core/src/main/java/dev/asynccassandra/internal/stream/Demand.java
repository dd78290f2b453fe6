package dev.asynccassandra.internal.stream;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Arithmetic on outstanding demand, capped at {@link Long#MAX_VALUE} as Reactive Streams
 * rule 3.17 allows ("effectively unbounded").
 */
final class Demand {

	private Demand() {
	}

	/**
	 * Adds to the demand, without overflowing.
	 * @param demand the outstanding demand
	 * @param amount a positive amount
	 */
	static void add(AtomicLong demand, long amount) {
		long current;
		long next;
		do {
			current = demand.get();
			if (current == Long.MAX_VALUE) {
				return;
			}
			next = current + amount;
			if (next < 0) {
				next = Long.MAX_VALUE;
			}
		}
		while (!demand.compareAndSet(current, next));
	}

	/**
	 * Removes delivered elements from the demand; unbounded demand stays unbounded.
	 * @param demand the outstanding demand
	 * @param delivered elements delivered, not more than the demand
	 * @return the demand left
	 */
	static long subtract(AtomicLong demand, long delivered) {
		long current;
		long next;
		do {
			current = demand.get();
			if (current == Long.MAX_VALUE) {
				return Long.MAX_VALUE;
			}
			next = current - delivered;
		}
		while (!demand.compareAndSet(current, next));
		return next;
	}

}
