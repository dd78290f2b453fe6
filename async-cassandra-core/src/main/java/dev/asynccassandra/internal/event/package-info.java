/**
 * The query-event pipeline: a bounded, non-blocking hand-over from the query path to a
 * recorder thread. May change without notice.
 */
@NullMarked
package dev.asynccassandra.internal.event;

import org.jspecify.annotations.NullMarked;
