package dev.asynccassandra.samples;

import java.net.InetSocketAddress;
import java.util.List;

import dev.asynccassandra.embedded.api.EmbeddedCassandra;
import dev.asynccassandra.embedded.api.EmbeddedCassandraConfig;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.cassandra.autoconfigure.CassandraConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real Cassandra node in a child JVM when no contact points are configured, and
 * hands its address to Spring Boot as {@link CassandraConnectionDetails}. The node starts
 * before the {@code CqlSession} is created and stops after it is closed (the session bean
 * depends on the connection details, which depend on the node).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.cassandra.contact-points", matchIfMissing = true, havingValue = "embedded")
class EmbeddedCassandraConfiguration {

	@Bean(destroyMethod = "close")
	EmbeddedCassandra embeddedCassandra(
			@Value("${sample.embedded.native-port:" + EmbeddedCassandraConfig.DEFAULT_NATIVE_PORT + "}") int nativePort,
			@Value("${sample.embedded.storage-port:" + EmbeddedCassandraConfig.DEFAULT_STORAGE_PORT
					+ "}") int storagePort) {
		return EmbeddedCassandra
			.start(EmbeddedCassandraConfig.builder().nativePort(nativePort).storagePort(storagePort).build());
	}

	@Bean
	CassandraConnectionDetails cassandraConnectionDetails(EmbeddedCassandra cassandra) {
		InetSocketAddress contactPoint = cassandra.contactPoint();
		List<CassandraConnectionDetails.Node> nodes = List
			.of(new CassandraConnectionDetails.Node(contactPoint.getHostString(), contactPoint.getPort()));
		String localDatacenter = cassandra.localDatacenter();
		return new CassandraConnectionDetails() {

			@Override
			public List<Node> getContactPoints() {
				return nodes;
			}

			@Override
			public String getLocalDatacenter() {
				return localDatacenter;
			}

		};
	}

}
