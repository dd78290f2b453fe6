/**
 * Graceful shutdown of an {@code AsyncSession} within a Spring application context.
 */
@NullMarked
package dev.asynccassandra.spring.lifecycle;

import org.jspecify.annotations.NullMarked;
