/**
 * Health indicators for an {@code AsyncSession}, usable without auto-configuration.
 */
@NullMarked
package dev.asynccassandra.spring.health;

import org.jspecify.annotations.NullMarked;
