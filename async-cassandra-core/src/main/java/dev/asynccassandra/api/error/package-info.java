/**
 * Exceptions of async-cassandra. Driver exceptions reach callers as themselves; only
 * failures that did not come from the driver are wrapped in
 * {@link dev.asynccassandra.api.error.AsyncCassandraException} subclasses.
 */
@NullMarked
package dev.asynccassandra.api.error;

import org.jspecify.annotations.NullMarked;
