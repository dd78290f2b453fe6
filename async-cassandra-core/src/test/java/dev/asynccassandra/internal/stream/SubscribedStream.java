package dev.asynccassandra.internal.stream;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import dev.asynccassandra.api.stream.StreamOptions;

/**
 * The setup of most publisher tests in one call: a {@link PagingPublisher} over a
 * {@link FakeFetcher}, its termination callbacks counted, already subscribed by a
 * {@link RecordingSubscriber}.
 */
final class SubscribedStream {

	final FakeFetcher fetcher;

	final PagingPublisher<Long> publisher;

	final RecordingSubscriber<Long> subscriber;

	/** How many times the publisher ran its termination callback. */
	final AtomicInteger terminations;

	private SubscribedStream(FakeFetcher fetcher, StreamOptions options, Executor executor,
			RecordingSubscriber<Long> subscriber) {
		this.fetcher = fetcher;
		this.terminations = new AtomicInteger();
		this.publisher = StreamFixtures.publisher(fetcher, options, executor, this.terminations);
		this.subscriber = subscriber;
		this.publisher.subscribe(subscriber);
	}

	/**
	 * Subscribes, with signals delivered inline, a subscriber that requests
	 * {@code initialRequest} rows in {@code onSubscribe}.
	 * @param fetcher the pages
	 * @param options the stream's options
	 * @param initialRequest the first request, none when zero
	 * @return the subscribed stream
	 */
	static SubscribedStream subscribe(FakeFetcher fetcher, StreamOptions options, long initialRequest) {
		return subscribe(fetcher, options, StreamFixtures.DIRECT, new RecordingSubscriber<>(initialRequest));
	}

	/**
	 * Subscribes, with signals delivered inline, the given subscriber.
	 * @param fetcher the pages
	 * @param options the stream's options
	 * @param subscriber the subscriber
	 * @return the subscribed stream
	 */
	static SubscribedStream subscribe(FakeFetcher fetcher, StreamOptions options,
			RecordingSubscriber<Long> subscriber) {
		return subscribe(fetcher, options, StreamFixtures.DIRECT, subscriber);
	}

	/**
	 * Subscribes the given subscriber, with signals delivered on an executor.
	 * @param fetcher the pages
	 * @param options the stream's options
	 * @param executor where signals are delivered
	 * @param subscriber the subscriber
	 * @return the subscribed stream
	 */
	static SubscribedStream subscribe(FakeFetcher fetcher, StreamOptions options, Executor executor,
			RecordingSubscriber<Long> subscriber) {
		return new SubscribedStream(fetcher, options, executor, subscriber);
	}

}
