/**
 * A real Apache Cassandra 5.0 node, or a small cluster, run in child JVMs for tests and
 * local development.
 */
@NullMarked
package dev.asynccassandra.embedded.api;

import org.jspecify.annotations.NullMarked;
