/**
 * Query events published by the session for metrics and observability.
 */
@NullMarked
package dev.asynccassandra.api.event;

import org.jspecify.annotations.NullMarked;
