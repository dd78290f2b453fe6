package dev.asynccassandra.embedded.api.junit;

import java.util.Objects;

/**
 * Names the keyspace created for the current test class by
 * {@link EmbeddedCassandraExtension}; inject it as a test or lifecycle method parameter.
 *
 * @param name the keyspace name, a valid unquoted CQL identifier
 * @since 0.1.0
 */
public record EmbeddedKeyspace(String name) {

	/**
	 * Creates the value.
	 * @param name the keyspace name
	 */
	public EmbeddedKeyspace {
		Objects.requireNonNull(name, "'name' must not be null");
	}

}
