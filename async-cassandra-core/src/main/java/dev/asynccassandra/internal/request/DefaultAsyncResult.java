package dev.asynccassandra.internal.request;

import java.util.concurrent.CompletableFuture;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.ColumnDefinitions;
import com.datastax.oss.driver.api.core.cql.ExecutionInfo;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.asynccassandra.api.AsyncResult;
import org.jspecify.annotations.Nullable;

/**
 * An {@link AsyncResult} over one driver page; fetches the next page through the
 * {@link RequestOwner} of the request that returned it, with that request's context.
 */
final class DefaultAsyncResult implements AsyncResult {

	private final AsyncResultSet resultSet;

	private final RequestOwner owner;

	private final RequestContext context;

	DefaultAsyncResult(AsyncResultSet resultSet, RequestOwner owner, RequestContext context) {
		this.resultSet = resultSet;
		this.owner = owner;
		this.context = context;
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
		return this.owner.fetchNextPage(this.resultSet, this.context);
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
