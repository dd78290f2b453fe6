package dev.asynccassandra.spring.diagnostics;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.SSLHandshakeException;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.InvalidKeyspaceException;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.metadata.EndPoint;
import com.datastax.oss.driver.api.core.metadata.Node;
import dev.asynccassandra.spring.session.LocalDatacenterMismatchException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Tests for {@link AsyncCassandraFailureAnalyzer}.
 */
class AsyncCassandraFailureAnalyzerTests {

	private final AsyncCassandraFailureAnalyzer analyzer = new AsyncCassandraFailureAnalyzer();

	@Test
	void unreachableContactPointsShouldBeNamedWithAnAction() {
		Node node = node("10.0.0.7:9042");
		AllNodesFailedException failure = AllNodesFailedException
			.fromErrors(List.of(Map.entry(node, new IllegalStateException("connection refused"))));
		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("cassandraSession", failure));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("Could not reach any Cassandra contact point")
			.contains("10.0.0.7:9042");
		assertThat(analysis.getAction()).contains("spring.cassandra.contact-points")
			.contains("async-cassandra.embedded.enabled");
		assertThat(analysis.getCause()).isSameAs(failure);
	}

	@Test
	void authenticationFailureShouldPointAtCredentialsWithoutThePassword() {
		Node node = node("10.0.0.7:9042");
		AuthenticationException refused = new AuthenticationException(node.getEndPoint(),
				"Provided username app and/or password s3cr3t-pa55 are incorrect");
		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("cassandraSession",
				AllNodesFailedException.fromErrors(List.of(Map.entry(node, refused)))));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("refused the credentials").doesNotContain("s3cr3t-pa55");
		assertThat(analysis.getAction()).contains("spring.cassandra.password").doesNotContain("s3cr3t-pa55");
	}

	@Test
	void missingLocalDatacenterShouldPointAtTheProperty() {
		IllegalStateException failure = new IllegalStateException(
				"Since you provided explicit contact points, the local DC must be explicitly set (see "
						+ "basic.load-balancing-policy.local-datacenter in the config)");
		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("cassandraSession", failure));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("no local datacenter");
		assertThat(analysis.getAction()).contains("spring.cassandra.local-datacenter");
	}

	@Test
	void tlsHandshakeFailureShouldPointAtTheSslSettings() {
		Node node = node("10.0.0.7:9042");
		IllegalStateException connectFailure = new IllegalStateException("connection init failed",
				new SSLHandshakeException("PKIX path building failed"));
		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("cassandraSession",
				AllNodesFailedException.fromErrors(List.of(Map.entry(node, connectFailure)))));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("TLS handshake").contains("PKIX path building failed");
		assertThat(analysis.getAction()).contains("spring.cassandra.ssl.bundle");
	}

	@Test
	void localDatacenterThatNoNodeIsInShouldNameTheDatacentersTheDriverFound() {
		LocalDatacenterMismatchException failure = new LocalDatacenterMismatchException("dc-typo",
				Set.of("eu-west", "eu-central"));
		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("asyncSession", failure));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("'dc-typo'")
			.contains("eu-west")
			.contains("eu-central")
			.doesNotContain("Could not reach");
		assertThat(analysis.getAction()).contains("spring.cassandra.local-datacenter");
	}

	@Test
	void missingKeyspaceShouldPointAtTheKeyspaceProperty() {
		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("cassandraSession",
				new InvalidKeyspaceException("Keyspace 'shop' does not exist")));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("Keyspace 'shop' does not exist");
		assertThat(analysis.getAction()).contains("spring.cassandra.keyspace-name");
	}

	@Test
	void unrelatedFailureShouldNotBeAnalyzed() {
		assertThat(this.analyzer.analyze(new BeanCreationException("other", new IllegalStateException("boom"))))
			.isNull();
	}

	private static Node node(String address) {
		EndPoint endPoint = mock(EndPoint.class);
		when(endPoint.toString()).thenReturn(address);
		when(endPoint.resolve()).thenReturn(InetSocketAddress.createUnresolved("10.0.0.7", 9042));
		Node node = mock(Node.class);
		when(node.getEndPoint()).thenReturn(endPoint);
		return node;
	}

}
