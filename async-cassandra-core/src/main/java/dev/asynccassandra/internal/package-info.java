/**
 * Implementation of async-cassandra. Everything under {@code internal} may change without
 * notice; use the {@code api} packages.
 */
@NullMarked
package dev.asynccassandra.internal;

import org.jspecify.annotations.NullMarked;
