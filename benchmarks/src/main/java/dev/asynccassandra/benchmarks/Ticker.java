package dev.asynccassandra.benchmarks;

import java.util.concurrent.locks.LockSupport;

/**
 * The time source and the wait of the fixed-rate harness, so that its tests can stall a
 * client by moving time instead of sleeping.
 */
interface Ticker {

	/** The JVM's monotonic clock and a parking wait. */
	Ticker SYSTEM = new Ticker() {

		@Override
		public long nanoTime() {
			return System.nanoTime();
		}

		@Override
		public void parkNanos(long nanos) {
			LockSupport.parkNanos(nanos);
		}

	};

	/**
	 * Returns the current time.
	 * @return nanoseconds from an arbitrary origin
	 */
	long nanoTime();

	/**
	 * Waits about the given time, or less.
	 * @param nanos how long, positive
	 */
	void parkNanos(long nanos);

}
