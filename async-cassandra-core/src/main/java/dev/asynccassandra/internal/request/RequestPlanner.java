package dev.asynccassandra.internal.request;

import java.time.Duration;
import java.util.concurrent.Executor;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfig;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.asynccassandra.api.QueryOptions;
import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.internal.context.CallerContext;
import dev.asynccassandra.internal.context.ContextCapture;
import org.jspecify.annotations.Nullable;

/**
 * Turns a call (a statement and its options) into a planned request: the statement as the
 * driver receives it, and the {@link RequestContext} the request carries. The only place
 * where a request's timeout is resolved, in this order: per call, else the statement's,
 * else the session's default ({@code async-cassandra.request.timeout}), else the
 * {@code basic.request.timeout} of the statement's execution profile.
 */
final class RequestPlanner {

	/** How often {@link #refreshDefaultProfileTimeout()} runs. */
	static final Duration REFRESH_PERIOD = Duration.ofSeconds(1);

	private final DriverConfig config;

	private final @Nullable Duration defaultTimeout;

	private final Executor defaultExecutor;

	private final ContextCapture contextCapture;

	/**
	 * The default profile's {@code basic.request.timeout}, read once per
	 * {@link #REFRESH_PERIOD} instead of once per request (each read of a driver option
	 * allocates).
	 */
	private volatile Duration defaultProfileTimeout;

	/**
	 * The context of most requests (default executor, default timeout, no statement
	 * name): made once, so such requests allocate none.
	 */
	private final RequestContext defaultContext;

	/**
	 * Creates a planner.
	 * @param config the driver's configuration, for the profiles' request timeouts
	 * @param defaultTimeout the session's default timeout, or {@code null} for the
	 * profile's
	 * @param defaultExecutor completes the requests whose call names no executor
	 * @param contextCapture captures the caller's context of each request
	 */
	RequestPlanner(DriverConfig config, @Nullable Duration defaultTimeout, Executor defaultExecutor,
			ContextCapture contextCapture) {
		this.config = config;
		this.defaultTimeout = defaultTimeout;
		this.defaultExecutor = defaultExecutor;
		this.contextCapture = contextCapture;
		this.defaultProfileTimeout = readDefaultProfileTimeout();
		this.defaultContext = new RequestContext(defaultExecutor,
				(defaultTimeout != null) ? defaultTimeout : this.defaultProfileTimeout, null, CallerContext.NONE);
	}

	/**
	 * Plans an execution or a batch. The resolved timeout is set on the statement unless
	 * the driver resolves the same one from the statement as it is (nothing per call, on
	 * the statement or per session: the execution profile's, which the driver reads
	 * itself); statements are immutable, so this makes a copy only when anything changes.
	 * @param statement the statement of the call
	 * @param options the call's options
	 * @return the statement to send and the request's context
	 */
	Plan<Statement<?>> plan(Statement<?> statement, QueryOptions options) {
		Duration timeout = timeoutFor(options.timeout(), statement);
		boolean driverResolvesSameTimeout = options.timeout() == null && statement.getTimeout() == null
				&& this.defaultTimeout == null;
		Statement<?> planned = driverResolvesSameTimeout ? statement : withTimeout(statement, timeout);
		planned = withOptions(planned, options);
		return new Plan<>(planned, contextFor(options, timeout));
	}

	/**
	 * Plans a preparation. The driver ignores a preparation's own timeout (its profile's
	 * bounds it), but the statement still carries the resolved one, the same for every
	 * preparation of the same query, so that concurrent preparations share one round
	 * trip.
	 * @param cql the query to prepare
	 * @param options the call's options
	 * @return the preparation request and its context
	 */
	Plan<SimpleStatement> planPreparation(String cql, QueryOptions options) {
		SimpleStatement statement = SimpleStatement.newInstance(cql);
		Duration timeout = timeoutFor(options.timeout(), statement);
		return new Plan<>(statement.setTimeout(timeout), contextFor(options, timeout));
	}

	/**
	 * Plans the page requests of a row stream: each page is bounded by the resolved
	 * per-page timeout (set on the statement) and has the stream's page size; pages
	 * complete on the session's default executor. No caller's context: a page's
	 * completion runs no user code (the stream's signals restore the subscriber's
	 * context).
	 * @param statement the streamed statement
	 * @param options the stream's options
	 * @return the statement of the first page and the context of every page
	 */
	Plan<Statement<?>> planStream(Statement<?> statement, StreamOptions options) {
		Duration pageTimeout = timeoutFor(options.pageTimeout(), statement);
		Statement<?> planned = withTimeout(statement, pageTimeout);
		if (options.pageSize() > 0) {
			planned = planned.setPageSize(options.pageSize());
		}
		return new Plan<>(planned,
				new RequestContext(this.defaultExecutor, pageTimeout, options.statementName(), CallerContext.NONE));
	}

	/**
	 * The timeout of a request: per call, else the statement's, else the session's
	 * default, else the {@code basic.request.timeout} of the statement's execution
	 * profile.
	 */
	Duration timeoutFor(@Nullable Duration perCall, Statement<?> statement) {
		if (perCall != null) {
			return perCall;
		}
		Duration own = statement.getTimeout();
		if (own != null) {
			return own;
		}
		if (this.defaultTimeout != null) {
			return this.defaultTimeout;
		}
		DriverExecutionProfile profile = statement.getExecutionProfile();
		String profileName = statement.getExecutionProfileName();
		if (profile == null && profileName != null) {
			profile = this.config.getProfile(profileName);
		}
		if (profile == null) {
			return this.defaultProfileTimeout;
		}
		return profile.getDuration(DefaultDriverOption.REQUEST_TIMEOUT);
	}

	/**
	 * Reads the default profile's request timeout again: the driver can reload its
	 * configuration while the session runs, so the launcher calls this every
	 * {@link #REFRESH_PERIOD}. A configuration that cannot be read keeps the last value.
	 */
	void refreshDefaultProfileTimeout() {
		try {
			this.defaultProfileTimeout = readDefaultProfileTimeout();
		}
		catch (RuntimeException ex) {
			// The driver reports a broken configuration itself; requests keep the last
			// timeout that could be read.
		}
	}

	private Duration readDefaultProfileTimeout() {
		return this.config.getDefaultProfile().getDuration(DefaultDriverOption.REQUEST_TIMEOUT);
	}

	private RequestContext contextFor(QueryOptions options, Duration timeout) {
		Executor perCall = options.executor();
		Executor executor = (perCall != null) ? perCall : this.defaultExecutor;
		String statementName = options.statementName();
		CallerContext caller = this.contextCapture.capture();
		RequestContext common = this.defaultContext;
		if (caller == CallerContext.NONE && executor == common.executor() && statementName == null
				&& timeout.equals(common.timeout())) {
			return common;
		}
		return new RequestContext(executor, timeout, statementName, caller);
	}

	/**
	 * The context of a result's next page: the first request's, with the context of the
	 * thread that asks for the page.
	 * @param first what the first request carried
	 * @return what the page's request carries
	 */
	RequestContext nextPage(RequestContext first) {
		return first.withCaller(this.contextCapture.capture());
	}

	private static Statement<?> withTimeout(Statement<?> statement, Duration timeout) {
		return timeout.equals(statement.getTimeout()) ? statement : statement.setTimeout(timeout);
	}

	private static Statement<?> withOptions(Statement<?> statement, QueryOptions options) {
		Statement<?> result = statement;
		if (options.consistencyLevel() != null) {
			result = result.setConsistencyLevel(options.consistencyLevel());
		}
		if (options.serialConsistencyLevel() != null) {
			result = result.setSerialConsistencyLevel(options.serialConsistencyLevel());
		}
		if (options.pageSize() != null) {
			result = result.setPageSize(options.pageSize());
		}
		if (options.idempotent() != null) {
			result = result.setIdempotent(options.idempotent());
		}
		if (options.tracing() != null) {
			result = result.setTracing(options.tracing());
		}
		return result;
	}

	/**
	 * A planned request.
	 *
	 * @param <S> what the driver call takes
	 * @param statement what the driver receives
	 * @param context what the request carries
	 */
	record Plan<S>(S statement, RequestContext context) {

	}

}
