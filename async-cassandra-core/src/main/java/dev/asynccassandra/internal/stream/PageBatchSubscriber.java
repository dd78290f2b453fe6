package dev.asynccassandra.internal.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Function;

import dev.asynccassandra.api.stream.StreamSummary;

/**
 * Hands the elements to an asynchronous handler in pages of a fixed size, requesting the
 * next page only when the handler's stage for the previous one completed.
 *
 * @param <T> the type of the elements
 * @since 0.1.0
 */
public final class PageBatchSubscriber<T> extends ConsumingSubscriber<T, StreamSummary> {

	private final int pageSize;

	private final Function<? super List<T>, ? extends CompletionStage<?>> pageHandler;

	private List<T> page;

	private long rows;

	private long pages;

	/** The handling of the last full page; written on the signal thread only. */
	private volatile CompletableFuture<?> lastHandled = CompletableFuture.completedFuture(null);

	private PageBatchSubscriber(int pageSize, Function<? super List<T>, ? extends CompletionStage<?>> pageHandler) {
		this.pageSize = pageSize;
		this.pageHandler = pageHandler;
		this.page = new ArrayList<>(pageSize);
	}

	/**
	 * Subscribes a page handler to a publisher.
	 * @param <T> the type of the elements
	 * @param publisher the stream
	 * @param pageSize elements per page, at least {@code 1}; the last page may be smaller
	 * @param pageHandler called on the stream's signal thread with each page; the next
	 * page is requested when the returned stage completes, a failed stage cancels the
	 * stream
	 * @return the summary future, counting the pages handed to the handler
	 */
	public static <T> CompletableFuture<StreamSummary> subscribe(Flow.Publisher<T> publisher, int pageSize,
			Function<? super List<T>, ? extends CompletionStage<?>> pageHandler) {
		Objects.requireNonNull(publisher, "'publisher' must not be null");
		Objects.requireNonNull(pageHandler, "'pageHandler' must not be null");
		if (pageSize < 1) {
			throw new IllegalArgumentException("'pageSize' must be at least 1, was " + pageSize);
		}
		PageBatchSubscriber<T> subscriber = new PageBatchSubscriber<>(pageSize, pageHandler);
		publisher.subscribe(subscriber);
		return subscriber.result();
	}

	@Override
	long initialRequest() {
		return this.pageSize;
	}

	@Override
	public void onNext(T item) {
		if (isDone()) {
			return;
		}
		this.page.add(item);
		this.rows++;
		if (this.page.size() < this.pageSize) {
			return;
		}
		List<T> full = this.page;
		this.page = new ArrayList<>(this.pageSize);
		CompletableFuture<?> handled = handle(full);
		this.lastHandled = handled;
		handled.whenComplete((ignored, error) -> {
			if (error != null) {
				failAndCancel(error);
			}
			else {
				request(this.pageSize);
			}
		});
	}

	@Override
	public void onComplete() {
		List<T> rest = this.page;
		long totalRows = this.rows;
		this.lastHandled.whenComplete((ignored, previousError) -> {
			if (previousError != null) {
				return;
			}
			CompletableFuture<?> last = rest.isEmpty() ? CompletableFuture.completedFuture(null) : handle(rest);
			last.whenComplete((ignoredToo, error) -> {
				if (error != null) {
					failAndCancel(error);
				}
				else {
					complete(new StreamSummary(totalRows, this.pages, elapsed()));
				}
			});
		});
	}

	private CompletableFuture<?> handle(List<T> elements) {
		this.pages++;
		try {
			CompletionStage<?> stage = this.pageHandler.apply(elements);
			return Objects.requireNonNull(stage, "The page handler returned null").toCompletableFuture();
		}
		catch (Throwable ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

}
