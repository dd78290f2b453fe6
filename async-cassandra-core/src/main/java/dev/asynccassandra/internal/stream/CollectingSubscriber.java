package dev.asynccassandra.internal.stream;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

import dev.asynccassandra.api.stream.CollectLimitExceededException;

/**
 * Collects at most a given number of elements into a list; one more element cancels the
 * stream and fails the result with a {@link CollectLimitExceededException}.
 *
 * @param <T> the type of the elements
 * @since 0.1.0
 */
public final class CollectingSubscriber<T> extends ConsumingSubscriber<T, List<T>> {

	private final int maxElements;

	private final List<T> elements = new ArrayList<>();

	private CollectingSubscriber(int maxElements) {
		this.maxElements = maxElements;
	}

	/**
	 * Subscribes a collector to a publisher.
	 * @param <T> the type of the elements
	 * @param publisher the stream
	 * @param maxElements most elements accepted, at least {@code 0}
	 * @return the future of the unmodifiable list of elements, in stream order
	 */
	public static <T> CompletableFuture<List<T>> subscribe(Flow.Publisher<T> publisher, int maxElements) {
		Objects.requireNonNull(publisher, "'publisher' must not be null");
		if (maxElements < 0) {
			throw new IllegalArgumentException("'maxElements' must not be negative, was " + maxElements);
		}
		CollectingSubscriber<T> subscriber = new CollectingSubscriber<>(maxElements);
		publisher.subscribe(subscriber);
		return subscriber.result();
	}

	@Override
	long initialRequest() {
		// One more than the cap, to tell "exactly the cap" from "more than the cap".
		return this.maxElements + 1L;
	}

	@Override
	public void onNext(T item) {
		if (isDone()) {
			return;
		}
		if (this.elements.size() == this.maxElements) {
			failAndCancel(new CollectLimitExceededException(this.maxElements));
			return;
		}
		this.elements.add(item);
	}

	@Override
	public void onComplete() {
		complete(Collections.unmodifiableList(this.elements));
	}

}
