package dev.asynccassandra.internal.error;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import com.datastax.oss.driver.api.core.DriverException;
import dev.asynccassandra.api.error.AsyncCassandraException;
import dev.asynccassandra.api.error.CauseChain;
import dev.asynccassandra.api.error.QueryTimeoutException;
import dev.asynccassandra.api.error.UnexpectedFailureException;
import dev.asynccassandra.api.error.WaitInterruptedException;

/**
 * Turns any failure into what the caller of the session sees; the only place where
 * failures are mapped.
 * <ul>
 * <li>{@link CompletionException} and {@link ExecutionException} are unwrapped
 * ({@link CauseChain#unwrap}).</li>
 * <li>Driver exceptions ({@link DriverException} and subtypes), the library's own
 * {@link AsyncCassandraException}s, {@link CancellationException} and {@link Error}s pass
 * through as themselves.</li>
 * <li>A {@link TimeoutException} becomes a {@link QueryTimeoutException} carrying the
 * request's timeout.</li>
 * <li>An {@link InterruptedException} re-interrupts the current thread and becomes a
 * {@link WaitInterruptedException}.</li>
 * <li>Every other failure is wrapped in an {@link UnexpectedFailureException}.</li>
 * </ul>
 */
public final class ExceptionMapper {

	private ExceptionMapper() {
	}

	/**
	 * Maps a failure.
	 * @param failure the failure as received
	 * @param timeout the timeout of the request that failed
	 * @return the failure the caller sees
	 */
	public static Throwable map(Throwable failure, Duration timeout) {
		Throwable unwrapped = CauseChain.unwrap(failure);
		if (passesThrough(unwrapped)) {
			return unwrapped;
		}
		if (unwrapped instanceof TimeoutException) {
			return new QueryTimeoutException(timeout);
		}
		if (unwrapped instanceof InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			return new WaitInterruptedException(interrupted);
		}
		return new UnexpectedFailureException(unwrapped);
	}

	/**
	 * Whether an unwrapped failure reaches callers as itself: a driver exception, one of
	 * the library's own, a cancellation or an {@link Error}.
	 * @param unwrapped a failure without its future wrappers
	 * @return {@code true} if it is never wrapped
	 */
	public static boolean passesThrough(Throwable unwrapped) {
		return unwrapped instanceof DriverException || unwrapped instanceof AsyncCassandraException
				|| unwrapped instanceof CancellationException || unwrapped instanceof Error;
	}

}
