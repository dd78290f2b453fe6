package dev.asynccassandra.internal.error;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import com.datastax.oss.driver.api.core.DriverException;
import dev.asynccassandra.api.error.AsyncCassandraException;
import dev.asynccassandra.api.error.QueryTimeoutException;
import dev.asynccassandra.api.error.UnexpectedFailureException;

/**
 * Turns any failure into what the caller of the session sees; the only place where
 * failures are mapped.
 * <ul>
 * <li>{@link CompletionException} and {@link ExecutionException} are unwrapped (all
 * levels).</li>
 * <li>Driver exceptions ({@link DriverException} and subtypes), the library's own
 * {@link AsyncCassandraException}s, {@link CancellationException} and {@link Error}s pass
 * through as themselves.</li>
 * <li>A {@link TimeoutException} becomes a {@link QueryTimeoutException} carrying the
 * request's timeout.</li>
 * <li>An {@link InterruptedException} re-interrupts the current thread and, like every
 * other failure, is wrapped in an {@link UnexpectedFailureException}.</li>
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
		Throwable unwrapped = unwrap(failure);
		if (unwrapped instanceof DriverException || unwrapped instanceof AsyncCassandraException
				|| unwrapped instanceof CancellationException || unwrapped instanceof Error) {
			return unwrapped;
		}
		if (unwrapped instanceof TimeoutException) {
			return new QueryTimeoutException(timeout);
		}
		if (unwrapped instanceof InterruptedException) {
			Thread.currentThread().interrupt();
		}
		return new UnexpectedFailureException(unwrapped);
	}

	/**
	 * Removes every {@link CompletionException} and {@link ExecutionException} layer.
	 * @param failure the failure
	 * @return the innermost failure that is neither, or the last layer if it has no cause
	 */
	public static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null && current.getCause() != current) {
			current = current.getCause();
		}
		return current;
	}

}
