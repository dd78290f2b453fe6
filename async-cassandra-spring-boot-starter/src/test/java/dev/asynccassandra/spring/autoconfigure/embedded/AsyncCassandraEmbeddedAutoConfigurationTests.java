package dev.asynccassandra.spring.autoconfigure.embedded;

import java.nio.file.Path;
import java.util.List;

import dev.asynccassandra.embedded.api.EmbeddedCassandra;
import dev.asynccassandra.embedded.api.EmbeddedCassandraConfig;
import dev.asynccassandra.embedded.api.NodeKind;
import dev.asynccassandra.spring.autoconfigure.AsyncCassandraProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cassandra.autoconfigure.CassandraConnectionDetails;
import org.springframework.boot.cassandra.autoconfigure.CassandraProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
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

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			value = { "native-port | 70000 | The native port must be 0 (pick a free port) or 1 to 65535, not 70000",
					"storage-port | -1 | The storage port must be 0 (pick a free port) or 1 to 65535, not -1",
					"startup-timeout | -1s | The startup timeout must be positive, not PT-1S",
					"shutdown-timeout | 0s | The shutdown timeout must be positive, not PT0S" })
	void runWithAValueTheNodeRefusesShouldFailNamingThePropertyBeforeANodeStarts(String property, String value,
			String reason) {
		this.contextRunner
			.withPropertyValues("async-cassandra.embedded.enabled=true",
					"async-cassandra.embedded." + property + "=" + value,
					"async-cassandra.embedded.data-directory=target/embedded-cassandra/never-started")
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable cause = context.getStartupFailure();
				while (cause != null && !(cause instanceof InvalidConfigurationPropertyValueException)) {
					cause = cause.getCause();
				}
				assertThat(cause).isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
						(failure) -> {
							assertThat(failure.getName()).isEqualTo("async-cassandra.embedded." + property);
							assertThat(failure.getReason()).isEqualTo(reason);
						});
				assertThat(EmbeddedCassandra.processesUnder(Path.of("target", "embedded-cassandra", "never-started")))
					.isEmpty();
			});
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
