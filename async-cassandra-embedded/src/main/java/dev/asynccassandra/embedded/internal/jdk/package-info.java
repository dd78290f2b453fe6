/**
 * Finding a Java home able to run Cassandra; may change without notice.
 */
@NullMarked
package dev.asynccassandra.embedded.internal.jdk;

import org.jspecify.annotations.NullMarked;
