/**
 * Resolving the Cassandra server's classpath in a local Maven repository; may change
 * without notice.
 */
@NullMarked
package dev.asynccassandra.embedded.internal.classpath;

import org.jspecify.annotations.NullMarked;
