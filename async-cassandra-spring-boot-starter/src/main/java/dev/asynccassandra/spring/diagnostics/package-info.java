/**
 * Failure analysis of Cassandra connection problems at startup.
 */
@NullMarked
package dev.asynccassandra.spring.diagnostics;

import org.jspecify.annotations.NullMarked;
