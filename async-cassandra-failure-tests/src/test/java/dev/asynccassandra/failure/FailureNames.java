package dev.asynccassandra.failure;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import java.util.List;
import java.util.TreeSet;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import dev.asynccassandra.api.error.AsyncCassandraException;

/**
 * Names a failure by the class that tells what happened: wrappers added by
 * {@code CompletableFuture} are removed, the library's own wrappers keep their cause's
 * name in brackets, and {@code AllNodesFailedException} lists the types of its per-node
 * errors in brackets (for example {@code AllNodesFailedException(UnavailableException)}
 * when the only live coordinator answered Unavailable and the retry found no other node).
 * An {@link HttpFailure} of the sample-service load keeps its own name.
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
		if (unwrapped instanceof HttpFailure http) {
			return http.name();
		}
		String name = unwrapped.getClass().getSimpleName();
		if (unwrapped instanceof AllNodesFailedException allFailed
				&& !(unwrapped instanceof NoNodeAvailableException)) {
			TreeSet<String> causes = new TreeSet<>();
			for (List<Throwable> errors : allFailed.getAllErrors().values()) {
				errors.forEach((error) -> causes.add(error.getClass().getSimpleName()));
			}
			return name + "(" + String.join("+", causes) + ")";
		}
		if (unwrapped instanceof AsyncCassandraException && unwrapped.getCause() != null) {
			return name + "(" + unwrapped.getCause().getClass().getSimpleName() + ")";
		}
		return name;
	}

}
