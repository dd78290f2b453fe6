package dev.asynccassandra.internal;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.ColumnDefinitions;
import com.datastax.oss.driver.api.core.cql.ExecutionInfo;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.asynccassandra.api.AsyncResult;
import dev.asynccassandra.api.event.QueryEvent.OperationKind;
import org.jspecify.annotations.Nullable;

/**
 * An {@link AsyncResult} over one driver page; fetches the next page through the
 * session's {@link RequestLauncher} with the context of the original request.
 */
final class DefaultAsyncResult implements AsyncResult {

	private final AsyncResultSet resultSet;

	private final RequestLauncher launcher;

	private final RequestContext context;

	private final int initialRowCount;

	DefaultAsyncResult(AsyncResultSet resultSet, RequestLauncher launcher, RequestContext context) {
		this.resultSet = resultSet;
		this.launcher = launcher;
		this.context = context;
		this.initialRowCount = resultSet.remaining();
	}

	static Function<AsyncResultSet, AsyncResult> adapter(RequestLauncher launcher, RequestContext context) {
		return (resultSet) -> new DefaultAsyncResult(resultSet, launcher, context);
	}

	int initialRowCount() {
		return this.initialRowCount;
	}

	@Override
	public Iterable<Row> currentPage() {
		return this.resultSet.currentPage();
	}

	@Override
	public int remaining() {
		return this.resultSet.remaining();
	}

	@Override
	public @Nullable Row one() {
		return this.resultSet.one();
	}

	@Override
	public boolean hasMorePages() {
		return this.resultSet.hasMorePages();
	}

	@Override
	public CompletableFuture<AsyncResult> fetchNextPage() {
		if (!this.resultSet.hasMorePages()) {
			throw new IllegalStateException("No more pages; check hasMorePages() first");
		}
		return this.launcher.launch(OperationKind.PAGE, this.context, AsyncResultSet::fetchNextPage, this.resultSet,
				adapter(this.launcher, this.context));
	}

	@Override
	public boolean wasApplied() {
		return this.resultSet.wasApplied();
	}

	@Override
	public ExecutionInfo executionInfo() {
		return this.resultSet.getExecutionInfo();
	}

	@Override
	public ColumnDefinitions columnDefinitions() {
		return this.resultSet.getColumnDefinitions();
	}

	@Override
	public String toString() {
		return "AsyncResult[remaining=" + remaining() + ", hasMorePages=" + hasMorePages() + "]";
	}

}
