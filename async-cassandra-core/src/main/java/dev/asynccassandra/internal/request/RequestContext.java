package dev.asynccassandra.internal.request;

import java.time.Duration;
import java.util.concurrent.Executor;

import dev.asynccassandra.internal.context.CallerContext;
import org.jspecify.annotations.Nullable;

/**
 * What a request carries from the call that made it, and what its follow-up pages reuse:
 * made by the {@link RequestPlanner}, never changed afterwards.
 *
 * @param executor completes the request's future
 * @param timeout bounds the request (resolved once, by the planner)
 * @param statementName logical name reported in query events, or {@code null}
 * @param caller the caller's context, restored around the completion
 */
record RequestContext(Executor executor, Duration timeout, @Nullable String statementName, CallerContext caller) {

	/**
	 * Hands a task that completes the caller's future to the executor, inside the
	 * caller's context.
	 * @param task the task
	 */
	void handOff(Runnable task) {
		this.caller.execute(this.executor, task);
	}

	/**
	 * The same request context with another caller's context (a next page fetched from
	 * another thread).
	 * @param other the context of the thread that asked for the page
	 * @return the context of the page's request
	 */
	RequestContext withCaller(CallerContext other) {
		return (other == this.caller) ? this
				: new RequestContext(this.executor, this.timeout, this.statementName, other);
	}

}
