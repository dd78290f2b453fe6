/**
 * JMH benchmarks: {@code AsyncSession} against the raw driver and Spring Data Cassandra's
 * templates, on Simulacron and on the embedded Cassandra.
 */
@NullMarked
package dev.asynccassandra.benchmarks;

import org.jspecify.annotations.NullMarked;
