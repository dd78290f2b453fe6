package dev.asynccassandra.spring.metrics;

import java.lang.ref.WeakReference;

import dev.asynccassandra.api.AsyncSession;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

/**
 * Binds gauges of an {@link AsyncSession}'s state, read when metrics are collected:
 * {@value #IN_FLIGHT}, the requests in flight. Holds the session through a weak
 * reference, so the gauge never keeps a session alive.
 *
 * @since 0.1.0
 */
public final class AsyncCassandraMetrics implements MeterBinder {

	/**
	 * Name of the in-flight requests gauge.
	 */
	public static final String IN_FLIGHT = "async.cassandra.requests.active";

	private final WeakReference<AsyncSession> session;

	/**
	 * Creates a binder for the session.
	 * @param session the session to observe
	 */
	public AsyncCassandraMetrics(AsyncSession session) {
		Assert.notNull(session, "'session' must not be null");
		this.session = new WeakReference<>(session);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(IN_FLIGHT, this.session, AsyncCassandraMetrics::inFlight)
			.description("Requests admitted by the async-cassandra session and not yet ended")
			.strongReference(true)
			.register(registry);
	}

	private static double inFlight(WeakReference<AsyncSession> reference) {
		AsyncSession session = reference.get();
		return (session != null) ? session.inFlightCount() : Double.NaN;
	}

}
