/**
 * Streaming of large results: a {@link java.util.concurrent.Flow.Publisher} of rows that
 * fetches pages on demand, its options, progress events and convenience consumers.
 */
@NullMarked
package dev.asynccassandra.api.stream;

import org.jspecify.annotations.NullMarked;
