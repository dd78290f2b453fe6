package dev.asynccassandra.embedded.internal.node;

import dev.asynccassandra.embedded.api.EmbeddedCassandraConfig;

/**
 * Creates a node's launch settings once its ports are known.
 */
@FunctionalInterface
interface NodeSettingsFactory {

	/**
	 * Creates the settings.
	 * @param config the node's configuration
	 * @param nativePort the resolved CQL port
	 * @param storagePort the resolved inter-node port
	 * @return the settings
	 */
	NodeSettings create(EmbeddedCassandraConfig config, int nativePort, int storagePort);

}
