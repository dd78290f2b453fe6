/**
 * Implementation of the embedded Cassandra node; may change without notice.
 */
@NullMarked
package dev.asynccassandra.embedded.internal;

import org.jspecify.annotations.NullMarked;
