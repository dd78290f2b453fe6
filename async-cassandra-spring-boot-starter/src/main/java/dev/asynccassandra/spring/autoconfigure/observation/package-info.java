/**
 * Auto-configuration of an Observation per request of the auto-configured sessions.
 */
@NullMarked
package dev.asynccassandra.spring.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
