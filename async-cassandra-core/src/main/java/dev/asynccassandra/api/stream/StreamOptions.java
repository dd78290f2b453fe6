package dev.asynccassandra.api.stream;

import java.nio.ByteBuffer;
import java.time.Duration;

import com.datastax.oss.driver.api.core.cql.PagingState;
import org.jspecify.annotations.Nullable;

/**
 * Immutable options of a row stream. Create them with {@link #builder()}; every option
 * not set keeps the value of the matching {@code DEFAULT_*} constant.
 * <p>
 * Limits end the stream normally: when {@link #maxRows()} rows or {@link #maxPages()}
 * pages were delivered, the subscriber receives {@code onComplete}, exactly at the limit,
 * and no page beyond it is requested.
 *
 * @since 0.1.0
 */
public final class StreamOptions {

	/**
	 * Value of {@link #maxPages()} and {@link #maxRows()} that sets no limit.
	 */
	public static final long UNLIMITED = Long.MAX_VALUE;

	/**
	 * Default {@link #prefetchPages()}: one page being delivered and one being fetched.
	 */
	public static final int DEFAULT_PREFETCH_PAGES = 2;

	/**
	 * Smallest accepted {@link #prefetchPages()}.
	 */
	public static final int MIN_PREFETCH_PAGES = 1;

	/**
	 * Default {@link #pageSize()}: {@code 0}, the driver's configured page size
	 * ({@code basic.request.page-size}).
	 */
	public static final int DEFAULT_PAGE_SIZE = 0;

	/**
	 * Default {@link #maxPages()}: {@link #UNLIMITED}.
	 */
	public static final long DEFAULT_MAX_PAGES = UNLIMITED;

	/**
	 * Default {@link #maxRows()}: {@link #UNLIMITED}.
	 */
	public static final long DEFAULT_MAX_ROWS = UNLIMITED;

	/**
	 * Default {@link #pageTimeout()}: {@code null}, the session's request timeout.
	 */
	public static final @Nullable Duration DEFAULT_PAGE_TIMEOUT = null;

	private static final StreamOptions DEFAULTS = new Builder().build();

	private final int prefetchPages;

	private final int pageSize;

	private final long maxPages;

	private final long maxRows;

	private final @Nullable Duration pageTimeout;

	private final @Nullable StreamProgressListener progressListener;

	private final @Nullable ByteBuffer startingPagingState;

	private final @Nullable String statementName;

	private StreamOptions(Builder builder) {
		this.prefetchPages = builder.prefetchPages;
		this.pageSize = builder.pageSize;
		this.maxPages = builder.maxPages;
		this.maxRows = builder.maxRows;
		this.pageTimeout = builder.pageTimeout;
		this.progressListener = builder.progressListener;
		this.startingPagingState = builder.startingPagingState;
		this.statementName = builder.statementName;
	}

	/**
	 * Options with every default value.
	 * @return the default options
	 */
	public static StreamOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * A builder holding the default values.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A builder holding the values of these options.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Most pages held at once, counting the page being delivered, pages received and not
	 * yet delivered, and the page being fetched.
	 * @return the prefetch, at least {@link #MIN_PREFETCH_PAGES}
	 */
	public int prefetchPages() {
		return this.prefetchPages;
	}

	/**
	 * Rows per page asked of Cassandra, or {@code 0} for the driver's configured page
	 * size.
	 * @return the page size hint
	 */
	public int pageSize() {
		return this.pageSize;
	}

	/**
	 * Most pages the stream delivers before it completes normally.
	 * @return the page limit, or {@link #UNLIMITED}
	 */
	public long maxPages() {
		return this.maxPages;
	}

	/**
	 * Most rows the stream delivers before it completes normally.
	 * @return the row limit, or {@link #UNLIMITED}
	 */
	public long maxRows() {
		return this.maxRows;
	}

	/**
	 * Bound on the request of each page, applied by the session to every page it fetches
	 * for the stream: when it expires, the page's request is cancelled and the stream
	 * fails with the session's timeout exception.
	 * @return the per-page timeout, or {@code null} for the session's request timeout
	 */
	public @Nullable Duration pageTimeout() {
		return this.pageTimeout;
	}

	/**
	 * Listener told about each page delivered in full.
	 * @return the listener, or {@code null} if none
	 */
	public @Nullable StreamProgressListener progressListener() {
		return this.progressListener;
	}

	/**
	 * Paging state the stream starts from, as saved from a {@link StreamProgress}.
	 * @return a read-only view of the paging state, or {@code null} to start at the first
	 * page
	 */
	public @Nullable ByteBuffer startingPagingState() {
		return (this.startingPagingState != null) ? this.startingPagingState.asReadOnlyBuffer() : null;
	}

	/**
	 * Logical name of the statement, reported in the query events of the stream's pages
	 * (and so in the stream and page timers' {@code statement} tag) like
	 * {@code QueryOptions.statementName()}; never sent to Cassandra.
	 * @return the name, or {@code null}
	 */
	public @Nullable String statementName() {
		return this.statementName;
	}

	@Override
	public String toString() {
		return "StreamOptions[prefetchPages=" + this.prefetchPages + ", pageSize=" + this.pageSize + ", maxPages="
				+ this.maxPages + ", maxRows=" + this.maxRows + ", pageTimeout=" + this.pageTimeout
				+ ", progressListener=" + (this.progressListener != null) + ", resumed="
				+ (this.startingPagingState != null) + ", statementName=" + this.statementName + "]";
	}

	/**
	 * Builder of {@link StreamOptions}. Not thread-safe.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private int prefetchPages = DEFAULT_PREFETCH_PAGES;

		private int pageSize = DEFAULT_PAGE_SIZE;

		private long maxPages = DEFAULT_MAX_PAGES;

		private long maxRows = DEFAULT_MAX_ROWS;

		private @Nullable Duration pageTimeout = DEFAULT_PAGE_TIMEOUT;

		private @Nullable StreamProgressListener progressListener;

		private @Nullable ByteBuffer startingPagingState;

		private @Nullable String statementName;

		private Builder() {
		}

		private Builder(StreamOptions options) {
			this.prefetchPages = options.prefetchPages;
			this.pageSize = options.pageSize;
			this.maxPages = options.maxPages;
			this.maxRows = options.maxRows;
			this.pageTimeout = options.pageTimeout;
			this.progressListener = options.progressListener;
			this.startingPagingState = options.startingPagingState;
			this.statementName = options.statementName;
		}

		/**
		 * Sets the logical statement name reported in the query events of the stream's
		 * pages, with the same rules as {@code QueryOptions.Builder.statementName}.
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
		 * Sets the most pages held at once.
		 * @param prefetchPages at least {@link #MIN_PREFETCH_PAGES}
		 * @return this builder
		 * @throws IllegalArgumentException if the value is too small
		 */
		public Builder prefetchPages(int prefetchPages) {
			requireAtLeast("prefetchPages", prefetchPages, MIN_PREFETCH_PAGES);
			this.prefetchPages = prefetchPages;
			return this;
		}

		/**
		 * Sets the rows per page asked of Cassandra.
		 * @param pageSize a positive size, or {@code 0} for the driver's configured size
		 * @return this builder
		 * @throws IllegalArgumentException if the value is negative
		 */
		public Builder pageSize(int pageSize) {
			requireAtLeast("pageSize", pageSize, 0);
			this.pageSize = pageSize;
			return this;
		}

		/**
		 * Sets the most pages delivered.
		 * @param maxPages a positive limit, or {@link #UNLIMITED}
		 * @return this builder
		 * @throws IllegalArgumentException if the value is not positive
		 */
		public Builder maxPages(long maxPages) {
			requireAtLeast("maxPages", maxPages, 1);
			this.maxPages = maxPages;
			return this;
		}

		/**
		 * Sets the most rows delivered.
		 * @param maxRows a positive limit, or {@link #UNLIMITED}
		 * @return this builder
		 * @throws IllegalArgumentException if the value is not positive
		 */
		public Builder maxRows(long maxRows) {
			requireAtLeast("maxRows", maxRows, 1);
			this.maxRows = maxRows;
			return this;
		}

		/**
		 * Sets the bound on the request of each page.
		 * @param pageTimeout a positive duration, or {@code null} for the session's
		 * request timeout
		 * @return this builder
		 * @throws IllegalArgumentException if the duration is zero or negative
		 */
		public Builder pageTimeout(@Nullable Duration pageTimeout) {
			if (pageTimeout != null && (pageTimeout.isZero() || pageTimeout.isNegative())) {
				throw new IllegalArgumentException("'pageTimeout' must be positive");
			}
			this.pageTimeout = pageTimeout;
			return this;
		}

		/**
		 * Sets the listener told about each page delivered in full.
		 * @param progressListener the listener, or {@code null} for none
		 * @return this builder
		 */
		public Builder progressListener(@Nullable StreamProgressListener progressListener) {
			this.progressListener = progressListener;
			return this;
		}

		/**
		 * Sets the paging state to start from, as saved from
		 * {@link StreamProgress#pagingState()}. The bytes are copied.
		 * @param pagingState the paging state, or {@code null} to start at the first page
		 * @return this builder
		 */
		public Builder startingPagingState(@Nullable ByteBuffer pagingState) {
			this.startingPagingState = (pagingState != null) ? copyOf(pagingState) : null;
			return this;
		}

		/**
		 * Sets the paging state to start from, as saved from
		 * {@link StreamProgress#safePagingState()}. The raw bytes are copied; checking
		 * that the state belongs to the streamed statement is left to the session.
		 * @param pagingState the paging state, or {@code null} to start at the first page
		 * @return this builder
		 */
		public Builder startingPagingState(@Nullable PagingState pagingState) {
			return startingPagingState((pagingState != null) ? pagingState.getRawPagingState() : null);
		}

		/**
		 * Builds the options.
		 * @return immutable options
		 */
		public StreamOptions build() {
			return new StreamOptions(this);
		}

		private static ByteBuffer copyOf(ByteBuffer source) {
			ByteBuffer copy = ByteBuffer.allocate(source.remaining());
			copy.put(source.duplicate());
			copy.flip();
			return copy.asReadOnlyBuffer();
		}

		private static void requireAtLeast(String name, long value, long minimum) {
			if (value < minimum) {
				throw new IllegalArgumentException("'" + name + "' must be at least " + minimum + ", was " + value);
			}
		}

	}

}
