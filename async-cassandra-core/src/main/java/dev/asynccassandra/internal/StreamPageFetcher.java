package dev.asynccassandra.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.asynccassandra.api.event.QueryEvent.OperationKind;
import dev.asynccassandra.internal.stream.PageFetcher;
import org.jspecify.annotations.Nullable;

/**
 * Fetches each page of a row stream through the session's {@link RequestLauncher}, so
 * every page gets the guarantees of {@code execute}: completion on the session's
 * executor, the per-page timeout and its backstop, cancellation of the driver request,
 * unwrapped driver exceptions and one query event ({@link OperationKind#STREAM} for the
 * stream's first page, {@link OperationKind#PAGE} for the next ones).
 * <p>
 * Pages are launched as nested requests: the stream holds a slot while it is open, and
 * each page request holds one more while it loads, so a graceful close lets an open
 * stream fetch its remaining pages.
 */
final class StreamPageFetcher implements PageFetcher {

	private final Function<Statement<?>, CompletionStage<AsyncResultSet>> execute;

	private final Statement<?> statement;

	private final RequestContext context;

	private final AtomicBoolean firstFetched = new AtomicBoolean();

	/**
	 * Creates a fetcher.
	 * @param execute the session's driver call, made once per session
	 * @param statement the streamed statement, with its page size and per-page timeout
	 * already set
	 * @param context the launcher, executor, per-page timeout and statement name
	 */
	StreamPageFetcher(Function<Statement<?>, CompletionStage<AsyncResultSet>> execute, Statement<?> statement,
			RequestContext context) {
		this.execute = execute;
		this.statement = statement;
		this.context = context;
	}

	@Override
	public CompletableFuture<AsyncResultSet> fetch(@Nullable ByteBuffer pagingState) {
		Statement<?> page = (pagingState != null) ? this.statement.setPagingState(pagingState) : this.statement;
		Operation<AsyncResultSet, AsyncResultSet> operation = this.firstFetched.compareAndSet(false, true)
				? Operation.STREAM_FIRST_PAGE : Operation.STREAM_PAGE;
		return this.context.launcher().launchNested(operation, this.context, this.execute, page);
	}

}
