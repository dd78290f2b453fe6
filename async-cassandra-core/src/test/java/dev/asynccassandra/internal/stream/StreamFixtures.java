package dev.asynccassandra.internal.stream;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.internal.context.ContextCapture;

/**
 * Builds engines over fake fetchers and counts termination callbacks.
 */
final class StreamFixtures {

	/** Delivers signals on the calling thread: every step of a test happens inline. */
	static final Executor DIRECT = Runnable::run;

	private StreamFixtures() {
	}

	static PagingPublisher<Long> publisher(PageFetcher fetcher, StreamOptions options, Executor executor,
			AtomicInteger terminations) {
		return new PagingPublisher<>(fetcher, FakeRows::value, options, executor, terminations::incrementAndGet,
				ContextCapture.NONE);
	}

	static PagingPublisher<Long> publisher(PageFetcher fetcher, StreamOptions options, AtomicInteger terminations) {
		return publisher(fetcher, options, DIRECT, terminations);
	}

	static StreamOptions prefetch(int pages) {
		return StreamOptions.builder().prefetchPages(pages).build();
	}

}
