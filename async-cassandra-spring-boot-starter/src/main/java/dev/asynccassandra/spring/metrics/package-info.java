/**
 * Micrometer metrics for an {@code AsyncSession}, usable without auto-configuration.
 */
@NullMarked
package dev.asynccassandra.spring.metrics;

import org.jspecify.annotations.NullMarked;
