package dev.asynccassandra.spring.metrics;

import java.lang.ref.WeakReference;
import java.util.function.ToDoubleFunction;

import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.SessionStatistics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

/**
 * Binds meters of an {@link AsyncSession}'s {@link AsyncSession#statistics() statistics},
 * read when metrics are collected: the gauges {@value #IN_FLIGHT},
 * {@value #STREAMS_OPEN}, {@value #QUEUED}, {@value #IN_FLIGHT_LIMIT},
 * {@value #EVENT_QUEUE_SIZE} and {@value #EVENT_QUEUE_CAPACITY}, and the monotonic
 * counters {@value #EVENTS_DELIVERED}, {@value #EVENTS_DROPPED} and
 * {@value #LISTENER_FAILURES}. Holds the session through a weak reference, so the meters
 * never keep a session alive; once it is collected they read {@code NaN}.
 *
 * @since 0.1.0
 */
public final class AsyncCassandraMetrics implements MeterBinder {

	/**
	 * Name of the in-flight requests gauge.
	 */
	public static final String IN_FLIGHT = "async.cassandra.requests.active";

	/**
	 * Name of the gauge of requests waiting in the admission queue for an in-flight slot.
	 */
	public static final String QUEUED = "async.cassandra.requests.queued";

	/**
	 * Name of the gauge of the session's bound on requests in flight at the driver.
	 */
	public static final String IN_FLIGHT_LIMIT = "async.cassandra.requests.limit";

	/**
	 * Name of the open row streams gauge.
	 */
	public static final String STREAMS_OPEN = "async.cassandra.streams.active";

	/**
	 * Name of the gauge of query events waiting for delivery.
	 */
	public static final String EVENT_QUEUE_SIZE = "async.cassandra.events.queue.size";

	/**
	 * Name of the gauge of the event queue's bound.
	 */
	public static final String EVENT_QUEUE_CAPACITY = "async.cassandra.events.queue.capacity";

	/**
	 * Name of the counter of query events handed to listeners.
	 */
	public static final String EVENTS_DELIVERED = "async.cassandra.events.delivered";

	/**
	 * Name of the counter of query events dropped because the queue was full.
	 */
	public static final String EVENTS_DROPPED = "async.cassandra.events.dropped";

	/**
	 * Name of the counter of listener invocations that threw.
	 */
	public static final String LISTENER_FAILURES = "async.cassandra.events.listener.failures";

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
		gauge(registry, IN_FLIGHT, "Requests and row streams admitted by the async-cassandra session and not yet ended",
				SessionStatistics::inFlight);
		gauge(registry, QUEUED, "Requests waiting in the async-cassandra session's admission queue",
				SessionStatistics::queuedRequests);
		gauge(registry, IN_FLIGHT_LIMIT, "Bound on the requests the async-cassandra session runs at the driver at once",
				SessionStatistics::maxRequestsInFlight);
		gauge(registry, STREAMS_OPEN, "Row streams of the async-cassandra session subscribed and not yet terminated",
				SessionStatistics::openStreams);
		gauge(registry, EVENT_QUEUE_SIZE, "Query events waiting for delivery to the listeners",
				SessionStatistics::eventQueueSize);
		gauge(registry, EVENT_QUEUE_CAPACITY, "Bound of the query event queue", SessionStatistics::eventQueueCapacity);
		counter(registry, EVENTS_DELIVERED, "Query events handed to the listeners", SessionStatistics::eventsDelivered);
		counter(registry, EVENTS_DROPPED, "Query events dropped because the event queue was full",
				SessionStatistics::eventsDropped);
		counter(registry, LISTENER_FAILURES, "Query event listener invocations that threw",
				SessionStatistics::listenerFailures);
	}

	private void gauge(MeterRegistry registry, String name, String description,
			ToDoubleFunction<SessionStatistics> value) {
		Gauge.builder(name, this.session, (reference) -> read(reference, value))
			.description(description)
			.strongReference(true)
			.register(registry);
	}

	private void counter(MeterRegistry registry, String name, String description,
			ToDoubleFunction<SessionStatistics> value) {
		FunctionCounter.builder(name, this.session, (reference) -> read(reference, value))
			.description(description)
			.register(registry);
	}

	private static double read(WeakReference<AsyncSession> reference, ToDoubleFunction<SessionStatistics> value) {
		AsyncSession session = reference.get();
		return (session != null) ? value.applyAsDouble(session.statistics()) : Double.NaN;
	}

}
