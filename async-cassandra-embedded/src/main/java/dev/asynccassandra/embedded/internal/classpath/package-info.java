/**
 * The Cassandra server's classpath: the recorded listing of its jars, where they live in
 * the local Maven repository, and fetching missing ones with Maven Resolver; may change
 * without notice.
 */
@NullMarked
package dev.asynccassandra.embedded.internal.classpath;

import org.jspecify.annotations.NullMarked;
