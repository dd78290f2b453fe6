package dev.asynccassandra.internal.request;

import java.time.Duration;

/**
 * The timing of the timeout backstop, which ends a request the driver has not ended in
 * time: when a request is overdue, measured from the call.
 */
final class Backstop {

	/**
	 * How long after a request's timeout the backstop ends a request the driver has not
	 * ended; longer than the driver's timer tick (100 ms by default) so the driver's own
	 * {@code DriverTimeoutException} normally wins.
	 */
	static final Duration GRACE = Duration.ofMillis(500);

	private static final long MAX_DELAY_NANOS = Long.MAX_VALUE / 4;

	private static final long GRACE_NANOS = GRACE.toNanos();

	private Backstop() {
	}

	/**
	 * How long after the call the backstop ends a request with this timeout.
	 * @param timeout the request's resolved timeout
	 * @return the timeout plus {@link #GRACE}, in nanoseconds, saturated so that a
	 * deadline never overflows
	 */
	static long delayNanos(Duration timeout) {
		return Math.min(saturatedNanos(timeout) + GRACE_NANOS, MAX_DELAY_NANOS);
	}

	/**
	 * A duration in nanoseconds, saturated so that a deadline never overflows.
	 * @param duration the duration
	 * @return its nanoseconds, at most a quarter of {@code Long.MAX_VALUE}
	 */
	static long saturatedNanos(Duration duration) {
		try {
			return Math.min(duration.toNanos(), MAX_DELAY_NANOS);
		}
		catch (ArithmeticException ex) {
			return MAX_DELAY_NANOS;
		}
	}

}
