package dev.asynccassandra.api;

import java.time.Duration;
import java.util.concurrent.Executor;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import org.jspecify.annotations.Nullable;

/**
 * Per-call options of an {@link AsyncSession} request. Immutable and thread-safe; build
 * one with {@link #builder()} and reuse it freely.
 * <p>
 * Every option is unset in {@link #defaults()}; an unset option keeps what the statement
 * already says, or else the session's default (timeout and executor) or the driver's
 * execution profile (consistency, serial consistency, page size, idempotence, tracing).
 *
 * @since 0.1.0
 */
public final class QueryOptions {

	private static final QueryOptions DEFAULTS = new Builder().build();

	private final @Nullable Duration timeout;

	private final @Nullable ConsistencyLevel consistencyLevel;

	private final @Nullable ConsistencyLevel serialConsistencyLevel;

	private final @Nullable Integer pageSize;

	private final @Nullable Boolean idempotent;

	private final @Nullable Boolean tracing;

	private final @Nullable Executor executor;

	private final @Nullable String statementName;

	private QueryOptions(Builder builder) {
		this.timeout = builder.timeout;
		this.consistencyLevel = builder.consistencyLevel;
		this.serialConsistencyLevel = builder.serialConsistencyLevel;
		this.pageSize = builder.pageSize;
		this.idempotent = builder.idempotent;
		this.tracing = builder.tracing;
		this.executor = builder.executor;
		this.statementName = builder.statementName;
	}

	/**
	 * Options that override nothing.
	 * @return the default options
	 */
	public static QueryOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Starts options with nothing set.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts a builder holding these options.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		Builder builder = new Builder();
		builder.timeout = this.timeout;
		builder.consistencyLevel = this.consistencyLevel;
		builder.serialConsistencyLevel = this.serialConsistencyLevel;
		builder.pageSize = this.pageSize;
		builder.idempotent = this.idempotent;
		builder.tracing = this.tracing;
		builder.executor = this.executor;
		builder.statementName = this.statementName;
		return builder;
	}

	/**
	 * Bound on the whole request, retries included; also given to the driver as the
	 * statement's timeout.
	 * @return the timeout, or {@code null} for the statement's own, else the session's
	 * default
	 */
	public @Nullable Duration timeout() {
		return this.timeout;
	}

	/**
	 * Consistency level of the request.
	 * @return the level, or {@code null} to keep the statement's or profile's
	 */
	public @Nullable ConsistencyLevel consistencyLevel() {
		return this.consistencyLevel;
	}

	/**
	 * Serial consistency level for lightweight transactions.
	 * @return the level, or {@code null} to keep the statement's or profile's
	 */
	public @Nullable ConsistencyLevel serialConsistencyLevel() {
		return this.serialConsistencyLevel;
	}

	/**
	 * Rows per page.
	 * @return the page size, or {@code null} to keep the statement's or profile's
	 */
	public @Nullable Integer pageSize() {
		return this.pageSize;
	}

	/**
	 * Whether the request is idempotent (may be retried or speculatively executed).
	 * @return the idempotence, or {@code null} to keep the statement's or profile's
	 */
	public @Nullable Boolean idempotent() {
		return this.idempotent;
	}

	/**
	 * Whether the request is traced by the server.
	 * @return the tracing flag, or {@code null} to keep the statement's
	 */
	public @Nullable Boolean tracing() {
		return this.tracing;
	}

	/**
	 * Executor that completes the returned future (and those of follow-up pages).
	 * @return the executor, or {@code null} for the session's default
	 */
	public @Nullable Executor executor() {
		return this.executor;
	}

	/**
	 * Logical name of the statement, reported in query events for metrics; never sent to
	 * the server.
	 * @return the name, or {@code null}
	 */
	public @Nullable String statementName() {
		return this.statementName;
	}

	@Override
	public String toString() {
		return "QueryOptions[timeout=" + this.timeout + ", consistencyLevel=" + this.consistencyLevel
				+ ", serialConsistencyLevel=" + this.serialConsistencyLevel + ", pageSize=" + this.pageSize
				+ ", idempotent=" + this.idempotent + ", tracing=" + this.tracing + ", executor=" + this.executor
				+ ", statementName=" + this.statementName + "]";
	}

	/**
	 * Builds {@link QueryOptions}. Not thread-safe.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private @Nullable Duration timeout;

		private @Nullable ConsistencyLevel consistencyLevel;

		private @Nullable ConsistencyLevel serialConsistencyLevel;

		private @Nullable Integer pageSize;

		private @Nullable Boolean idempotent;

		private @Nullable Boolean tracing;

		private @Nullable Executor executor;

		private @Nullable String statementName;

		private Builder() {
		}

		/**
		 * Sets the timeout.
		 * @param timeout a positive duration, or {@code null} to unset
		 * @return this builder
		 * @throws IllegalArgumentException if the timeout is zero or negative
		 */
		public Builder timeout(@Nullable Duration timeout) {
			if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
				throw new IllegalArgumentException("'timeout' must be positive, was " + timeout);
			}
			this.timeout = timeout;
			return this;
		}

		/**
		 * Sets the consistency level.
		 * @param consistencyLevel the level, or {@code null} to unset
		 * @return this builder
		 */
		public Builder consistencyLevel(@Nullable ConsistencyLevel consistencyLevel) {
			this.consistencyLevel = consistencyLevel;
			return this;
		}

		/**
		 * Sets the serial consistency level.
		 * @param serialConsistencyLevel the level, or {@code null} to unset
		 * @return this builder
		 */
		public Builder serialConsistencyLevel(@Nullable ConsistencyLevel serialConsistencyLevel) {
			this.serialConsistencyLevel = serialConsistencyLevel;
			return this;
		}

		/**
		 * Sets the page size.
		 * @param pageSize a positive number of rows, or {@code null} to unset
		 * @return this builder
		 * @throws IllegalArgumentException if the page size is zero or negative
		 */
		public Builder pageSize(@Nullable Integer pageSize) {
			if (pageSize != null && pageSize <= 0) {
				throw new IllegalArgumentException("'pageSize' must be positive, was " + pageSize);
			}
			this.pageSize = pageSize;
			return this;
		}

		/**
		 * Sets the idempotence.
		 * @param idempotent the idempotence, or {@code null} to unset
		 * @return this builder
		 */
		public Builder idempotent(@Nullable Boolean idempotent) {
			this.idempotent = idempotent;
			return this;
		}

		/**
		 * Sets tracing.
		 * @param tracing whether to trace, or {@code null} to unset
		 * @return this builder
		 */
		public Builder tracing(@Nullable Boolean tracing) {
			this.tracing = tracing;
			return this;
		}

		/**
		 * Sets the executor that completes the returned future. It is captured when the
		 * call is made.
		 * @param executor the executor, or {@code null} for the session's default
		 * @return this builder
		 */
		public Builder executor(@Nullable Executor executor) {
			this.executor = executor;
			return this;
		}

		/**
		 * Sets the logical statement name reported in query events.
		 * @param statementName a non-blank name, or {@code null} to unset
		 * @return this builder
		 * @throws IllegalArgumentException if the name is blank
		 */
		public Builder statementName(@Nullable String statementName) {
			if (statementName != null && statementName.isBlank()) {
				throw new IllegalArgumentException("'statementName' must not be blank");
			}
			this.statementName = statementName;
			return this;
		}

		/**
		 * Builds the options.
		 * @return the immutable options
		 */
		public QueryOptions build() {
			return new QueryOptions(this);
		}

	}

}
