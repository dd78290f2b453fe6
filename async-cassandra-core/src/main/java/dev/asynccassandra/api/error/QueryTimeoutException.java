package dev.asynccassandra.api.error;

import java.time.Duration;
import java.util.Objects;

/**
 * The library's own backstop timer ended a request that the driver had not ended within
 * its timeout plus a short grace period; the driver request was cancelled and its
 * in-flight slot released.
 * <p>
 * Usually a timed-out request fails with the driver's {@code DriverTimeoutException}
 * instead: the session gives every statement the per-call timeout, so the driver's own
 * timer fires first. This exception only arrives when that timer did not end the request
 * in time.
 *
 * @since 0.1.0
 */
public class QueryTimeoutException extends AsyncCassandraException {

	private static final long serialVersionUID = 1L;

	/** The bound that elapsed. */
	private final Duration timeout;

	/**
	 * Creates an exception.
	 * @param timeout the timeout that elapsed
	 */
	public QueryTimeoutException(Duration timeout) {
		super("Request did not complete within its timeout of "
				+ Objects.requireNonNull(timeout, "'timeout' must not be null").toMillis() + " ms", null);
		this.timeout = timeout;
	}

	/**
	 * The timeout that elapsed (the per-call timeout, without the grace period).
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

}
