package dev.asynccassandra.internal.request;

import java.time.Duration;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

/**
 * What a request carries from the call that made it, and what its follow-up pages reuse:
 * made by the {@link RequestPlanner}, never changed afterwards.
 *
 * @param executor completes the request's future
 * @param timeout bounds the request (resolved once, by the planner)
 * @param statementName logical name reported in query events, or {@code null}
 */
record RequestContext(Executor executor, Duration timeout, @Nullable String statementName) {

}
