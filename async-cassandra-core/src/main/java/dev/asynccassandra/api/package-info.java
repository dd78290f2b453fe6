/**
 * The public API of async-cassandra: {@link dev.asynccassandra.api.AsyncSession}, its
 * options and its results. Follows semantic versioning.
 */
@NullMarked
package dev.asynccassandra.api;

import org.jspecify.annotations.NullMarked;
