/**
 * The caller's context (MDC, the current Observation, a security context: whatever
 * Micrometer's context-propagation library has accessors for), captured when a request is
 * made or a stream is subscribed, and restored around the user code the session runs for
 * it on its executor.
 */
@NullMarked
package dev.asynccassandra.internal.context;

import org.jspecify.annotations.NullMarked;
