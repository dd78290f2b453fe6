package dev.asynccassandra.spring.session;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.asynccassandra.api.AsyncResult;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.QueryOptions;
import dev.asynccassandra.api.SessionStatistics;
import dev.asynccassandra.api.error.SessionClosedException;
import dev.asynccassandra.api.stream.RowPublisher;
import dev.asynccassandra.api.stream.StreamOptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.util.Assert;

/**
 * An {@link AsyncSession} that connects to Cassandra by itself, for applications that
 * start while Cassandra is unreachable (as Spring Boot's own lazy {@code CqlSession}
 * allows). {@link #start()} makes a first attempt on the calling thread; when it fails,
 * further attempts run on one background thread, one at a time, with a delay doubling
 * from the initial retry delay up to the maximum, until one succeeds or the session is
 * closed. The background attempts begin once every singleton of the context has been
 * created ({@link #afterSingletonsInstantiated()}, which the bean factory calls when the
 * session is a bean; call it yourself otherwise): an attempt creates the lazy
 * {@code CqlSession} bean, which must not race with the context's own startup.
 * <p>
 * Until it has connected, every request fails at once with
 * {@link SessionNotConnectedException} (its cause is the last attempt's failure), and a
 * row stream subscribed then fails the same way; streams are cold, so a stream created
 * earlier and subscribed after the connection works. Once connected, everything is the
 * wrapped session's. Closing stops the attempts; a driver session obtained by an attempt
 * that was still running when the session closed is closed as soon as the attempt ends.
 * The futures returned by {@link #closeAsync()} and {@link #forceCloseAsync()} complete
 * once the wrapped session, and with it the driver session, is closed.
 *
 * @since 0.1.0
 */
public final class ConnectingAsyncSession implements AsyncSession, SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(ConnectingAsyncSession.class);

	private final Supplier<CqlSession> connector;

	private final Function<CqlSession, AsyncSession> wrapper;

	private final Duration initialRetryDelay;

	private final Duration maxRetryDelay;

	private final ScheduledThreadPoolExecutor attempts;

	private final CompletableFuture<Void> closed = new CompletableFuture<>();

	private final Object lock = new Object();

	private volatile @Nullable AsyncSession delegate;

	private volatile @Nullable Throwable lastFailure;

	private volatile long attemptCount;

	private volatile boolean closing;

	// Guarded by lock.
	private boolean attempting;

	private boolean forced;

	private boolean retrying;

	private boolean retryPending;

	private Duration nextDelay;

	private volatile Duration scheduledDelay;

	private @Nullable ScheduledFuture<?> nextAttempt;

	/**
	 * Creates a session that is not connected yet; call {@link #start()} to connect.
	 * @param connector obtains the driver session, connecting it if needed (for example
	 * the {@code getObject} of a lazy bean); may block and may throw
	 * @param wrapper builds the session that serves requests over a connected driver
	 * session; it should own the driver session, so that closing it closes both
	 * @param initialRetryDelay delay before the second attempt
	 * @param maxRetryDelay bound on the delay between attempts
	 */
	public ConnectingAsyncSession(Supplier<CqlSession> connector, Function<CqlSession, AsyncSession> wrapper,
			Duration initialRetryDelay, Duration maxRetryDelay) {
		Assert.notNull(connector, "'connector' must not be null");
		Assert.notNull(wrapper, "'wrapper' must not be null");
		Assert.isTrue(initialRetryDelay != null && initialRetryDelay.toMillis() > 0,
				"'initialRetryDelay' must be at least 1ms");
		Assert.isTrue(maxRetryDelay != null && maxRetryDelay.compareTo(initialRetryDelay) >= 0,
				"'maxRetryDelay' must not be less than 'initialRetryDelay'");
		this.connector = connector;
		this.wrapper = wrapper;
		this.initialRetryDelay = initialRetryDelay;
		this.maxRetryDelay = maxRetryDelay;
		this.nextDelay = initialRetryDelay;
		this.scheduledDelay = initialRetryDelay;
		this.attempts = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "async-cassandra-connect");
			thread.setDaemon(true);
			return thread;
		});
		this.attempts.setRemoveOnCancelPolicy(true);
	}

	/**
	 * Makes the first connection attempt on the calling thread; when it fails, schedules
	 * the next one in the background.
	 * @return {@code true} if the session is connected
	 */
	public boolean start() {
		attempt();
		return isConnected();
	}

	/**
	 * Lets the background attempts begin: schedules the next attempt if the first one
	 * failed. Called by the bean factory once every singleton has been created.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		synchronized (this.lock) {
			this.retrying = true;
			if (this.retryPending && !this.closing && this.delegate == null) {
				this.retryPending = false;
				scheduleNextAttempt();
			}
		}
	}

	/**
	 * Whether the session has connected (and then serves requests, until it is closed).
	 * @return {@code true} once connected
	 */
	public boolean isConnected() {
		return this.delegate != null;
	}

	/**
	 * The failure of the last connection attempt, while the session is not connected.
	 * @return the failure, or {@code null} when connected or before the first attempt
	 * ended
	 */
	public @Nullable Throwable connectionFailure() {
		return (this.delegate != null) ? null : this.lastFailure;
	}

	/**
	 * Connection attempts made so far.
	 * @return the number of attempts, the running one included
	 */
	public long connectionAttempts() {
		return this.attemptCount;
	}

	private void attempt() {
		synchronized (this.lock) {
			if (this.closing || this.delegate != null || this.attempting) {
				return;
			}
			this.attempting = true;
			this.nextAttempt = null;
			this.attemptCount++;
		}
		AsyncSession connected = null;
		Throwable failure = null;
		try {
			connected = wrap(this.connector.get());
		}
		catch (Throwable ex) {
			failure = ConnectionFailures.unwrap(ex);
		}
		boolean closeNow;
		boolean force;
		synchronized (this.lock) {
			this.attempting = false;
			closeNow = this.closing;
			force = this.forced;
			if (connected != null && !closeNow) {
				this.delegate = connected;
			}
			if (connected == null) {
				this.lastFailure = failure;
				if (!closeNow) {
					scheduleNextAttempt();
				}
			}
		}
		if (connected != null) {
			this.attempts.shutdown();
			if (closeNow) {
				logger.info("Connected to Cassandra while the session was closing; closing the connection");
				completeCloseAfter(force ? connected.forceCloseAsync() : connected.closeAsync());
			}
			else if (this.attemptCount > 1) {
				logger.info("Connected to Cassandra after " + this.attemptCount + " attempts");
			}
		}
		else {
			logFailure(failure, closeNow);
			if (closeNow) {
				this.closed.complete(null);
			}
		}
	}

	private AsyncSession wrap(CqlSession cqlSession) {
		try {
			return Objects.requireNonNull(this.wrapper.apply(cqlSession), "wrapper returned null");
		}
		catch (RuntimeException | Error ex) {
			cqlSession.closeAsync();
			throw ex;
		}
	}

	// Called under lock.
	private void scheduleNextAttempt() {
		if (!this.retrying) {
			this.retryPending = true;
			return;
		}
		Duration delay = this.nextDelay;
		this.scheduledDelay = delay;
		Duration doubled = delay.multipliedBy(2);
		this.nextDelay = (doubled.compareTo(this.maxRetryDelay) > 0) ? this.maxRetryDelay : doubled;
		try {
			this.nextAttempt = this.attempts.schedule(this::attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Only after shutdown, which happens when closing or connected.
		}
	}

	private void logFailure(@Nullable Throwable failure, boolean closing) {
		if (closing || failure == null) {
			return;
		}
		String message = "Could not connect to Cassandra (attempt " + this.attemptCount + "): "
				+ ConnectionFailures.summary(failure) + "; requests fail with "
				+ SessionNotConnectedException.class.getSimpleName() + " until the session connects (next attempt in "
				+ this.scheduledDelay + ")";
		if (this.attemptCount == 1) {
			logger.warn(message, logger.isDebugEnabled() ? failure : null);
		}
		else if (logger.isInfoEnabled()) {
			logger.info(message, logger.isDebugEnabled() ? failure : null);
		}
	}

	@Override
	public CompletableFuture<Void> closeAsync() {
		return close(false);
	}

	@Override
	public CompletableFuture<Void> forceCloseAsync() {
		return close(true);
	}

	private CompletableFuture<Void> close(boolean force) {
		AsyncSession target;
		boolean nothingToWaitFor;
		synchronized (this.lock) {
			this.forced |= force;
			this.closing = true;
			if (this.nextAttempt != null) {
				this.nextAttempt.cancel(false);
				this.nextAttempt = null;
			}
			target = this.delegate;
			nothingToWaitFor = target == null && !this.attempting;
		}
		this.attempts.shutdown();
		if (target != null) {
			completeCloseAfter(force ? target.forceCloseAsync() : target.closeAsync());
		}
		else if (nothingToWaitFor) {
			this.closed.complete(null);
		}
		return this.closed.copy();
	}

	private void completeCloseAfter(CompletableFuture<Void> close) {
		close.whenComplete((result, failure) -> {
			if (failure != null) {
				this.closed.completeExceptionally(failure);
			}
			else {
				this.closed.complete(null);
			}
		});
	}

	@Override
	public boolean isClosed() {
		AsyncSession session = this.delegate;
		return this.closing || (session != null && session.isClosed());
	}

	@Override
	public long inFlightCount() {
		AsyncSession session = this.delegate;
		return (session != null) ? session.inFlightCount() : 0;
	}

	@Override
	public SessionStatistics statistics() {
		AsyncSession session = this.delegate;
		return (session != null) ? session.statistics() : new SessionStatistics(0, 0, 0, 0, 0, 0, 0);
	}

	/**
	 * The wrapped driver session, once connected.
	 * @return the driver session
	 * @throws SessionNotConnectedException if the session has not connected yet
	 * @throws SessionClosedException if it was closed before it connected
	 */
	@Override
	public CqlSession cqlSession() {
		AsyncSession session = this.delegate;
		if (session == null) {
			throw notConnected();
		}
		return session.cqlSession();
	}

	private RuntimeException notConnected() {
		if (this.closing) {
			return new SessionClosedException(false);
		}
		return new SessionNotConnectedException(this.attemptCount, this.lastFailure);
	}

	private <T> CompletableFuture<T> refused() {
		return CompletableFuture.failedFuture(notConnected());
	}

	@Override
	public CompletableFuture<AsyncResult> execute(String cql, Object... values) {
		Objects.requireNonNull(cql, "'cql' must not be null");
		AsyncSession session = this.delegate;
		return (session != null) ? session.execute(cql, values) : refused();
	}

	@Override
	public CompletableFuture<AsyncResult> execute(QueryOptions options, String cql, Object... values) {
		Objects.requireNonNull(cql, "'cql' must not be null");
		Objects.requireNonNull(options, "'options' must not be null");
		AsyncSession session = this.delegate;
		return (session != null) ? session.execute(options, cql, values) : refused();
	}

	@Override
	public CompletableFuture<AsyncResult> execute(String cql, Map<String, Object> namedValues) {
		Objects.requireNonNull(cql, "'cql' must not be null");
		AsyncSession session = this.delegate;
		return (session != null) ? session.execute(cql, namedValues) : refused();
	}

	@Override
	public CompletableFuture<AsyncResult> execute(QueryOptions options, String cql, Map<String, Object> namedValues) {
		Objects.requireNonNull(cql, "'cql' must not be null");
		Objects.requireNonNull(options, "'options' must not be null");
		AsyncSession session = this.delegate;
		return (session != null) ? session.execute(options, cql, namedValues) : refused();
	}

	@Override
	public CompletableFuture<AsyncResult> execute(Statement<?> statement) {
		Objects.requireNonNull(statement, "'statement' must not be null");
		AsyncSession session = this.delegate;
		return (session != null) ? session.execute(statement) : refused();
	}

	@Override
	public CompletableFuture<AsyncResult> execute(QueryOptions options, Statement<?> statement) {
		Objects.requireNonNull(statement, "'statement' must not be null");
		Objects.requireNonNull(options, "'options' must not be null");
		AsyncSession session = this.delegate;
		return (session != null) ? session.execute(options, statement) : refused();
	}

	@Override
	public CompletableFuture<AsyncResult> executeBatch(BatchType type,
			Collection<? extends BatchableStatement<?>> statements) {
		Objects.requireNonNull(type, "'type' must not be null");
		Objects.requireNonNull(statements, "'statements' must not be null");
		AsyncSession session = this.delegate;
		return (session != null) ? session.executeBatch(type, statements) : refused();
	}

	@Override
	public CompletableFuture<AsyncResult> executeBatch(QueryOptions options, BatchType type,
			Collection<? extends BatchableStatement<?>> statements) {
		Objects.requireNonNull(type, "'type' must not be null");
		Objects.requireNonNull(statements, "'statements' must not be null");
		Objects.requireNonNull(options, "'options' must not be null");
		AsyncSession session = this.delegate;
		return (session != null) ? session.executeBatch(options, type, statements) : refused();
	}

	@Override
	public CompletableFuture<PreparedStatement> prepare(String cql) {
		Objects.requireNonNull(cql, "'cql' must not be null");
		AsyncSession session = this.delegate;
		return (session != null) ? session.prepare(cql) : refused();
	}

	@Override
	public CompletableFuture<PreparedStatement> prepare(QueryOptions options, String cql) {
		Objects.requireNonNull(cql, "'cql' must not be null");
		Objects.requireNonNull(options, "'options' must not be null");
		AsyncSession session = this.delegate;
		return (session != null) ? session.prepare(options, cql) : refused();
	}

	@Override
	public RowPublisher<Row> stream(String cql, Object... values) {
		Objects.requireNonNull(cql, "'cql' must not be null");
		return deferred((session) -> session.stream(cql, values));
	}

	@Override
	public RowPublisher<Row> stream(StreamOptions options, String cql, Object... values) {
		Objects.requireNonNull(options, "'options' must not be null");
		Objects.requireNonNull(cql, "'cql' must not be null");
		return deferred((session) -> session.stream(options, cql, values));
	}

	@Override
	public RowPublisher<Row> stream(Statement<?> statement) {
		Objects.requireNonNull(statement, "'statement' must not be null");
		return deferred((session) -> session.stream(statement));
	}

	@Override
	public RowPublisher<Row> stream(StreamOptions options, Statement<?> statement) {
		Objects.requireNonNull(statement, "'statement' must not be null");
		Objects.requireNonNull(options, "'options' must not be null");
		return deferred((session) -> session.stream(options, statement));
	}

	@Override
	public <T> RowPublisher<T> stream(StreamOptions options, Statement<?> statement,
			Function<Row, ? extends T> rowMapper) {
		Objects.requireNonNull(statement, "'statement' must not be null");
		Objects.requireNonNull(options, "'options' must not be null");
		Objects.requireNonNull(rowMapper, "'rowMapper' must not be null");
		return deferred((session) -> session.stream(options, statement, rowMapper));
	}

	private <T> RowPublisher<T> deferred(Function<AsyncSession, RowPublisher<T>> open) {
		AsyncSession session = this.delegate;
		if (session != null) {
			return open.apply(session);
		}
		return new DeferredRowPublisher<>(this::isConnected, () -> open.apply(Objects.requireNonNull(this.delegate)),
				this::notConnected);
	}

	@Override
	public String toString() {
		AsyncSession session = this.delegate;
		return (session != null) ? session.toString()
				: "AsyncSession[connecting, attempts=" + this.attemptCount + ", closed=" + this.closing + "]";
	}

}
