package dev.asynccassandra.api.error;

import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The one walk over a failure's causes, used by everything in async-cassandra that looks
 * through wrappers: the mapping of failures to what callers see, the
 * {@link FailureClassifier}, the query events and the Spring Boot starter's failure
 * analysis. Applications can use it for the same purpose. Stateless and thread-safe.
 * <p>
 * A walk visits the failure itself (depth 0), then its {@linkplain Throwable#getCause()
 * cause} (depth 1), and so on, up to {@value #MAX_DEPTH} levels below the failure; it
 * stops at a failure without a cause or whose cause is itself, so a cycle of causes never
 * makes it loop forever.
 *
 * @since 0.1.0
 */
public final class CauseChain {

	/**
	 * How many levels below a failure a walk looks, at most.
	 */
	public static final int MAX_DEPTH = 16;

	private CauseChain() {
	}

	/**
	 * Removes the {@link CompletionException} and {@link ExecutionException} layers that
	 * futures add around a failure (up to {@value #MAX_DEPTH} of them).
	 * @param failure the failure as received
	 * @return the first cause that is neither, or the last layer when a layer has no
	 * cause
	 */
	public static Throwable unwrap(Throwable failure) {
		Objects.requireNonNull(failure, "'failure' must not be null");
		Throwable unwrapped = walk(failure, MAX_DEPTH, (cause,
				depth) -> (!isFutureWrapper(cause) || next(cause) == null || depth == MAX_DEPTH) ? cause : null);
		return (unwrapped != null) ? unwrapped : failure;
	}

	/**
	 * Finds the first failure of a type among a failure and its causes.
	 * @param <T> the type looked for
	 * @param failure the failure as received
	 * @param type the type looked for (subtypes match)
	 * @return the failure itself or the nearest cause of that type, or {@code null} if
	 * there is none within {@value #MAX_DEPTH} levels
	 */
	public static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
		Objects.requireNonNull(type, "'type' must not be null");
		return search(failure, (cause) -> type.isInstance(cause) ? type.cast(cause) : null);
	}

	/**
	 * Walks a failure and its causes, nearest first, until the visitor answers.
	 * @param <R> what the visitor answers
	 * @param failure the failure as received
	 * @param visitor looks at one failure of the chain and answers, or returns
	 * {@code null} to go on with its cause
	 * @return the first answer, or {@code null} if the visitor answered for none of the
	 * failures within {@value #MAX_DEPTH} levels
	 */
	public static <R> @Nullable R search(Throwable failure,
			Function<? super Throwable, ? extends @Nullable R> visitor) {
		Objects.requireNonNull(failure, "'failure' must not be null");
		Objects.requireNonNull(visitor, "'visitor' must not be null");
		return walk(failure, MAX_DEPTH, (cause, depth) -> visitor.apply(cause));
	}

	/**
	 * The walk itself: visits the failure at depth 0 and each cause one level deeper, up
	 * to and including {@code maxDepth}.
	 * @param <R> what the visitor answers
	 * @param failure where the walk starts
	 * @param maxDepth the deepest level visited (0 visits only the failure)
	 * @param visitor answers for a failure at a depth, or returns {@code null} to go on
	 * @return the first answer, or {@code null}
	 */
	static <R> @Nullable R walk(Throwable failure, int maxDepth, Visitor<R> visitor) {
		Throwable current = failure;
		for (int depth = 0;; depth++) {
			R answer = visitor.visit(current, depth);
			if (answer != null) {
				return answer;
			}
			Throwable cause = next(current);
			if (cause == null || depth >= maxDepth) {
				return null;
			}
			current = cause;
		}
	}

	private static @Nullable Throwable next(Throwable failure) {
		Throwable cause = failure.getCause();
		return (cause != failure) ? cause : null;
	}

	private static boolean isFutureWrapper(Throwable failure) {
		return failure instanceof CompletionException || failure instanceof ExecutionException;
	}

	/**
	 * Looks at one failure of a chain.
	 *
	 * @param <R> what it answers
	 */
	@FunctionalInterface
	interface Visitor<R> {

		/**
		 * Answers for one failure of the chain.
		 * @param failure the failure at this level
		 * @param depth how many levels below the walked failure it is
		 * @return the answer, or {@code null} to go on with the failure's cause
		 */
		@Nullable R visit(Throwable failure, int depth);

	}

}
