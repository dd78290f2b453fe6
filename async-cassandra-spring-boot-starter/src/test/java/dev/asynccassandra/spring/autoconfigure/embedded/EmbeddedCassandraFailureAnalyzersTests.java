package dev.asynccassandra.spring.autoconfigure.embedded;

import java.net.InetAddress;

import dev.asynccassandra.embedded.api.EmbeddedCassandraAuthenticationException;
import dev.asynccassandra.embedded.api.EmbeddedCassandraJavaException;
import dev.asynccassandra.embedded.api.EmbeddedCassandraPortInUseException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedCassandraFailureAnalyzersTests {

	@Test
	void busyNativePortNamesTheAddressAndTheProperty() throws Exception {
		FailureAnalysis analysis = new EmbeddedCassandraPortInUseFailureAnalyzer()
			.analyze(wrapped(new EmbeddedCassandraPortInUseException("native transport port",
					InetAddress.getByName("127.0.0.1"), 9042)));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("native transport port 127.0.0.1:9042 is already in use");
		assertThat(analysis.getAction()).contains("async-cassandra.embedded.native-port").contains("127.0.0.1:9042");
	}

	@Test
	void busyStoragePortNamesTheStoragePortProperty() throws Exception {
		FailureAnalysis analysis = new EmbeddedCassandraPortInUseFailureAnalyzer().analyze(wrapped(
				new EmbeddedCassandraPortInUseException("storage port", InetAddress.getByName("127.0.0.1"), 7000)));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getAction()).contains("async-cassandra.embedded.storage-port");
	}

	@Test
	void missingJavaNamesTheJavaHomeProperty() {
		FailureAnalysis analysis = new EmbeddedCassandraJavaFailureAnalyzer().analyze(wrapped(
				new EmbeddedCassandraJavaException("No Java 17 to 21 found to run Cassandra. Tried: /opt/jdk-25")));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("No Java 17 to 21 found").contains("/opt/jdk-25");
		assertThat(analysis.getAction()).contains("async-cassandra.embedded.java-home").contains("JDK 17 to 21");
	}

	@Test
	void rejectedLoginNamesTheCredentialProperties() {
		FailureAnalysis analysis = new EmbeddedCassandraAuthenticationFailureAnalyzer()
			.analyze(wrapped(new EmbeddedCassandraAuthenticationException(
					"Cassandra node on /127.0.0.1:9042 rejected the credentials of user 'dev'")));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("rejected the credentials of user 'dev'");
		assertThat(analysis.getAction()).contains("spring.cassandra.username")
			.contains("spring.cassandra.password")
			.contains("async-cassandra.embedded.clean-start");
	}

	private static Throwable wrapped(Throwable cause) {
		return new BeanCreationException("asyncCassandraEmbeddedNode", "Failed to instantiate", cause);
	}

}
