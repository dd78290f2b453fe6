package dev.asynccassandra.embedded.api.junit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each extension test class saw, so that the class running last can compare.
 */
final class ExtensionObservations {

	static final Map<String, Long> nodePidByKeyspace = new ConcurrentHashMap<>();

	private ExtensionObservations() {
	}

}
