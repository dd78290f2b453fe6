package dev.asynccassandra.internal;

import java.time.Duration;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

/**
 * What a request captured when the call was made, and what its follow-up pages reuse.
 *
 * @param executor completes the request's future
 * @param timeout bounds the request
 * @param statementName logical name reported in query events, or {@code null}
 */
public record RequestContext(Executor executor, Duration timeout, @Nullable String statementName) {

}
