package dev.asynccassandra.spring.autoconfigure;

import dev.asynccassandra.api.AsyncSessionBuilder;

/**
 * Customizes the {@link AsyncSessionBuilder} of the auto-configured {@code AsyncSession}.
 * Customizers run in {@code @Order} order, after the {@code async-cassandra.*} properties
 * were applied.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface AsyncSessionBuilderCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder to customize
	 */
	void customize(AsyncSessionBuilder builder);

}
