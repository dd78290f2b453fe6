package dev.asynccassandra.api.stream;

/**
 * Receives a {@link StreamProgress} event each time a row stream has delivered every row
 * of a page to its subscriber.
 * <p>
 * Called on the thread that delivers the stream's signals (the session's callback
 * executor), between two signals, never concurrently with another signal of the same
 * stream and never while a lock is held: the listener may call
 * {@code Flow.Subscription.request} or {@code cancel} on its own stream. A listener that
 * throws is logged and the stream goes on.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface StreamProgressListener {

	/**
	 * Handles the progress of one delivered page.
	 * @param progress the progress event, never {@code null}
	 */
	void onPage(StreamProgress progress);

}
