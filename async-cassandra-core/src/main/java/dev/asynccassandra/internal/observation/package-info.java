/**
 * Observations of requests: {@link RequestObservations#NONE} when the session has no
 * {@code ObservationRegistry} (nothing is paid), else one Micrometer Observation per
 * request, started on the calling thread (so that the caller's current observation is its
 * parent) and stopped when the request ends.
 */
@NullMarked
package dev.asynccassandra.internal.observation;

import org.jspecify.annotations.NullMarked;
