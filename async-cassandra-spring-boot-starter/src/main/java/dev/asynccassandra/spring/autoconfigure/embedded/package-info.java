/**
 * Auto-configuration of an embedded Cassandra node for local development.
 */
@NullMarked
package dev.asynccassandra.spring.autoconfigure.embedded;

import org.jspecify.annotations.NullMarked;
