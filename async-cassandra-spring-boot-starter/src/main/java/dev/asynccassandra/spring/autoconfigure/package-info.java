/**
 * Auto-configuration of an {@code AsyncSession} over Spring Boot's {@code CqlSession}.
 */
@NullMarked
package dev.asynccassandra.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
