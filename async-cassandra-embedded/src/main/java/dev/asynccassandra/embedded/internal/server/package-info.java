/**
 * Code that runs inside the Cassandra child JVM (JDK-only); may change without notice.
 */
@NullMarked
package dev.asynccassandra.embedded.internal.server;

import org.jspecify.annotations.NullMarked;
