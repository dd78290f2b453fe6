package dev.asynccassandra.spring.autoconfigure.embedded;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

import dev.asynccassandra.embedded.api.EmbeddedCassandra;
import dev.asynccassandra.embedded.api.EmbeddedCassandraConfig;
import dev.asynccassandra.spring.autoconfigure.AsyncCassandraProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.cassandra.autoconfigure.CassandraAutoConfiguration;
import org.springframework.boot.cassandra.autoconfigure.CassandraConnectionDetails;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Dev mode: starts a real Cassandra node in a child JVM and hands its address to Spring
 * Boot's Cassandra auto-configuration as {@link CassandraConnectionDetails}. Active with
 * {@code async-cassandra-embedded} on the classpath and
 * {@code async-cassandra.embedded.enabled=true}, unless the application already has
 * connection details (Testcontainers, Docker Compose or its own). The node starts before
 * the {@code CqlSession} is created and stops after it is closed: the session depends on
 * the connection details, which depend on the node.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = CassandraAutoConfiguration.class)
@ConditionalOnClass({ EmbeddedCassandra.class, CassandraConnectionDetails.class })
@ConditionalOnBooleanProperty(AsyncCassandraProperties.PREFIX + ".embedded.enabled")
@ConditionalOnMissingBean(CassandraConnectionDetails.class)
@EnableConfigurationProperties(AsyncCassandraProperties.class)
public final class AsyncCassandraEmbeddedAutoConfiguration {

	AsyncCassandraEmbeddedAutoConfiguration() {
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	EmbeddedCassandra asyncCassandraEmbeddedNode(AsyncCassandraProperties properties) {
		AsyncCassandraProperties.Embedded embedded = properties.getEmbedded();
		EmbeddedCassandraConfig.Builder config = EmbeddedCassandraConfig.builder()
			.nativePort(embedded.getNativePort())
			.storagePort(embedded.getStoragePort())
			.cleanStart(embedded.isCleanStart())
			.startupTimeout(embedded.getStartupTimeout());
		Path dataDirectory = embedded.getDataDirectory();
		if (dataDirectory != null) {
			config.dataDirectory(dataDirectory);
		}
		return EmbeddedCassandra.start(config.build());
	}

	@Bean
	CassandraConnectionDetails asyncCassandraEmbeddedConnectionDetails(EmbeddedCassandra node) {
		return new EmbeddedCassandraConnectionDetails(node);
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
		public String getLocalDatacenter() {
			return this.node.localDatacenter();
		}

	}

}
