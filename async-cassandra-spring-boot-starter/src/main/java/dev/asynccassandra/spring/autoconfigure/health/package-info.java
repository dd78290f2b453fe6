/**
 * Auto-configuration of the async-cassandra health contributor.
 */
@NullMarked
package dev.asynccassandra.spring.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
