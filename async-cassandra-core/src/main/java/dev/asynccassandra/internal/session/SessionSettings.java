package dev.asynccassandra.internal.session;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

import dev.asynccassandra.api.AsyncSessionBuilder;
import dev.asynccassandra.api.stream.StreamOptions;
import org.jspecify.annotations.Nullable;

/**
 * Session-wide settings collected by the builder.
 *
 * @param executor default completion executor, or {@code null} for a dedicated pool owned
 * by the session
 * @param defaultTimeout default request timeout, or {@code null} for the driver profile's
 * @param drainTimeout how long a graceful close waits for in-flight requests
 * @param closeCqlSession whether closing the session closes the wrapped driver session
 * @param defaultStreamOptions options of the stream overloads that take none
 * @param maxRequestsInFlight how many requests may run at the driver at once, or
 * {@code null} to size it from the driver's connection pool
 * @param maxQueuedRequests how many more requests may wait for one of those slots
 * @param propagateContext whether the caller's context is restored around completions and
 * stream signals (when Micrometer's context-propagation library is present)
 */
public record SessionSettings(@Nullable Executor executor, @Nullable Duration defaultTimeout, Duration drainTimeout,
		boolean closeCqlSession, StreamOptions defaultStreamOptions, @Nullable Integer maxRequestsInFlight,
		int maxQueuedRequests, boolean propagateContext) {

	/**
	 * Settings that propagate the caller's context.
	 * @param executor default completion executor, or {@code null} for a dedicated pool
	 * @param defaultTimeout default request timeout, or {@code null} for the driver
	 * profile's
	 * @param drainTimeout how long a graceful close waits for in-flight requests
	 * @param closeCqlSession whether closing the session closes the wrapped driver
	 * session
	 * @param defaultStreamOptions options of the stream overloads that take none
	 * @param maxRequestsInFlight how many requests may run at the driver at once, or
	 * {@code null} to size it from the driver's connection pool
	 * @param maxQueuedRequests how many more requests may wait for one of those slots
	 */
	public SessionSettings(@Nullable Executor executor, @Nullable Duration defaultTimeout, Duration drainTimeout,
			boolean closeCqlSession, StreamOptions defaultStreamOptions, @Nullable Integer maxRequestsInFlight,
			int maxQueuedRequests) {
		this(executor, defaultTimeout, drainTimeout, closeCqlSession, defaultStreamOptions, maxRequestsInFlight,
				maxQueuedRequests, AsyncSessionBuilder.DEFAULT_PROPAGATE_CONTEXT);
	}

	/**
	 * Settings whose bound on requests in flight is sized from the driver's pool.
	 * @param executor default completion executor, or {@code null} for a dedicated pool
	 * @param defaultTimeout default request timeout, or {@code null} for the driver
	 * profile's
	 * @param drainTimeout how long a graceful close waits for in-flight requests
	 * @param closeCqlSession whether closing the session closes the wrapped driver
	 * session
	 * @param defaultStreamOptions options of the stream overloads that take none
	 */
	public SessionSettings(@Nullable Executor executor, @Nullable Duration defaultTimeout, Duration drainTimeout,
			boolean closeCqlSession, StreamOptions defaultStreamOptions) {
		this(executor, defaultTimeout, drainTimeout, closeCqlSession, defaultStreamOptions, null,
				AsyncSessionBuilder.DEFAULT_MAX_QUEUED_REQUESTS);
	}

	/**
	 * Settings with {@link StreamOptions#defaults()} as stream defaults.
	 * @param executor default completion executor, or {@code null} for a dedicated pool
	 * @param defaultTimeout default request timeout, or {@code null} for the driver
	 * profile's
	 * @param drainTimeout how long a graceful close waits for in-flight requests
	 * @param closeCqlSession whether closing the session closes the wrapped driver
	 * session
	 */
	public SessionSettings(@Nullable Executor executor, @Nullable Duration defaultTimeout, Duration drainTimeout,
			boolean closeCqlSession) {
		this(executor, defaultTimeout, drainTimeout, closeCqlSession, StreamOptions.defaults());
	}

	/**
	 * Checks the arguments.
	 */
	public SessionSettings {
		Objects.requireNonNull(drainTimeout, "'drainTimeout' must not be null");
		Objects.requireNonNull(defaultStreamOptions, "'defaultStreamOptions' must not be null");
		if (maxRequestsInFlight != null && maxRequestsInFlight <= 0) {
			throw new IllegalArgumentException("'maxRequestsInFlight' must be positive, was " + maxRequestsInFlight);
		}
		if (maxQueuedRequests < 0) {
			throw new IllegalArgumentException("'maxQueuedRequests' must not be negative, was " + maxQueuedRequests);
		}
	}

}
