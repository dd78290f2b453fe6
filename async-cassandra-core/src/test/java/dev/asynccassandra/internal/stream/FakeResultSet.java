package dev.asynccassandra.internal.stream;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletionStage;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.ColumnDefinitions;
import com.datastax.oss.driver.api.core.cql.ExecutionInfo;
import com.datastax.oss.driver.api.core.cql.Row;
import org.jspecify.annotations.Nullable;

/**
 * A page for tests. Like the driver's, {@link #currentPage()} consumes the rows; its
 * iterator refers to the page, so a weak reference to the page tells whether anything
 * still holds its rows. {@link #fetchNextPage()} fails: the engine must go through the
 * fetcher.
 */
final class FakeResultSet implements AsyncResultSet {

	private final ArrayDeque<Row> rows;

	private final @Nullable ByteBuffer pagingState;

	/** Weight, so that a leak of pages shows in memory too. */
	@SuppressWarnings("unused")
	private final byte[] payload = new byte[1024];

	FakeResultSet(List<Row> rows, @Nullable ByteBuffer pagingState) {
		this.rows = new ArrayDeque<>(rows);
		this.pagingState = pagingState;
	}

	@Override
	public ColumnDefinitions getColumnDefinitions() {
		throw new UnsupportedOperationException();
	}

	@Override
	public ExecutionInfo getExecutionInfo() {
		ByteBuffer state = this.pagingState;
		return (ExecutionInfo) Proxy.newProxyInstance(ExecutionInfo.class.getClassLoader(),
				new Class<?>[] { ExecutionInfo.class }, (proxy, method, arguments) -> switch (method.getName()) {
					case "getPagingState" -> (state != null) ? state.duplicate() : null;
					case "getSafePagingState" -> null;
					case "toString" -> "FakeExecutionInfo";
					default -> throw new UnsupportedOperationException(method.getName());
				});
	}

	@Override
	public int remaining() {
		return this.rows.size();
	}

	@Override
	public Iterable<Row> currentPage() {
		return () -> new Iterator<>() {

			@Override
			public boolean hasNext() {
				return !FakeResultSet.this.rows.isEmpty();
			}

			@Override
			public Row next() {
				return FakeResultSet.this.rows.remove();
			}

		};
	}

	@Override
	public boolean hasMorePages() {
		return this.pagingState != null;
	}

	@Override
	public CompletionStage<AsyncResultSet> fetchNextPage() {
		throw new UnsupportedOperationException("The engine must fetch every page through its PageFetcher");
	}

	@Override
	public boolean wasApplied() {
		return true;
	}

}
