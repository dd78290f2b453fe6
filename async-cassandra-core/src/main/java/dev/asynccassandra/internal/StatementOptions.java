package dev.asynccassandra.internal;

import java.time.Duration;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfig;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.asynccassandra.api.QueryOptions;
import org.jspecify.annotations.Nullable;

/**
 * Resolves a request's timeout and applies per-call {@link QueryOptions} to a statement.
 */
final class StatementOptions {

	private final DriverConfig config;

	private final @Nullable Duration defaultTimeout;

	/**
	 * The default profile's {@code basic.request.timeout}, read once per
	 * {@link #REFRESH_PERIOD} instead of once per request (each read of a driver option
	 * allocates).
	 */
	private volatile Duration defaultProfileTimeout;

	/** How often {@link #refreshDefaultProfileTimeout()} runs. */
	static final Duration REFRESH_PERIOD = Duration.ofSeconds(1);

	StatementOptions(DriverConfig config, @Nullable Duration defaultTimeout) {
		this.config = config;
		this.defaultTimeout = defaultTimeout;
		this.defaultProfileTimeout = readDefaultProfileTimeout();
	}

	/**
	 * Reads the default profile's request timeout again: the driver can reload its
	 * configuration while the session runs, so the session calls this every
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
	 * Whether the driver, given the statement as it is, resolves the same timeout as
	 * {@link #timeoutFor(Duration, Statement)}: nothing per call, none on the statement
	 * and no session default leave the execution profile's {@code basic.request.timeout},
	 * which the driver reads itself; the statement then needs no copy to carry it.
	 */
	boolean driverResolvesSameTimeout(@Nullable Duration perCall, Statement<?> statement) {
		return perCall == null && statement.getTimeout() == null && this.defaultTimeout == null;
	}

	/**
	 * The timeout of a request without a statement (a preparation): per call, else the
	 * session's default, else the default profile's {@code basic.request.timeout}.
	 */
	Duration timeoutFor(@Nullable Duration perCall) {
		if (perCall != null) {
			return perCall;
		}
		return (this.defaultTimeout != null) ? this.defaultTimeout : this.defaultProfileTimeout;
	}

	/**
	 * Applies the options and the resolved timeout; statements are immutable, so this
	 * returns a copy when anything changes.
	 * @param timeout the timeout to set, or {@code null} when the driver resolves the
	 * same one from the statement as it is
	 */
	static Statement<?> apply(Statement<?> statement, QueryOptions options, @Nullable Duration timeout) {
		Statement<?> result = statement;
		if (timeout != null && !timeout.equals(result.getTimeout())) {
			result = result.setTimeout(timeout);
		}
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

}
