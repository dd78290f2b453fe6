package dev.asynccassandra.embedded.api.junit;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import dev.asynccassandra.embedded.api.EmbeddedCassandra;
import dev.asynccassandra.embedded.api.EmbeddedCassandraConfig;
import dev.asynccassandra.embedded.api.NodeKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one node of a test JVM, kept in JUnit's root store and stopped when the store
 * closes. Its folder is named after the JVM's pid and kept for inspection until a later
 * test JVM removes it.
 */
final class SharedNode implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SharedNode.class);

	private static final Path PARENT = Path.of("target", "embedded-cassandra");

	private static final String PREFIX = "junit-";

	private final EmbeddedCassandra cassandra;

	private SharedNode(EmbeddedCassandra cassandra) {
		this.cassandra = cassandra;
	}

	/**
	 * Removes the folders of earlier test JVMs that are gone, then starts the node on
	 * free ports, an ephemeral node with a clean folder named after this JVM's pid.
	 * @return the running node
	 */
	static SharedNode start() {
		removeFoldersOfEndedRuns();
		EmbeddedCassandraConfig config = EmbeddedCassandraConfig.builder()
			.nativePort(0)
			.storagePort(0)
			.kind(NodeKind.EPHEMERAL)
			.dataDirectory(PARENT.resolve(PREFIX + ProcessHandle.current().pid()))
			.build();
		return new SharedNode(EmbeddedCassandra.start(config));
	}

	private static void removeFoldersOfEndedRuns() {
		if (!Files.isDirectory(PARENT)) {
			return;
		}
		try (DirectoryStream<Path> folders = Files.newDirectoryStream(PARENT, PREFIX + "*")) {
			for (Path folder : folders) {
				String pid = folder.getFileName().toString().substring(PREFIX.length());
				if (pid.matches("[0-9]+") && !isAlive(Long.parseLong(pid)) && !hasLiveNode(folder)) {
					deleteRecursively(folder);
				}
			}
		}
		catch (IOException ex) {
			logger.debug("Cannot remove folders of ended test runs under {}", PARENT, ex);
		}
	}

	private static boolean hasLiveNode(Path folder) throws IOException {
		Path pidFile = folder.resolve("cassandra.pid");
		if (!Files.isRegularFile(pidFile)) {
			return false;
		}
		String pid = Files.readString(pidFile).trim();
		return pid.matches("[0-9]+") && isAlive(Long.parseLong(pid));
	}

	private static boolean isAlive(long pid) {
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	private static void deleteRecursively(Path folder) throws IOException {
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	/**
	 * Returns the node.
	 * @return the node
	 */
	EmbeddedCassandra cassandra() {
		return this.cassandra;
	}

	@Override
	public void close() {
		this.cassandra.stop();
	}

}
