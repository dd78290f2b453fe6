package dev.asynccassandra.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import com.datastax.oss.driver.api.core.CqlSession;
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

	private final RequestLauncher launcher;

	private final CqlSession cqlSession;

	private final Statement<?> statement;

	private final RequestContext context;

	private final AtomicBoolean firstFetched = new AtomicBoolean();

	/**
	 * Creates a fetcher.
	 * @param launcher launches every page
	 * @param cqlSession the driver session
	 * @param statement the streamed statement, with its page size and per-page timeout
	 * already set
	 * @param context the executor, per-page timeout and statement name
	 */
	StreamPageFetcher(RequestLauncher launcher, CqlSession cqlSession, Statement<?> statement, RequestContext context) {
		this.launcher = launcher;
		this.cqlSession = cqlSession;
		this.statement = statement;
		this.context = context;
	}

	@Override
	public CompletableFuture<AsyncResultSet> fetch(@Nullable ByteBuffer pagingState) {
		Statement<?> page = (pagingState != null) ? this.statement.setPagingState(pagingState) : this.statement;
		OperationKind kind = this.firstFetched.compareAndSet(false, true) ? OperationKind.STREAM : OperationKind.PAGE;
		return this.launcher.launchNested(kind, this.context, this.cqlSession::executeAsync, page, Function.identity());
	}

}
