package dev.asynccassandra.embedded.api.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a real embedded Cassandra node, through
 * {@link EmbeddedCassandraExtension}: one node per test JVM, started on first use and
 * stopped when the JVM's tests end, and a fresh keyspace per test class.
 *
 * @since 0.1.0
 */
@Target({ ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EmbeddedCassandraExtension.class)
public @interface EmbeddedCassandraTest {

}
