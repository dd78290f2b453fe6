/**
 * Micrometer Observations of the session's requests: one per {@code execute},
 * {@code executeBatch}, {@code prepare}, {@code fetchNextPage} and stream page, named and
 * keyed after OpenTelemetry's semantic conventions for Cassandra clients. Requires
 * {@code io.micrometer:micrometer-observation} and an {@code ObservationRegistry} given
 * to {@link dev.asynccassandra.api.AsyncSessionBuilder#withObservationRegistry}.
 */
@NullMarked
package dev.asynccassandra.api.observation;

import org.jspecify.annotations.NullMarked;
