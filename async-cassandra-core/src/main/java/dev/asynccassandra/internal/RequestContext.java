package dev.asynccassandra.internal;

import java.time.Duration;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

/**
 * What a request captured when the call was made, and what its follow-up pages reuse.
 *
 * @param launcher the session's launcher, which runs the request and its follow-up pages
 * @param executor completes the request's future
 * @param timeout bounds the request
 * @param statementName logical name reported in query events, or {@code null}
 */
public record RequestContext(RequestLauncher launcher, Executor executor, Duration timeout,
		@Nullable String statementName) {

}
