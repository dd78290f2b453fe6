package dev.asynccassandra.embedded.api;

import java.nio.file.Path;

/**
 * Node configurations for tests: free ports, an ephemeral node with a clean folder per
 * test under {@code target}.
 */
final class TestConfigs {

	private TestConfigs() {
	}

	/**
	 * The node's own request timeouts: as long as the longest client timeout of these
	 * tests, so that a test's bound is its client's timeout alone. With Cassandra's
	 * defaults (2 s for writes, 5 s for reads) a busy machine made the node answer
	 * {@code WriteTimeoutException} to a test that asserts only that rows are stored.
	 */
	static final String SERVER_TIMEOUT = "60000ms";

	static EmbeddedCassandraConfig.Builder node(String name) {
		EmbeddedCassandraConfig.Builder builder = EmbeddedCassandraConfig.builder()
			.nativePort(0)
			.storagePort(0)
			.kind(NodeKind.EPHEMERAL)
			.dataDirectory(Path.of("target", "embedded-cassandra", "it", name));
		for (String timeout : new String[] { "read_request_timeout", "range_request_timeout", "write_request_timeout",
				"counter_write_request_timeout", "request_timeout" }) {
			builder.yamlEntry(timeout, "'" + SERVER_TIMEOUT + "'");
		}
		return builder;
	}

}
