package dev.asynccassandra.internal.request;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.asynccassandra.api.event.QueryEvent.OperationKind;
import dev.asynccassandra.internal.stream.PageFetcher;
import org.jspecify.annotations.Nullable;

/**
 * Fetches each page of a row stream through the {@link RequestOwner} that planned the
 * stream, so every page gets the guarantees of {@code execute}: completion on the
 * session's executor, the per-page timeout and its backstop, cancellation of the driver
 * request, unwrapped driver exceptions and one query event ({@link OperationKind#STREAM}
 * for the stream's first page, {@link OperationKind#PAGE} for the next ones).
 * <p>
 * Pages are launched as nested requests: the stream holds a slot while it is open, and
 * each page request holds one more while it loads, so a graceful close lets an open
 * stream fetch its remaining pages.
 */
final class StreamPageFetcher implements PageFetcher {

	private final RequestOwner owner;

	private final Statement<?> statement;

	private final RequestContext context;

	private final AtomicBoolean firstFetched = new AtomicBoolean();

	/**
	 * Creates a fetcher.
	 * @param owner starts the page requests
	 * @param statement the streamed statement, with its page size and per-page timeout
	 * already set
	 * @param context the executor, per-page timeout and statement name
	 */
	StreamPageFetcher(RequestOwner owner, Statement<?> statement, RequestContext context) {
		this.owner = owner;
		this.statement = statement;
		this.context = context;
	}

	@Override
	public CompletableFuture<AsyncResultSet> fetch(@Nullable ByteBuffer pagingState) {
		Statement<?> page = (pagingState != null) ? this.statement.setPagingState(pagingState) : this.statement;
		return this.owner.fetchStreamPage(this.firstFetched.compareAndSet(false, true), page, this.context);
	}

}
