/**
 * Launching, watching and stopping one Cassandra child JVM; may change without notice.
 */
@NullMarked
package dev.asynccassandra.embedded.internal.node;

import org.jspecify.annotations.NullMarked;
