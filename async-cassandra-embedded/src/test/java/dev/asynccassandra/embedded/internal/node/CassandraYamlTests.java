package dev.asynccassandra.embedded.internal.node;

import java.nio.file.Path;
import java.util.List;

import dev.asynccassandra.embedded.api.EmbeddedCassandraConfig;
import dev.asynccassandra.embedded.api.NodeKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CassandraYamlTests {

	private final NodeDirectory directory = new NodeDirectory(Path.of("/data/node-1"));

	@Test
	void singleNodeYamlHasEveryKeyANodeNeeds() {
		EmbeddedCassandraConfig config = EmbeddedCassandraConfig.builder()
			.clusterName("it cluster")
			.kind(NodeKind.EPHEMERAL)
			.build();
		String yaml = CassandraYaml.render(NodeSettings.singleNode(config, 9142, 7100), this.directory);
		assertThat(yaml).contains("cluster_name: 'it cluster'\n")
			.contains("num_tokens: 1\n")
			.contains("initial_token: -9223372036854775808\n")
			.contains("partitioner: org.apache.cassandra.dht.Murmur3Partitioner\n")
			.contains("data_file_directories:\n    - '/data/node-1/data'\n")
			.contains("commitlog_directory: '/data/node-1/commitlog'\n")
			.contains("saved_caches_directory: '/data/node-1/saved_caches'\n")
			.contains("hints_directory: '/data/node-1/hints'\n")
			.contains("cdc_raw_directory: '/data/node-1/cdc_raw'\n")
			.contains("commitlog_sync: periodic\n")
			.contains("commitlog_sync_period: 10000ms\n")
			.contains("seed_provider:\n    - class_name: org.apache.cassandra.locator.SimpleSeedProvider\n"
					+ "      parameters:\n        - seeds: '127.0.0.1:7100'\n")
			.contains("listen_address: 127.0.0.1\n")
			.contains("rpc_address: 127.0.0.1\n")
			.contains("storage_port: 7100\n")
			.contains("native_transport_port: 9142\n")
			.contains("start_native_transport: true\n")
			.contains("endpoint_snitch: SimpleSnitch\n")
			.contains("auto_snapshot: false\n")
			.contains("authenticator: AllowAllAuthenticator\n")
			.doesNotContain("auto_bootstrap");
	}

	@Test
	void durableNodeSyncsTheCommitLogBeforeAcknowledgingAWrite() {
		EmbeddedCassandraConfig config = EmbeddedCassandraConfig.builder().build();
		String yaml = CassandraYaml.render(NodeSettings.singleNode(config, 9042, 7000), this.directory);
		assertThat(yaml).contains("commitlog_sync: batch\n").doesNotContain("commitlog_sync_period");
	}

	@Test
	void nodeWithCredentialsRequiresPasswordAuthenticationAndNeverHoldsThePassword() {
		EmbeddedCassandraConfig config = EmbeddedCassandraConfig.builder().credentials("dev", "s3cret").build();
		String yaml = CassandraYaml.render(NodeSettings.singleNode(config, 9042, 7000), this.directory);
		assertThat(yaml).contains("authenticator: PasswordAuthenticator\n")
			.contains("credentials_validity: 0ms\n")
			.contains("roles_validity: 0ms\n")
			.doesNotContain("s3cret");
	}

	@Test
	void clusterMemberDoesNotBootstrapAndDetectsFailuresQuickly() {
		EmbeddedCassandraConfig config = EmbeddedCassandraConfig.builder().address("127.0.0.2").build();
		NodeSettings settings = new NodeSettings(config, 9042, 7000, 42L, List.of("127.0.0.1:7000"), true);
		String yaml = CassandraYaml.render(settings, this.directory);
		assertThat(yaml).contains("auto_bootstrap: false\n")
			.contains("phi_convict_threshold: 5\n")
			.contains("initial_token: 42\n")
			.contains("listen_address: 127.0.0.2\n")
			.contains("seeds: '127.0.0.1:7000'");
	}

	@Test
	void extraEntryReplacesBuiltInEntryOnce() {
		EmbeddedCassandraConfig config = EmbeddedCassandraConfig.builder()
			.yamlEntry("auto_snapshot", "true")
			.yamlEntry("read_request_timeout", "'10s'")
			.build();
		String yaml = CassandraYaml.render(NodeSettings.singleNode(config, 9042, 7000), this.directory);
		assertThat(yaml).contains("auto_snapshot: true\n")
			.doesNotContain("auto_snapshot: false")
			.contains("read_request_timeout: '10s'\n");
	}

	@Test
	void logbackConfigurationWritesSystemLogWithMillisecondPattern() {
		String xml = LogbackConfiguration.render(this.directory);
		assertThat(xml).contains("<file>/data/node-1/logs/system.log</file>").contains("%date{HH:mm:ss.SSS}");
	}

}
