package dev.asynccassandra.spring.autoconfigure.embedded;

import java.util.List;

import dev.asynccassandra.embedded.api.EmbeddedCassandra;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cassandra.autoconfigure.CassandraConnectionDetails;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AsyncCassandraEmbeddedAutoConfiguration} that start no node; the
 * {@code AsyncCassandraDevModeIT} integration test starts one.
 */
class AsyncCassandraEmbeddedAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AsyncCassandraEmbeddedAutoConfiguration.class));

	@Test
	void runByDefaultShouldNotStartANode() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedCassandra.class)
			.doesNotHaveBean(CassandraConnectionDetails.class));
	}

	@Test
	void runWhenEmbeddedIsNotOnClasspathShouldNotStartANode() {
		this.contextRunner.withPropertyValues("async-cassandra.embedded.enabled=true")
			.withClassLoader(new FilteredClassLoader(EmbeddedCassandra.class))
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedCassandra.class)
				.doesNotHaveBean(CassandraConnectionDetails.class));
	}

	@Test
	void runWithUserConnectionDetailsShouldNotStartANode() {
		this.contextRunner.withPropertyValues("async-cassandra.embedded.enabled=true")
			.withBean(CassandraConnectionDetails.class, UserConnectionDetails::new)
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedCassandra.class)
				.hasSingleBean(CassandraConnectionDetails.class));
	}

	static final class UserConnectionDetails implements CassandraConnectionDetails {

		@Override
		public List<Node> getContactPoints() {
			return List.of(new Node("cassandra.example", 9042));
		}

		@Override
		public String getLocalDatacenter() {
			return "dc1";
		}

	}

}
