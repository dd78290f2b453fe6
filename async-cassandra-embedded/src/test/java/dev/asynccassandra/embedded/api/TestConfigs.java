package dev.asynccassandra.embedded.api;

import java.nio.file.Path;

/**
 * Node configurations for tests: free ports, an ephemeral node with a clean folder per
 * test under {@code target}.
 */
final class TestConfigs {

	private TestConfigs() {
	}

	static EmbeddedCassandraConfig.Builder node(String name) {
		return EmbeddedCassandraConfig.builder()
			.nativePort(0)
			.storagePort(0)
			.kind(NodeKind.EPHEMERAL)
			.dataDirectory(Path.of("target", "embedded-cassandra", "it", name));
	}

}
