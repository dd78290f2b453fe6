package dev.asynccassandra.internal.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.asynccassandra.api.AsyncResult;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.CompletionExecutors;
import dev.asynccassandra.api.QueryOptions;
import dev.asynccassandra.api.SessionStatistics;
import dev.asynccassandra.api.event.QueryEventListener;
import dev.asynccassandra.api.stream.RowPublisher;
import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.internal.context.ContextCapture;
import dev.asynccassandra.internal.event.QueryEventPublisher;
import dev.asynccassandra.internal.event.QueueingQueryEventPublisher;
import dev.asynccassandra.internal.observation.RequestObservations;
import dev.asynccassandra.internal.request.InFlightGate;
import dev.asynccassandra.internal.request.RequestLauncher;
import org.jspecify.annotations.Nullable;

/**
 * The {@link AsyncSession}: checks arguments, turns calls into statements, and hands them
 * with their options to the {@link RequestLauncher}, which plans and runs them; row
 * streams go to {@link RowStreams}, close to the {@link SessionCloser}.
 */
public final class DefaultAsyncSession implements AsyncSession {

	/**
	 * Prefix of the names of the default completion threads.
	 */
	private static final String EXECUTOR_THREAD_PREFIX = "async-cassandra-";

	private static final AtomicInteger executorThreads = new AtomicInteger();

	private static final AtomicInteger timerThreads = new AtomicInteger();

	private final CqlSession cqlSession;

	private final Executor defaultExecutor;

	private final InFlightGate gate = new InFlightGate();

	private final RequestLauncher launcher;

	private final SessionCloser closer;

	private final QueryEventPublisher publisher;

	private final OpenStreams openStreams = new OpenStreams();

	private final RowStreams rowStreams;

	private final StreamOptions defaultStreamOptions;

	/**
	 * Opens a session over a connected driver session, with a recorder thread for the
	 * listeners if there are any (closed with the session).
	 * @param cqlSession the driver session
	 * @param settings the session-wide settings
	 * @param listeners the query event listeners, in order
	 * @param observations starts the observation of each request
	 * @return the session
	 */
	public static DefaultAsyncSession open(CqlSession cqlSession, SessionSettings settings,
			List<QueryEventListener> listeners, RequestObservations observations) {
		if (listeners.isEmpty()) {
			return new DefaultAsyncSession(cqlSession, settings, QueryEventPublisher.noop(), List.of(), observations);
		}
		QueueingQueryEventPublisher publisher = QueueingQueryEventPublisher.start(listeners);
		return new DefaultAsyncSession(cqlSession, settings, publisher, List.of(publisher), observations);
	}

	/**
	 * Creates a session over a connected driver session.
	 * @param cqlSession the driver session
	 * @param settings the session-wide settings
	 * @param publisher receives one event per request
	 * @param ownedResources closed once the session has closed, after the driver session
	 */
	public DefaultAsyncSession(CqlSession cqlSession, SessionSettings settings, QueryEventPublisher publisher,
			List<? extends AutoCloseable> ownedResources) {
		this(cqlSession, settings, publisher, ownedResources, RequestObservations.NONE);
	}

	/**
	 * Creates a session over a connected driver session, observing its requests.
	 * @param cqlSession the driver session
	 * @param settings the session-wide settings
	 * @param publisher receives one event per request
	 * @param ownedResources closed once the session has closed, after the driver session
	 * @param observations starts the observation of each request
	 */
	public DefaultAsyncSession(CqlSession cqlSession, SessionSettings settings, QueryEventPublisher publisher,
			List<? extends AutoCloseable> ownedResources, RequestObservations observations) {
		this.cqlSession = Objects.requireNonNull(cqlSession, "'cqlSession' must not be null");
		this.publisher = Objects.requireNonNull(publisher, "'publisher' must not be null");
		this.defaultStreamOptions = settings.defaultStreamOptions();
		ExecutorService ownedExecutor = (settings.executor() != null) ? null
				: CompletionExecutors.newFixedPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
						new DaemonThreadFactory(EXECUTOR_THREAD_PREFIX, executorThreads));
		this.defaultExecutor = (ownedExecutor != null) ? ownedExecutor : settings.executor();
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
				new DaemonThreadFactory(EXECUTOR_THREAD_PREFIX + "timer-", timerThreads));
		timer.setRemoveOnCancelPolicy(true);
		Integer maxInFlight = settings.maxRequestsInFlight();
		ContextCapture contextCapture = ContextCapture.of(settings.propagateContext(),
				DefaultAsyncSession.class.getClassLoader());
		this.launcher = new RequestLauncher(cqlSession, settings.defaultTimeout(), this.defaultExecutor, this.gate,
				(maxInFlight != null) ? maxInFlight : DriverPoolCapacity.of(cqlSession), settings.maxQueuedRequests(),
				timer, publisher, contextCapture, observations);
		List<AutoCloseable> resources = new ArrayList<>(ownedResources);
		this.rowStreams = new RowStreams(this.gate, this.launcher, this.openStreams, this.defaultExecutor,
				contextCapture);
		this.closer = new SessionCloser(this.gate, this.launcher, this.openStreams, cqlSession,
				settings.closeCqlSession(), settings.drainTimeout(), timer, this.defaultExecutor,
				() -> release(resources, ownedExecutor));
	}

	private static void release(List<AutoCloseable> resources, @Nullable ExecutorService ownedExecutor) {
		for (AutoCloseable resource : resources) {
			try {
				resource.close();
			}
			catch (Exception ex) {
				// Closing continues: a resource that fails to close must not block the
				// rest.
			}
		}
		if (ownedExecutor != null) {
			ownedExecutor.shutdown();
		}
	}

	@Override
	public CompletableFuture<AsyncResult> execute(String cql, Object... values) {
		return execute(QueryOptions.defaults(), cql, values);
	}

	@Override
	public CompletableFuture<AsyncResult> execute(QueryOptions options, String cql, Object... values) {
		requireNonNull(options, "options");
		requireNonNull(cql, "cql");
		requireNonNull(values, "values");
		rejectOptionsAmongValues(values,
				"QueryOptions passed as a bound value; use execute(QueryOptions, String, Object...)",
				QueryOptions.class);
		return run(SimpleStatement.newInstance(cql, values), options);
	}

	@Override
	public CompletableFuture<AsyncResult> execute(String cql, Map<String, Object> namedValues) {
		return execute(QueryOptions.defaults(), cql, namedValues);
	}

	@Override
	public CompletableFuture<AsyncResult> execute(QueryOptions options, String cql, Map<String, Object> namedValues) {
		requireNonNull(cql, "cql");
		requireNonNull(namedValues, "namedValues");
		requireNonNull(options, "options");
		return run(SimpleStatement.newInstance(cql, namedValues), options);
	}

	@Override
	public CompletableFuture<AsyncResult> execute(Statement<?> statement) {
		return execute(QueryOptions.defaults(), statement);
	}

	@Override
	public CompletableFuture<AsyncResult> execute(QueryOptions options, Statement<?> statement) {
		requireNonNull(statement, "statement");
		requireNonNull(options, "options");
		return run(statement, options);
	}

	@Override
	public CompletableFuture<AsyncResult> executeBatch(BatchType type,
			Collection<? extends BatchableStatement<?>> statements) {
		return executeBatch(QueryOptions.defaults(), type, statements);
	}

	@Override
	public CompletableFuture<AsyncResult> executeBatch(QueryOptions options, BatchType type,
			Collection<? extends BatchableStatement<?>> statements) {
		requireNonNull(type, "type");
		requireNonNull(statements, "statements");
		requireNonNull(options, "options");
		if (statements.isEmpty()) {
			throw new IllegalArgumentException("'statements' must not be empty");
		}
		for (BatchableStatement<?> statement : statements) {
			Objects.requireNonNull(statement, "'statements' must not contain null");
		}
		return run(BatchStatement.newInstance(type).addAll(statements), options);
	}

	@Override
	public CompletableFuture<PreparedStatement> prepare(String cql) {
		return prepare(QueryOptions.defaults(), cql);
	}

	@Override
	public CompletableFuture<PreparedStatement> prepare(QueryOptions options, String cql) {
		requireNonNull(cql, "cql");
		requireNonNull(options, "options");
		return this.launcher.prepare(cql, options);
	}

	@Override
	public RowPublisher<Row> stream(String cql, Object... values) {
		return stream(this.defaultStreamOptions, cql, values);
	}

	@Override
	public RowPublisher<Row> stream(StreamOptions options, String cql, Object... values) {
		requireNonNull(options, "options");
		requireNonNull(cql, "cql");
		requireNonNull(values, "values");
		rejectOptionsAmongValues(values,
				"Options passed as a bound value; use stream(StreamOptions, String, Object...)", StreamOptions.class,
				QueryOptions.class);
		return this.rowStreams.create(SimpleStatement.newInstance(cql, values), options, Function.identity());
	}

	@Override
	public RowPublisher<Row> stream(Statement<?> statement) {
		return stream(this.defaultStreamOptions, statement);
	}

	@Override
	public RowPublisher<Row> stream(StreamOptions options, Statement<?> statement) {
		return stream(options, statement, Function.identity());
	}

	@Override
	public <T> RowPublisher<T> stream(StreamOptions options, Statement<?> statement,
			Function<Row, ? extends T> rowMapper) {
		requireNonNull(statement, "statement");
		requireNonNull(options, "options");
		requireNonNull(rowMapper, "rowMapper");
		if (statement instanceof BatchStatement) {
			throw new IllegalArgumentException("A batch returns no rows to stream");
		}
		return this.rowStreams.create(statement, options, rowMapper);
	}

	private CompletableFuture<AsyncResult> run(Statement<?> statement, QueryOptions options) {
		return this.launcher.execute(statement, options);
	}

	private static void requireNonNull(@Nullable Object value, String name) {
		if (value == null) {
			throw new NullPointerException("'" + name + "' must not be null");
		}
	}

	@Override
	public CompletableFuture<Void> closeAsync() {
		return this.closer.closeAsync();
	}

	@Override
	public CompletableFuture<Void> forceCloseAsync() {
		return this.closer.forceCloseAsync();
	}

	@Override
	public boolean isClosed() {
		return this.gate.isClosed();
	}

	@Override
	public long inFlightCount() {
		return this.gate.count();
	}

	@Override
	public SessionStatistics statistics() {
		QueryEventPublisher events = this.publisher;
		return new SessionStatistics(this.gate.count(), this.rowStreams.openCount(), events.deliveredCount(),
				events.droppedCount(), events.queueSize(), events.capacity(), events.listenerFailureCount(),
				this.launcher.queuedCount(), this.launcher.maxInFlight());
	}

	@Override
	public CqlSession cqlSession() {
		return this.cqlSession;
	}

	@Override
	public String toString() {
		return "AsyncSession[inFlight=" + inFlightCount() + ", closed=" + isClosed() + "]";
	}

	/**
	 * Options objects passed among the bound values are a caller mistake (an overload
	 * mix-up), never meant as values: fail with the message naming the right overload.
	 */
	private static void rejectOptionsAmongValues(Object[] values, String message, Class<?>... optionTypes) {
		for (Object value : values) {
			for (Class<?> optionType : optionTypes) {
				if (optionType.isInstance(value)) {
					throw new IllegalArgumentException(message);
				}
			}
		}
	}

}
