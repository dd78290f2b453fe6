package dev.asynccassandra.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import dev.asynccassandra.api.event.QueryEventListener;
import dev.asynccassandra.api.observation.CassandraObservationConvention;
import dev.asynccassandra.api.observation.DefaultCassandraObservationConvention;
import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.internal.observation.MicrometerRequestObservations;
import dev.asynccassandra.internal.observation.RequestObservations;
import dev.asynccassandra.internal.session.DefaultAsyncSession;
import dev.asynccassandra.internal.session.SessionSettings;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Builds an {@link AsyncSession}, either over an existing {@link CqlSession}
 * ({@link #withCqlSession(CqlSession)}) or over one it connects with the driver's own
 * {@link CqlSessionBuilder} ({@link #withCqlSessionBuilder(CqlSessionBuilder)}). Not
 * thread-safe; {@link AsyncSession#builder()} starts one.
 *
 * @since 0.1.0
 */
public final class AsyncSessionBuilder {

	/**
	 * How long a graceful close waits for in-flight requests before cancelling them.
	 */
	public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * Whether closing the session closes the wrapped {@code CqlSession}.
	 */
	public static final boolean DEFAULT_CLOSE_CQL_SESSION = true;

	/**
	 * How many requests may wait for an in-flight slot once the session has its maximum
	 * in flight.
	 */
	public static final int DEFAULT_MAX_QUEUED_REQUESTS = 10_000;

	/**
	 * Whether the caller's context is restored around completions and stream signals.
	 */
	public static final boolean DEFAULT_PROPAGATE_CONTEXT = true;

	private @Nullable CqlSession cqlSession;

	private @Nullable CqlSessionBuilder cqlSessionBuilder;

	private @Nullable Executor executor;

	private @Nullable Duration defaultTimeout;

	private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;

	private boolean closeCqlSession = DEFAULT_CLOSE_CQL_SESSION;

	private StreamOptions defaultStreamOptions = StreamOptions.defaults();

	private @Nullable Integer maxRequestsInFlight;

	private int maxQueuedRequests = DEFAULT_MAX_QUEUED_REQUESTS;

	private boolean propagateContext = DEFAULT_PROPAGATE_CONTEXT;

	private @Nullable ObservationRegistry observationRegistry;

	private @Nullable CassandraObservationConvention observationConvention;

	private final List<QueryEventListener> listeners = new ArrayList<>();

	AsyncSessionBuilder() {
	}

	/**
	 * Wraps an existing, connected driver session. Excludes
	 * {@link #withCqlSessionBuilder(CqlSessionBuilder)}.
	 * @param cqlSession the driver session
	 * @return this builder
	 */
	public AsyncSessionBuilder withCqlSession(CqlSession cqlSession) {
		this.cqlSession = Objects.requireNonNull(cqlSession, "'cqlSession' must not be null");
		return this;
	}

	/**
	 * Connects the driver session with the driver's own builder when {@link #build()} is
	 * called, so that contact points, local data center, keyspace, configuration,
	 * authentication and SSL are set where the driver documents them: <pre class="code">
	 * AsyncSession session = AsyncSession.builder()
	 *     .withCqlSessionBuilder(CqlSession.builder()
	 *         .addContactPoint(new InetSocketAddress("cassandra-1", 9042))
	 *         .withLocalDatacenter("dc1"))
	 *     .build();
	 * </pre> The session owns the driver session it connects and always closes it.
	 * Without this and without {@link #withCqlSession(CqlSession)}, {@link #build()}
	 * connects {@code CqlSession.builder()} as the driver configures it by default
	 * ({@code application.conf}, else {@code 127.0.0.1:9042}). Excludes
	 * {@link #withCqlSession(CqlSession)}.
	 * @param cqlSessionBuilder the driver's builder, configured
	 * @return this builder
	 */
	public AsyncSessionBuilder withCqlSessionBuilder(CqlSessionBuilder cqlSessionBuilder) {
		this.cqlSessionBuilder = Objects.requireNonNull(cqlSessionBuilder, "'cqlSessionBuilder' must not be null");
		return this;
	}

	/**
	 * Sets the executor that completes futures when a call does not name one. Not shut
	 * down by the session. By default the session owns a pool of
	 * {@code max(2, available processors)} daemon threads named
	 * {@code async-cassandra-N}, shut down once the session has closed; its queue holds
	 * at most one task per in-flight request.
	 * <p>
	 * The session calls {@code execute} on the driver's I/O threads, so it must not
	 * block, not even on a lock: {@link CompletionExecutors#newFixedPool} makes a pool
	 * that takes none (a pool from {@code Executors.newFixedThreadPool} can park the
	 * caller briefly).
	 * @param executor the executor, or {@code null} for the session's own pool
	 * @return this builder
	 */
	public AsyncSessionBuilder withExecutor(@Nullable Executor executor) {
		this.executor = executor;
		return this;
	}

	/**
	 * Sets the timeout of requests that neither the call nor the statement bound.
	 * @param defaultTimeout a positive timeout, or {@code null} for the driver profile's
	 * {@code basic.request.timeout}
	 * @return this builder
	 */
	public AsyncSessionBuilder withDefaultTimeout(@Nullable Duration defaultTimeout) {
		if (defaultTimeout != null) {
			requirePositive(defaultTimeout, "defaultTimeout");
		}
		this.defaultTimeout = defaultTimeout;
		return this;
	}

	/**
	 * Sets how long a graceful close waits for in-flight requests; defaults to
	 * {@link #DEFAULT_DRAIN_TIMEOUT}.
	 * @param drainTimeout a positive or zero duration
	 * @return this builder
	 */
	public AsyncSessionBuilder withDrainTimeout(Duration drainTimeout) {
		Objects.requireNonNull(drainTimeout, "'drainTimeout' must not be null");
		if (drainTimeout.isNegative()) {
			throw new IllegalArgumentException("'drainTimeout' must not be negative, was " + drainTimeout);
		}
		this.drainTimeout = drainTimeout;
		return this;
	}

	/**
	 * Sets whether closing the session closes the wrapped {@code CqlSession}; defaults to
	 * {@link #DEFAULT_CLOSE_CQL_SESSION}. A driver session the builder connected itself
	 * is always closed.
	 * @param closeCqlSession whether to close it
	 * @return this builder
	 */
	public AsyncSessionBuilder withCloseCqlSession(boolean closeCqlSession) {
		this.closeCqlSession = closeCqlSession;
		return this;
	}

	/**
	 * Sets how many requests the session runs at the driver at once (every
	 * {@code execute}, {@code executeBatch}, {@code prepare}, {@code fetchNextPage} and
	 * every page of a row stream counts while the driver works on it). Beyond it,
	 * requests wait in the session's FIFO admission queue (see
	 * {@link #withMaxQueuedRequests(int)}) until a slot frees, within their own timeout;
	 * they fail with {@link dev.asynccassandra.api.error.SessionBusyException} only when
	 * the queue is full or their timeout passes while they wait. Requests below the bound
	 * take no lock.
	 * <p>
	 * By default the bound is what the driver's connection pools carry, read when the
	 * session is built: {@code advanced.connection.pool.local.size} x
	 * {@code advanced.connection.max-requests-per-connection} x the nodes at distance
	 * {@code LOCAL} (1 x 1,024 x nodes with the driver's defaults). Beyond that the
	 * driver itself would fail requests with {@code NodeUnavailableException} ("No
	 * connection was available"). Set it explicitly when the cluster grows after the
	 * session is built, or to keep a service well below what Cassandra can take.
	 * @param maxRequestsInFlight a positive bound, or {@code null} for the pool's size
	 * @return this builder
	 */
	public AsyncSessionBuilder withMaxRequestsInFlight(@Nullable Integer maxRequestsInFlight) {
		if (maxRequestsInFlight != null && maxRequestsInFlight <= 0) {
			throw new IllegalArgumentException("'maxRequestsInFlight' must be positive, was " + maxRequestsInFlight);
		}
		this.maxRequestsInFlight = maxRequestsInFlight;
		return this;
	}

	/**
	 * Sets how many requests may wait for an in-flight slot once the session has its
	 * maximum in flight; defaults to {@link #DEFAULT_MAX_QUEUED_REQUESTS}. A request that
	 * finds the queue full fails at once with
	 * {@link dev.asynccassandra.api.error.SessionBusyException}; {@code 0} disables the
	 * queue (every request beyond the bound fails at once).
	 * @param maxQueuedRequests a positive or zero bound
	 * @return this builder
	 */
	public AsyncSessionBuilder withMaxQueuedRequests(int maxQueuedRequests) {
		if (maxQueuedRequests < 0) {
			throw new IllegalArgumentException("'maxQueuedRequests' must not be negative, was " + maxQueuedRequests);
		}
		this.maxQueuedRequests = maxQueuedRequests;
		return this;
	}

	/**
	 * Sets the stream options used by the {@code stream} overloads that take no
	 * {@link StreamOptions}; defaults to {@link StreamOptions#defaults()}. Options passed
	 * to a call replace these entirely (they are not merged). A progress listener in the
	 * defaults is shared by every stream that uses them.
	 * @param defaultStreamOptions the options, without a starting paging state
	 * @return this builder
	 * @throws IllegalArgumentException if the options carry a starting paging state (a
	 * resume point shared by every stream makes no sense)
	 */
	public AsyncSessionBuilder withDefaultStreamOptions(StreamOptions defaultStreamOptions) {
		Objects.requireNonNull(defaultStreamOptions, "'defaultStreamOptions' must not be null");
		if (defaultStreamOptions.startingPagingState() != null) {
			throw new IllegalArgumentException(
					"'defaultStreamOptions' must not carry a startingPagingState; pass it per call instead");
		}
		this.defaultStreamOptions = defaultStreamOptions;
		return this;
	}

	/**
	 * Sets whether the session carries the caller's context over to the code it runs for
	 * the caller; defaults to {@link #DEFAULT_PROPAGATE_CONTEXT}. It takes effect only
	 * when Micrometer's context-propagation library
	 * ({@code io.micrometer:context-propagation}) is on the class path, as it is in
	 * Spring Boot applications with Micrometer; without it, nothing is captured and
	 * nothing is paid.
	 * <p>
	 * The values of every thread-local accessor registered with the library's
	 * {@code ContextRegistry} (the current Micrometer {@code Observation}, and for
	 * example SLF4J's MDC or Spring Security's context when registered) are captured when
	 * a request is made ({@code execute}, {@code executeBatch}, {@code prepare},
	 * {@code fetchNextPage}) or a stream is subscribed. They are restored on the executor
	 * thread around the completion of the request's future (so around the continuations
	 * registered before it completed) and around every signal of the stream and its
	 * progress listener; accessors the caller had no value for are cleared meanwhile, and
	 * the thread gets back what it had afterwards, so the next task on the same thread
	 * never sees them.
	 * @param propagateContext whether to propagate the caller's context
	 * @return this builder
	 */
	public AsyncSessionBuilder withContextPropagation(boolean propagateContext) {
		this.propagateContext = propagateContext;
		return this;
	}

	/**
	 * Observes every request through Micrometer's Observation API (requires
	 * {@code io.micrometer:micrometer-observation}): one observation per {@code execute},
	 * {@code executeBatch}, {@code prepare}, {@code fetchNextPage} and stream page,
	 * started on the calling thread (so the caller's current observation is its parent; a
	 * wait in the admission queue is part of it) and stopped when the request ends, with
	 * the failure if it failed. A refused request (session closed or busy) is observed
	 * too, with its failure. Names and keys:
	 * {@link DefaultCassandraObservationConvention}, unless
	 * {@link #withObservationConvention} replaces it. Without a registry (the default),
	 * nothing is observed and nothing is paid.
	 * @param observationRegistry the registry, or {@code null} for none
	 * @return this builder
	 */
	public AsyncSessionBuilder withObservationRegistry(@Nullable ObservationRegistry observationRegistry) {
		this.observationRegistry = observationRegistry;
		return this;
	}

	/**
	 * Replaces the {@link DefaultCassandraObservationConvention} of the observations.
	 * @param observationConvention the convention, or {@code null} for the default
	 * @return this builder
	 */
	public AsyncSessionBuilder withObservationConvention(
			@Nullable CassandraObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
		return this;
	}

	/**
	 * Adds a listener of query events. Listeners run on one dedicated recorder thread
	 * behind a bounded queue, never on the query path: a slow or failing listener cannot
	 * slow down or fail a request.
	 * @param listener the listener
	 * @return this builder
	 */
	public AsyncSessionBuilder addListener(QueryEventListener listener) {
		this.listeners.add(Objects.requireNonNull(listener, "'listener' must not be null"));
		return this;
	}

	/**
	 * Builds the session, connecting a driver session first if none was given. Connecting
	 * blocks; do not call it on a driver thread.
	 * @return the session
	 * @throws IllegalStateException if both a driver session and a driver builder were
	 * given
	 */
	public AsyncSession build() {
		if (this.cqlSession != null && this.cqlSessionBuilder != null) {
			throw new IllegalStateException("withCqlSession and withCqlSessionBuilder exclude each other: "
					+ "give a connected driver session or a driver builder to connect one, not both");
		}
		CqlSession session = this.cqlSession;
		boolean close = this.closeCqlSession;
		if (session == null) {
			CqlSessionBuilder builder = (this.cqlSessionBuilder != null) ? this.cqlSessionBuilder
					: CqlSession.builder();
			session = builder.build();
			close = true;
		}
		SessionSettings settings = new SessionSettings(this.executor, this.defaultTimeout, this.drainTimeout, close,
				this.defaultStreamOptions, this.maxRequestsInFlight, this.maxQueuedRequests, this.propagateContext);
		return DefaultAsyncSession.open(session, settings, this.listeners, observations(session));
	}

	private RequestObservations observations(CqlSession session) {
		ObservationRegistry registry = this.observationRegistry;
		if (registry == null) {
			return RequestObservations.NONE;
		}
		return new MicrometerRequestObservations(registry, this.observationConvention,
				session.getKeyspace().map(CqlIdentifier::asInternal).orElse(null));
	}

	private static void requirePositive(Duration duration, String name) {
		if (duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException("'" + name + "' must be positive, was " + duration);
		}
	}

}
