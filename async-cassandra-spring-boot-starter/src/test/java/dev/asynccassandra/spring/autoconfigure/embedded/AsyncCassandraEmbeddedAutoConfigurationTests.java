package dev.asynccassandra.spring.autoconfigure.embedded;

import java.util.List;

import dev.asynccassandra.embedded.api.EmbeddedCassandra;
import dev.asynccassandra.embedded.api.EmbeddedCassandraConfig;
import dev.asynccassandra.embedded.api.NodeKind;
import dev.asynccassandra.spring.autoconfigure.AsyncCassandraProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cassandra.autoconfigure.CassandraConnectionDetails;
import org.springframework.boot.cassandra.autoconfigure.CassandraProperties;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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

	@Test
	void devModeNodeIsDurableWithoutJvmShutdownHookByDefault() {
		EmbeddedCassandraConfig config = AsyncCassandraEmbeddedAutoConfiguration
			.nodeConfig(new AsyncCassandraProperties().getEmbedded(), new CassandraProperties());
		assertThat(config.kind()).isEqualTo(NodeKind.DURABLE);
		assertThat(config.shutdownHook()).isFalse();
		assertThat(config.cleanStart()).isFalse();
		assertThat(config.username()).isNull();
	}

	@Test
	void bootCredentialsBecomeTheNodesRole() {
		CassandraProperties cassandra = new CassandraProperties();
		cassandra.setUsername("dev");
		cassandra.setPassword("s3cret");
		AsyncCassandraProperties properties = new AsyncCassandraProperties();
		properties.getEmbedded().setKind(AsyncCassandraProperties.Embedded.NodeKind.EPHEMERAL);
		EmbeddedCassandraConfig config = AsyncCassandraEmbeddedAutoConfiguration.nodeConfig(properties.getEmbedded(),
				cassandra);
		assertThat(config.username()).isEqualTo("dev");
		assertThat(config.password()).isEqualTo("s3cret");
		assertThat(config.kind()).isEqualTo(NodeKind.EPHEMERAL);
	}

	@Test
	void usernameWithoutPasswordIsRejectedNamingBothProperties() {
		CassandraProperties cassandra = new CassandraProperties();
		cassandra.setUsername("dev");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AsyncCassandraEmbeddedAutoConfiguration
				.nodeConfig(new AsyncCassandraProperties().getEmbedded(), cassandra))
			.withMessageContaining("spring.cassandra.username")
			.withMessageContaining("spring.cassandra.password");
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
