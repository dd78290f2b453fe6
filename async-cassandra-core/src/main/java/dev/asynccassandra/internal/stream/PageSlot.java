package dev.asynccassandra.internal.stream;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import org.jspecify.annotations.Nullable;

/**
 * The one page request a stream may have in flight, and the hand-over of its outcome to
 * the drain loop. Requests are made by the drain loop only; {@link #close()} may come
 * from any thread.
 */
final class PageSlot {

	private final AtomicReference<@Nullable CompletableFuture<AsyncResultSet>> pending = new AtomicReference<>();

	private final AtomicReference<@Nullable Arrival> arrival = new AtomicReference<>();

	private final Runnable onArrival;

	private volatile boolean closed;

	/**
	 * Creates an empty slot.
	 * @param onArrival run after each outcome was handed over (schedules the drain loop)
	 */
	PageSlot(Runnable onArrival) {
		this.onArrival = onArrival;
	}

	/**
	 * Requests a page; its outcome is handed over through {@link #takeArrival()}.
	 * @param fetcher the fetcher
	 * @param pagingState the paging state of the page, or {@code null} for the first page
	 */
	void request(PageFetcher fetcher, @Nullable ByteBuffer pagingState) {
		CompletableFuture<AsyncResultSet> future;
		try {
			future = fetcher.fetch(pagingState).toCompletableFuture();
		}
		catch (RuntimeException ex) {
			handOver(new Arrival(null, ex));
			return;
		}
		this.pending.set(future);
		if (this.closed) {
			// Closes the race with close() on another thread, which may have looked for
			// the pending request before it was set.
			cancelPending();
		}
		future.whenComplete((resultSet, error) -> completed(future, resultSet, error));
	}

	/**
	 * Takes the outcome of the last request, if it arrived.
	 * @return the outcome, or {@code null} if none is waiting
	 */
	@Nullable Arrival takeArrival() {
		return this.arrival.getAndSet(null);
	}

	/**
	 * Stops for good: cancels the request in flight (rule 3.13) and drops any outcome not
	 * taken yet. Idempotent; any thread.
	 */
	void close() {
		this.closed = true;
		cancelPending();
		this.arrival.set(null);
	}

	private void completed(CompletableFuture<AsyncResultSet> future, @Nullable AsyncResultSet resultSet,
			@Nullable Throwable error) {
		this.pending.compareAndSet(future, null);
		if (error != null) {
			handOver(new Arrival(null, error));
		}
		else if (resultSet == null) {
			handOver(new Arrival(null, new NullPointerException("The page fetcher completed with null")));
		}
		else {
			handOver(new Arrival(resultSet, null));
		}
	}

	private void handOver(Arrival outcome) {
		if (!this.closed) {
			this.arrival.set(outcome);
		}
		this.onArrival.run();
	}

	private void cancelPending() {
		CompletableFuture<AsyncResultSet> future = this.pending.getAndSet(null);
		if (future != null) {
			future.cancel(false);
		}
	}

	/**
	 * Outcome of a page request: a page or a failure.
	 *
	 * @param page the page, or {@code null} if the request failed
	 * @param failure the failure, or {@code null} if a page arrived
	 */
	record Arrival(@Nullable AsyncResultSet page, @Nullable Throwable failure) {

	}

}
