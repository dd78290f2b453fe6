package dev.asynccassandra.spring.session;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

import dev.asynccassandra.api.stream.RowPublisher;
import org.jspecify.annotations.Nullable;

/**
 * A row stream of a session that may not be connected yet: the stream is opened when it
 * is subscribed (streams are cold), on the session as it is then. Until then, and for a
 * refused subscription, it holds no resource.
 */
final class DeferredRowPublisher<T> implements RowPublisher<T> {

	private final Supplier<RowPublisher<T>> open;

	private final Supplier<Throwable> notConnected;

	private final Supplier<Boolean> connected;

	private @Nullable RowPublisher<T> opened;

	private boolean cancelled;

	DeferredRowPublisher(Supplier<Boolean> connected, Supplier<RowPublisher<T>> open,
			Supplier<Throwable> notConnected) {
		this.connected = connected;
		this.open = open;
		this.notConnected = notConnected;
	}

	@Override
	public void subscribe(Flow.Subscriber<? super T> subscriber) {
		// Rule 1.9: a null subscriber is refused by throwing NullPointerException.
		Objects.requireNonNull(subscriber, "'subscriber' must not be null (Reactive Streams rule 1.9)");
		RowPublisher<T> publisher;
		Throwable refusal = null;
		synchronized (this) {
			if (this.cancelled) {
				refusal = new CancellationException("Stream cancelled before it was subscribed");
			}
			else if (this.opened == null && this.connected.get()) {
				this.opened = this.open.get();
			}
			publisher = this.opened;
		}
		if (refusal == null && publisher == null) {
			refusal = this.notConnected.get();
		}
		if (refusal != null) {
			subscriber.onSubscribe(NoopSubscription.INSTANCE);
			subscriber.onError(refusal);
			return;
		}
		publisher.subscribe(subscriber);
	}

	@Override
	public void cancel() {
		RowPublisher<T> publisher;
		synchronized (this) {
			this.cancelled = true;
			publisher = this.opened;
		}
		if (publisher != null) {
			publisher.cancel();
		}
	}

	@Override
	public long pagesDelivered() {
		RowPublisher<T> publisher;
		synchronized (this) {
			publisher = this.opened;
		}
		return (publisher != null) ? publisher.pagesDelivered() : 0;
	}

	private enum NoopSubscription implements Flow.Subscription {

		INSTANCE;

		@Override
		public void request(long n) {
		}

		@Override
		public void cancel() {
		}

	}

}
