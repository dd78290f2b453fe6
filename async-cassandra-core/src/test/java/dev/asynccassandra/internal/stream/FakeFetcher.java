package dev.asynccassandra.internal.stream;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import org.jspecify.annotations.Nullable;

/**
 * A {@link PageFetcher} over the rows {@code 0..totalRows-1}, keyed by paging state (the
 * offset of the next row), like a session executing a statement with a paging state.
 */
final class FakeFetcher implements PageFetcher {

	enum Completion {

		/** The returned stage is already complete. */
		IMMEDIATE,

		/** The returned stage completes on an executor, as the session's does. */
		ASYNC,

		/** The test completes each stage with {@link #completeNext()}. */
		MANUAL

	}

	private final long totalRows;

	private final int pageSize;

	private final Completion completion;

	private final Executor completionExecutor;

	final AtomicInteger fetchCalls = new AtomicInteger();

	final Queue<Long> requestedOffsets = new ConcurrentLinkedQueue<>();

	final Queue<WeakReference<FakeResultSet>> createdPages = new ConcurrentLinkedQueue<>();

	private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();

	private volatile @Nullable CompletableFuture<AsyncResultSet> lastManualFuture;

	private volatile int failAtCall;

	private volatile Supplier<Throwable> failure = () -> new IllegalStateException("no failure configured");

	private volatile IntConsumer onFetch = (call) -> {
	};

	FakeFetcher(long totalRows, int pageSize, Completion completion, Executor completionExecutor) {
		this.totalRows = totalRows;
		this.pageSize = pageSize;
		this.completion = completion;
		this.completionExecutor = completionExecutor;
	}

	static FakeFetcher immediate(long totalRows, int pageSize) {
		return new FakeFetcher(totalRows, pageSize, Completion.IMMEDIATE, Runnable::run);
	}

	static FakeFetcher manual(long totalRows, int pageSize) {
		return new FakeFetcher(totalRows, pageSize, Completion.MANUAL, Runnable::run);
	}

	static FakeFetcher async(long totalRows, int pageSize, Executor completionExecutor) {
		return new FakeFetcher(totalRows, pageSize, Completion.ASYNC, completionExecutor);
	}

	/**
	 * Makes the given call (from 1) fail with the given failure.
	 */
	FakeFetcher failingAt(int call, Supplier<Throwable> failure) {
		this.failAtCall = call;
		this.failure = failure;
		return this;
	}

	FakeFetcher onFetch(IntConsumer onFetch) {
		this.onFetch = onFetch;
		return this;
	}

	@Override
	public CompletionStage<AsyncResultSet> fetch(@Nullable ByteBuffer pagingState) {
		int call = this.fetchCalls.incrementAndGet();
		long offset = (pagingState != null) ? pagingState.getLong(pagingState.position()) : 0;
		this.requestedOffsets.add(offset);
		this.onFetch.accept(call);
		boolean fails = call == this.failAtCall;
		return switch (this.completion) {
			case IMMEDIATE -> fails ? CompletableFuture.failedFuture(this.failure.get())
					: CompletableFuture.completedFuture(page(offset));
			case ASYNC -> CompletableFuture.supplyAsync(() -> {
				if (fails) {
					throw new java.util.concurrent.CompletionException(this.failure.get());
				}
				return page(offset);
			}, this.completionExecutor);
			case MANUAL -> {
				CompletableFuture<AsyncResultSet> future = new CompletableFuture<>();
				this.pending.add(new Pending(future, offset));
				this.lastManualFuture = future;
				yield future;
			}
		};
	}

	/**
	 * Completes the oldest pending stage with its page; returns whether there was one.
	 */
	boolean completeNext() {
		Pending next = this.pending.poll();
		if (next == null) {
			return false;
		}
		next.future().complete(page(next.offset()));
		return true;
	}

	/** Fails the oldest pending stage. */
	boolean failNext(Throwable error) {
		Pending next = this.pending.poll();
		if (next == null) {
			return false;
		}
		next.future().completeExceptionally(error);
		return true;
	}

	int pendingCount() {
		return this.pending.size();
	}

	@Nullable CompletableFuture<AsyncResultSet> lastManualFuture() {
		return this.lastManualFuture;
	}

	long pagesStillReachable() {
		return this.createdPages.stream().filter((reference) -> reference.get() != null).count();
	}

	static ByteBuffer pagingStateAt(long offset) {
		ByteBuffer state = ByteBuffer.allocate(Long.BYTES);
		state.putLong(0, offset);
		return state;
	}

	private AsyncResultSet page(long offset) {
		long end = Math.min(this.totalRows, offset + this.pageSize);
		if (end < offset) {
			end = this.totalRows;
		}
		List<Row> rows = new ArrayList<>((int) (end - offset));
		for (long value = offset; value < end; value++) {
			rows.add(FakeRows.row(value));
		}
		FakeResultSet page = new FakeResultSet(rows, (end < this.totalRows) ? pagingStateAt(end) : null);
		this.createdPages.add(new WeakReference<>(page));
		return page;
	}

	private record Pending(CompletableFuture<AsyncResultSet> future, long offset) {
	}

}
