/**
 * An {@code AsyncSession} that connects in the background, for applications that start
 * while Cassandra is unreachable, and the exception its requests fail with meanwhile.
 */
@NullMarked
package dev.asynccassandra.spring.session;

import org.jspecify.annotations.NullMarked;
