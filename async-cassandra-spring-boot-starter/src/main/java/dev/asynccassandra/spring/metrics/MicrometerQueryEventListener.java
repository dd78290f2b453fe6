package dev.asynccassandra.spring.metrics;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.asynccassandra.api.event.QueryEvent;
import dev.asynccassandra.api.event.QueryEvent.OperationKind;
import dev.asynccassandra.api.event.QueryEvent.Outcome;
import dev.asynccassandra.api.event.QueryEventListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Records the session's {@link QueryEvent}s in a {@link MeterRegistry}, as the
 * {@value #REQUESTS} timer tagged with {@code operation} ({@code execute},
 * {@code prepare}, {@code batch}, {@code page}, {@code stream}), {@code outcome}
 * ({@code success}, {@code failure}, {@code timeout}, {@code cancelled},
 * {@code rejected}) and {@code exception} (the simple class name of the failure, or
 * {@code none}); optionally {@code statement}, the logical statement name, from a bounded
 * set of names ({@code none} without a name, {@code other} once the set is full). Never
 * tags CQL text.
 * <p>
 * Also counts {@value #PAGES} (pages fetched, tagged {@code operation}: {@code stream}
 * for the first page of a row stream, {@code page} for every later page of a paged result
 * or a row stream; successful fetches only), {@value #STREAMS} (row streams started, that
 * is their first page requests, tagged {@code outcome}) and {@value #ROWS} (rows
 * returned, tagged {@code operation}). Requests that waited in the session's admission
 * queue (the session had its maximum in flight) also record their wait in the
 * {@value #QUEUE_WAIT} timer, tagged {@code operation}; requests that found a free slot
 * record nothing there.
 * <p>
 * Events arrive on the session's recorder thread, off the query path. A registry that
 * throws is counted in {@link #recordingFailureCount()} and never reaches a query.
 *
 * @since 0.1.0
 */
public final class MicrometerQueryEventListener implements QueryEventListener {

	/**
	 * Name of the request timer.
	 */
	public static final String REQUESTS = "async.cassandra.requests";

	/**
	 * Name of the timer of waits in the session's admission queue.
	 */
	public static final String QUEUE_WAIT = "async.cassandra.requests.queue.wait";

	/**
	 * Name of the fetched pages counter.
	 */
	public static final String PAGES = "async.cassandra.pages";

	/**
	 * Name of the counter of row streams started (first page requests).
	 */
	public static final String STREAMS = "async.cassandra.streams";

	/**
	 * Name of the returned rows counter.
	 */
	public static final String ROWS = "async.cassandra.rows";

	private static final String NONE = "none";

	private static final String OTHER = "other";

	private final Meter.MeterProvider<Timer> timers;

	private final Meter.MeterProvider<Timer> queueWaits;

	private final Meter.MeterProvider<Counter> pages;

	private final Meter.MeterProvider<Counter> streams;

	private final Meter.MeterProvider<Counter> rows;

	private final boolean statementTag;

	private final int maxStatementNames;

	private final Set<String> statementNames = ConcurrentHashMap.newKeySet();

	private final AtomicLong recordingFailures = new AtomicLong();

	/**
	 * Creates a listener without the {@code statement} tag.
	 * @param registry the registry to record into
	 */
	public MicrometerQueryEventListener(MeterRegistry registry) {
		this(registry, false, 0);
	}

	/**
	 * Creates a listener.
	 * @param registry the registry to record into
	 * @param statementTag whether to tag timers with the logical statement name
	 * @param maxStatementNames how many distinct statement names become tag values
	 */
	public MicrometerQueryEventListener(MeterRegistry registry, boolean statementTag, int maxStatementNames) {
		Assert.notNull(registry, "'registry' must not be null");
		Assert.isTrue(maxStatementNames >= 0, "'maxStatementNames' must not be negative");
		this.timers = Timer.builder(REQUESTS)
			.description("Requests made through the async-cassandra session")
			.withRegistry(registry);
		this.queueWaits = Timer.builder(QUEUE_WAIT)
			.description("Time requests waited in the async-cassandra session's admission queue for an in-flight slot")
			.withRegistry(registry);
		this.pages = Counter.builder(PAGES)
			.description("Pages fetched by the async-cassandra session")
			.baseUnit("pages")
			.withRegistry(registry);
		this.streams = Counter.builder(STREAMS)
			.description("Row streams started by the async-cassandra session (first page requests)")
			.withRegistry(registry);
		this.rows = Counter.builder(ROWS)
			.description("Rows returned by the async-cassandra session")
			.baseUnit("rows")
			.withRegistry(registry);
		this.statementTag = statementTag;
		this.maxStatementNames = maxStatementNames;
	}

	@Override
	public void onEvent(QueryEvent event) {
		try {
			Tags tags = Tags.of("operation", lowerCase(event.operation()), "outcome", lowerCase(event.outcome()),
					"exception", exceptionTag(event.exceptionClass()));
			if (this.statementTag) {
				tags = tags.and("statement", statementTag(event.statementName()));
			}
			this.timers.withTags(tags).record(event.latencyNanos(), TimeUnit.NANOSECONDS);
			if (event.admissionWaitNanos() > 0) {
				this.queueWaits.withTags("operation", lowerCase(event.operation()))
					.record(event.admissionWaitNanos(), TimeUnit.NANOSECONDS);
			}
			countPagesAndRows(event);
		}
		catch (RuntimeException ex) {
			this.recordingFailures.incrementAndGet();
		}
	}

	private void countPagesAndRows(QueryEvent event) {
		OperationKind operation = event.operation();
		boolean success = event.outcome() == Outcome.SUCCESS;
		if (operation == OperationKind.STREAM) {
			this.streams.withTags("outcome", lowerCase(event.outcome())).increment();
		}
		if (success && (operation == OperationKind.PAGE || operation == OperationKind.STREAM)) {
			this.pages.withTags("operation", lowerCase(operation)).increment();
		}
		if (event.rows() > 0) {
			this.rows.withTags("operation", lowerCase(operation)).increment(event.rows());
		}
	}

	/**
	 * Events the registry failed to record.
	 * @return the number of events whose recording threw
	 */
	public long recordingFailureCount() {
		return this.recordingFailures.get();
	}

	private String statementTag(@Nullable String name) {
		if (name == null) {
			return NONE;
		}
		if (this.statementNames.contains(name)) {
			return name;
		}
		if (this.statementNames.size() < this.maxStatementNames) {
			this.statementNames.add(name);
			return name;
		}
		return OTHER;
	}

	private static String exceptionTag(@Nullable Class<? extends Throwable> exceptionClass) {
		return (exceptionClass != null) ? exceptionClass.getSimpleName() : NONE;
	}

	private static String lowerCase(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

}
