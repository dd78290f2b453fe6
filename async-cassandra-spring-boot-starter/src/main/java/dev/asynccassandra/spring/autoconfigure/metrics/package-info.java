/**
 * Auto-configuration of async-cassandra's Micrometer metrics.
 */
@NullMarked
package dev.asynccassandra.spring.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
