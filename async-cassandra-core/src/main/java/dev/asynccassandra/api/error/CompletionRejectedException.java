package dev.asynccassandra.api.error;

import java.util.concurrent.RejectedExecutionException;

/**
 * The executor chosen to complete a future (the per-call executor, or the session's
 * default) refused the completion task, typically because it was shut down or its queue
 * was full. The request itself has ended and released its in-flight slot; its outcome is
 * lost (a failure of the request, if any, is attached as a suppressed exception).
 * <p>
 * So that no user code ever runs on a driver I/O thread, the future then fails on a
 * thread of {@link java.util.concurrent.ForkJoinPool#commonPool()} instead.
 *
 * @since 0.1.0
 */
public class CompletionRejectedException extends AsyncCassandraException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param cause the executor's refusal
	 */
	public CompletionRejectedException(RejectedExecutionException cause) {
		super("The completion executor rejected the task that completes this request", cause);
	}

}
