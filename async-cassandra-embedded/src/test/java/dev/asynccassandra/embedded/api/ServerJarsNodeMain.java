package dev.asynccassandra.embedded.api;

import java.nio.file.Path;

/**
 * Run in a separate JVM by {@link ServerJarsOnDemandIT}, with {@code maven.repo.local}
 * and {@value EmbeddedCassandraServerJarsException#REPOSITORY_PROPERTY} set: starts a
 * node, prints its release version, stops it and exits.
 */
public final class ServerJarsNodeMain {

	static final String READY_PREFIX = "NODE_READY release_version=";

	private ServerJarsNodeMain() {
	}

	public static void main(String[] arguments) {
		try (EmbeddedCassandra cassandra = EmbeddedCassandra.start(EmbeddedCassandraConfig.builder()
			.nativePort(0)
			.storagePort(0)
			.cleanStart(true)
			.dataDirectory(Path.of(arguments[0]))
			.build())) {
			System.out.println(READY_PREFIX + cassandra.releaseVersion());
			System.out.flush();
		}
	}

}
