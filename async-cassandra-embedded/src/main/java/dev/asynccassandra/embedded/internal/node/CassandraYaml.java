package dev.asynccassandra.embedded.internal.node;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.asynccassandra.embedded.api.NodeKind;

/**
 * Renders a node's {@code cassandra.yaml}: built-in entries for an embedded node, then
 * the configured extra entries, which replace built-in entries with the same key.
 */
final class CassandraYaml {

	private CassandraYaml() {
	}

	/**
	 * Renders the YAML document.
	 * @param settings the node settings
	 * @param directory the node's folder layout
	 * @return the document text
	 */
	public static String render(NodeSettings settings, NodeDirectory directory) {
		Map<String, String> entries = new LinkedHashMap<>();
		String address = settings.config().address().getHostAddress();
		entries.put("cluster_name", quote(settings.config().clusterName()));
		entries.put("num_tokens", "1");
		entries.put("initial_token", Long.toString(settings.initialToken()));
		entries.put("partitioner", "org.apache.cassandra.dht.Murmur3Partitioner");
		entries.put("data_file_directories", "\n    - " + quote(directory.data().toString()));
		entries.put("commitlog_directory", quote(directory.commitLog().toString()));
		entries.put("saved_caches_directory", quote(directory.savedCaches().toString()));
		entries.put("hints_directory", quote(directory.hints().toString()));
		entries.put("cdc_raw_directory", quote(directory.cdcRaw().toString()));
		if (settings.config().kind() == NodeKind.DURABLE) {
			// A write is acknowledged once its commit log entry is on disk.
			entries.put("commitlog_sync", "batch");
		}
		else {
			entries.put("commitlog_sync", "periodic");
			entries.put("commitlog_sync_period", "10000ms");
		}
		entries.put("seed_provider", "\n    - class_name: org.apache.cassandra.locator.SimpleSeedProvider\n"
				+ "      parameters:\n        - seeds: " + quote(String.join(",", settings.seeds())));
		entries.put("listen_address", address);
		entries.put("rpc_address", address);
		entries.put("storage_port", Integer.toString(settings.storagePort()));
		entries.put("native_transport_port", Integer.toString(settings.nativePort()));
		entries.put("start_native_transport", "true");
		entries.put("endpoint_snitch", "SimpleSnitch");
		entries.put("auto_snapshot", "false");
		boolean authenticated = settings.config().username() != null;
		entries.put("authenticator", authenticated ? "PasswordAuthenticator" : "AllowAllAuthenticator");
		if (authenticated) {
			// No caching of logins and roles: the role created (and the default one
			// dropped) at the first start takes effect at once, not seconds later.
			entries.put("credentials_validity", "0ms");
			entries.put("roles_validity", "0ms");
		}
		entries.put("authorizer", "AllowAllAuthorizer");
		if (settings.clusterMember()) {
			entries.put("auto_bootstrap", "false");
			entries.put("phi_convict_threshold", "5");
		}
		entries.putAll(settings.config().yamlEntries());
		StringBuilder yaml = new StringBuilder("# Written by async-cassandra-embedded; rewritten at every start.\n");
		entries.forEach((key, value) -> yaml.append(key)
			.append(':')
			.append(value.startsWith("\n") ? "" : " ")
			.append(value)
			.append('\n'));
		return yaml.toString();
	}

	private static String quote(String text) {
		return "'" + text.replace("'", "''") + "'";
	}

}
