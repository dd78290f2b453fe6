package dev.asynccassandra.spring.autoconfigure.embedded;

import java.net.InetSocketAddress;
import java.util.List;

import dev.asynccassandra.embedded.api.EmbeddedCassandra;
import dev.asynccassandra.embedded.api.EmbeddedCassandraConfig;
import dev.asynccassandra.embedded.api.NodeKind;
import dev.asynccassandra.spring.autoconfigure.AsyncCassandraProperties;
import dev.asynccassandra.spring.autoconfigure.OptionMapper;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.cassandra.autoconfigure.CassandraAutoConfiguration;
import org.springframework.boot.cassandra.autoconfigure.CassandraConnectionDetails;
import org.springframework.boot.cassandra.autoconfigure.CassandraProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Dev mode: starts a real Cassandra node in a child JVM and hands its address (and Spring
 * Boot's {@code spring.cassandra.username} / {@code password}, which the node then
 * requires) to Spring Boot's Cassandra auto-configuration as
 * {@link CassandraConnectionDetails}. Active with {@code async-cassandra-embedded} on the
 * classpath and {@code async-cassandra.embedded.enabled=true}, unless the application
 * already has connection details (Testcontainers, Docker Compose or its own).
 * <p>
 * The application context owns the stop order: the web server's graceful shutdown and the
 * {@code AsyncSession}'s drain run as lifecycle phases, then beans are destroyed in
 * reverse dependency order, so the {@code CqlSession} (which depends on the connection
 * details, which depend on the node) closes before the node drains and exits. The node
 * registers no JVM shutdown hook of its own, which would race the context's shutdown:
 * when the application exits without closing its context (or dies without a word, as with
 * {@code kill -9}), the node sees its parent gone, drains and exits by itself.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = CassandraAutoConfiguration.class)
@ConditionalOnClass({ EmbeddedCassandra.class, CassandraConnectionDetails.class })
@ConditionalOnBooleanProperty(AsyncCassandraProperties.PREFIX + ".embedded.enabled")
@ConditionalOnMissingBean(CassandraConnectionDetails.class)
@EnableConfigurationProperties({ AsyncCassandraProperties.class, CassandraProperties.class })
public final class AsyncCassandraEmbeddedAutoConfiguration {

	AsyncCassandraEmbeddedAutoConfiguration() {
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	EmbeddedCassandra asyncCassandraEmbeddedNode(AsyncCassandraProperties properties,
			CassandraProperties cassandraProperties) {
		return EmbeddedCassandra.start(nodeConfig(properties.getEmbedded(), cassandraProperties));
	}

	@Bean
	CassandraConnectionDetails asyncCassandraEmbeddedConnectionDetails(EmbeddedCassandra node) {
		return new EmbeddedCassandraConnectionDetails(node);
	}

	static EmbeddedCassandraConfig nodeConfig(AsyncCassandraProperties.Embedded embedded,
			CassandraProperties cassandraProperties) {
		EmbeddedCassandraConfig.Builder config = EmbeddedCassandraConfig.builder().shutdownHook(false);
		OptionMapper map = OptionMapper.failing();
		map.map("embedded.native-port", embedded::getNativePort, config::nativePort);
		map.map("embedded.storage-port", embedded::getStoragePort, config::storagePort);
		map.map("embedded.data-directory", embedded::getDataDirectory, config::dataDirectory);
		map.map("embedded.clean-start", embedded::isCleanStart, config::cleanStart);
		map.map("embedded.startup-timeout", embedded::getStartupTimeout, config::startupTimeout);
		map.map("embedded.shutdown-timeout", embedded::getShutdownTimeout, config::shutdownTimeout);
		map.map("embedded.kind", () -> NodeKind.valueOf(embedded.getKind().name()), config::kind);
		map.map("embedded.java-home", embedded::getJavaHome, config::javaHome);
		String username = cassandraProperties.getUsername();
		String password = cassandraProperties.getPassword();
		if (username != null || password != null) {
			if (username == null || username.isBlank() || password == null || password.isEmpty()) {
				throw new IllegalArgumentException("Dev mode (" + AsyncCassandraProperties.PREFIX
						+ ".embedded.enabled=true) needs both spring.cassandra.username and spring.cassandra.password,"
						+ " or neither: the embedded node requires the login they describe");
			}
			config.credentials(username, password);
		}
		return config.build();
	}

	/**
	 * Connection details of a running embedded node, read when the session is built.
	 */
	static final class EmbeddedCassandraConnectionDetails implements CassandraConnectionDetails {

		private final EmbeddedCassandra node;

		EmbeddedCassandraConnectionDetails(EmbeddedCassandra node) {
			this.node = node;
		}

		@Override
		public List<Node> getContactPoints() {
			InetSocketAddress contactPoint = this.node.contactPoint();
			return List.of(new Node(contactPoint.getHostString(), contactPoint.getPort()));
		}

		@Override
		public @Nullable String getUsername() {
			return this.node.config().username();
		}

		@Override
		public @Nullable String getPassword() {
			return this.node.config().password();
		}

		@Override
		public String getLocalDatacenter() {
			return this.node.localDatacenter();
		}

	}

}
