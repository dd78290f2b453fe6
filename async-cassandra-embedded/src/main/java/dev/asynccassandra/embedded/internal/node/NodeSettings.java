package dev.asynccassandra.embedded.internal.node;

import java.util.List;

import dev.asynccassandra.embedded.api.EmbeddedCassandraConfig;

/**
 * Everything one node launch needs beyond its {@link EmbeddedCassandraConfig}: the
 * resolved ports, its token and its seeds.
 *
 * @param config the node's configuration
 * @param nativePort the CQL port (never 0)
 * @param storagePort the inter-node port (never 0)
 * @param initialToken the node's single Murmur3 token
 * @param seeds the seed addresses as {@code host:port}
 * @param clusterMember whether the node is one of several (no bootstrap, fast gossip)
 */
record NodeSettings(EmbeddedCassandraConfig config, int nativePort, int storagePort, long initialToken,
		List<String> seeds, boolean clusterMember) {

	/**
	 * Creates validated settings.
	 * @param config the node's configuration
	 * @param nativePort the CQL port (never 0)
	 * @param storagePort the inter-node port (never 0)
	 * @param initialToken the node's single Murmur3 token
	 * @param seeds the seed addresses as {@code host:port}
	 * @param clusterMember whether the node is one of several
	 */
	public NodeSettings {
		if (nativePort <= 0 || storagePort <= 0) {
			throw new IllegalArgumentException("Ports must be resolved before launch");
		}
		seeds = List.copyOf(seeds);
	}

	/**
	 * Returns the settings of a single node: its own address is its seed.
	 * @param config the configuration
	 * @param nativePort the resolved CQL port
	 * @param storagePort the resolved inter-node port
	 * @return the settings
	 */
	public static NodeSettings singleNode(EmbeddedCassandraConfig config, int nativePort, int storagePort) {
		String seed = config.address().getHostAddress() + ":" + storagePort;
		return new NodeSettings(config, nativePort, storagePort, TokenRing.tokens(1).get(0), List.of(seed), false);
	}

}
