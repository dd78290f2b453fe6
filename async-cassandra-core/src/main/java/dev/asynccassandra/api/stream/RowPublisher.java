package dev.asynccassandra.api.stream;

import java.util.concurrent.Flow;

/**
 * A {@link Flow.Publisher} of rows (or of user types mapped from rows) that fetches pages
 * only on demand. Obtained from the session's {@code stream} methods.
 * <p>
 * A {@code RowPublisher} serves a single subscriber (rule 1.11 allows either): a second
 * subscriber receives {@code onSubscribe} followed by {@code onError} with an
 * {@link IllegalStateException}. Every signal is delivered on the session's callback
 * executor, never on a driver I/O thread, one at a time (rule 1.3). Use
 * {@code org.reactivestreams.FlowAdapters} to hand it to a Reactive Streams library such
 * as Reactor.
 *
 * @param <T> the type of the elements
 * @since 0.1.0
 */
public interface RowPublisher<T> extends Flow.Publisher<T> {

	/**
	 * Cancels the stream from outside, whether or not it has a subscriber yet: fetching
	 * stops at once, a pending page request is cancelled, buffered pages are released and
	 * the subscriber, present or future, receives {@code onError} with a
	 * {@link java.util.concurrent.CancellationException} (unless the stream already
	 * ended). A subscriber that wants to stop calls {@link Flow.Subscription#cancel()}
	 * instead, which signals nothing. Idempotent, thread-safe and non-blocking.
	 */
	void cancel();

	/**
	 * Number of pages delivered in full to the subscriber so far.
	 * @return pages delivered, {@code 0} before the first page was delivered
	 */
	long pagesDelivered();

}
