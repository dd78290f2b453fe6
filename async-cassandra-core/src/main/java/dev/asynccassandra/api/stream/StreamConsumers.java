package dev.asynccassandra.api.stream;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.asynccassandra.internal.stream.CollectingSubscriber;
import dev.asynccassandra.internal.stream.ForEachSubscriber;
import dev.asynccassandra.internal.stream.PageBatchSubscriber;

/**
 * Consumes any {@link Flow.Publisher} (a {@link RowPublisher} or another one) into a
 * {@link CompletableFuture}, with backpressure.
 * <p>
 * Each method subscribes at once. The actions run on the thread that delivers the
 * stream's signals (for a {@code RowPublisher}, the session's callback executor) and the
 * returned future completes there. Cancelling the returned future cancels the stream. An
 * action that throws cancels the stream and fails the future: driver exceptions as
 * themselves, other failures wrapped in
 * {@link dev.asynccassandra.api.error.UnexpectedFailureException}. A stream error fails
 * the future with the error the subscriber received.
 *
 * @since 0.1.0
 */
public final class StreamConsumers {

	private StreamConsumers() {
	}

	/**
	 * Applies an action to every element.
	 * @param <T> the type of the elements
	 * @param publisher the stream
	 * @param action applied to each element in order; must not block for long
	 * @return a future completing with the rows processed, the pages delivered in full
	 * (counted only for a {@link RowPublisher}, {@code 0} otherwise) and the elapsed time
	 */
	public static <T> CompletableFuture<StreamSummary> forEach(Flow.Publisher<T> publisher,
			Consumer<? super T> action) {
		return ForEachSubscriber.subscribe(publisher, action);
	}

	/**
	 * Collects every element into a list, refusing more than a cap so that a large result
	 * cannot exhaust memory.
	 * @param <T> the type of the elements
	 * @param publisher the stream
	 * @param maxElements most elements accepted, at least {@code 0}
	 * @return a future completing with the unmodifiable list of elements in stream order,
	 * or failing with {@link CollectLimitExceededException} (the stream cancelled) when
	 * the stream has more elements than {@code maxElements}
	 * @throws IllegalArgumentException if {@code maxElements} is negative
	 */
	public static <T> CompletableFuture<List<T>> collect(Flow.Publisher<T> publisher, int maxElements) {
		return CollectingSubscriber.subscribe(publisher, maxElements);
	}

	/**
	 * Hands the elements to an asynchronous handler, one page at a time: the next page is
	 * requested only once the stage returned for the previous page completed, so at most
	 * one page is being handled at a time.
	 * @param <T> the type of the elements
	 * @param publisher the stream
	 * @param pageSize elements per page, at least {@code 1}; the last page may be
	 * smaller. Pages are counted in elements and need not match the driver's pages
	 * @param pageHandler called with each page (a list the handler may keep); returns a
	 * stage completing when the page is processed. A failed stage cancels the stream and
	 * fails the returned future
	 * @return a future completing, after the last page was handled, with the rows
	 * processed, the pages handed to the handler and the elapsed time
	 * @throws IllegalArgumentException if {@code pageSize} is less than {@code 1}
	 */
	public static <T> CompletableFuture<StreamSummary> forEachPage(Flow.Publisher<T> publisher, int pageSize,
			Function<? super List<T>, ? extends CompletionStage<?>> pageHandler) {
		return PageBatchSubscriber.subscribe(publisher, pageSize, pageHandler);
	}

}
