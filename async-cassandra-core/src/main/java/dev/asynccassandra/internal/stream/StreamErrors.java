package dev.asynccassandra.internal.stream;

import java.util.concurrent.CompletionException;

import dev.asynccassandra.api.error.CauseChain;
import dev.asynccassandra.api.error.UnexpectedFailureException;
import dev.asynccassandra.internal.error.ExceptionMapper;

/**
 * The error policy of streams, the session's own: driver exceptions, the library's
 * exceptions, cancellations and {@link Error}s reach the subscriber as themselves, never
 * inside a {@link CompletionException}; any other failure (a throwing row mapper or
 * consumer, a fetcher bug) is wrapped in an {@link UnexpectedFailureException} that keeps
 * it as its cause.
 */
final class StreamErrors {

	private StreamErrors() {
	}

	/**
	 * The error a subscriber receives for a failure.
	 * @param failure what failed, possibly wrapped by a future
	 * @return the failure itself if it passes through, otherwise a wrapper
	 */
	static Throwable toSubscriberError(Throwable failure) {
		Throwable cause = CauseChain.unwrap(failure);
		if (ExceptionMapper.passesThrough(cause)) {
			return cause;
		}
		return new UnexpectedFailureException(cause);
	}

}
