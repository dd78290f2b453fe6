package dev.asynccassandra.internal.stream;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import dev.asynccassandra.api.stream.RowPublisher;
import dev.asynccassandra.api.stream.StreamSummary;

/**
 * Applies an action to every element, requesting in batches, and completes with a
 * {@link StreamSummary}.
 *
 * @param <T> the type of the elements
 * @since 0.1.0
 */
public final class ForEachSubscriber<T> extends ConsumingSubscriber<T, StreamSummary> {

	/** Elements requested at once; half of it is requested again as elements arrive. */
	static final int REQUEST_BATCH = 256;

	private final Consumer<? super T> action;

	private final LongSupplier pagesDelivered;

	private long rows;

	private int receivedSinceRequest;

	private ForEachSubscriber(Consumer<? super T> action, LongSupplier pagesDelivered) {
		this.action = action;
		this.pagesDelivered = pagesDelivered;
	}

	/**
	 * Subscribes an action to a publisher.
	 * @param <T> the type of the elements
	 * @param publisher the stream
	 * @param action applied to each element, on the stream's signal thread
	 * @return the summary future; the pages it counts are those delivered in full by a
	 * {@link RowPublisher}, {@code 0} for another publisher
	 */
	public static <T> CompletableFuture<StreamSummary> subscribe(Flow.Publisher<T> publisher,
			Consumer<? super T> action) {
		Objects.requireNonNull(publisher, "'publisher' must not be null");
		Objects.requireNonNull(action, "'action' must not be null");
		LongSupplier pages = (publisher instanceof RowPublisher<?> rowPublisher) ? rowPublisher::pagesDelivered
				: () -> 0;
		ForEachSubscriber<T> subscriber = new ForEachSubscriber<>(action, pages);
		publisher.subscribe(subscriber);
		return subscriber.result();
	}

	@Override
	long initialRequest() {
		return REQUEST_BATCH;
	}

	@Override
	public void onNext(T item) {
		if (isDone()) {
			return;
		}
		try {
			this.action.accept(item);
		}
		catch (Throwable ex) {
			failAndCancel(ex);
			return;
		}
		this.rows++;
		this.receivedSinceRequest++;
		if (this.receivedSinceRequest == REQUEST_BATCH / 2) {
			this.receivedSinceRequest = 0;
			request(REQUEST_BATCH / 2);
		}
	}

	@Override
	public void onComplete() {
		complete(new StreamSummary(this.rows, this.pagesDelivered.getAsLong(), elapsed()));
	}

}
