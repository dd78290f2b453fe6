/**
 * JUnit Jupiter support: one embedded node per test JVM and one keyspace per test class.
 */
@NullMarked
package dev.asynccassandra.embedded.api.junit;

import org.jspecify.annotations.NullMarked;
