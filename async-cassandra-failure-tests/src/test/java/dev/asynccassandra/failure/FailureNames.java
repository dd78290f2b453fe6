package dev.asynccassandra.failure;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import dev.asynccassandra.api.error.AsyncCassandraException;

/**
 * Names a failure by the class that tells what happened: wrappers added by
 * {@code CompletableFuture} are removed, the library's own wrappers keep their cause's
 * name in brackets.
 */
final class FailureNames {

	private FailureNames() {
	}

	static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	static String nameOf(Throwable failure) {
		Throwable unwrapped = unwrap(failure);
		String name = unwrapped.getClass().getSimpleName();
		if (unwrapped instanceof AsyncCassandraException && unwrapped.getCause() != null) {
			return name + "(" + unwrapped.getCause().getClass().getSimpleName() + ")";
		}
		return name;
	}

}
