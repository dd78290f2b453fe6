package dev.asynccassandra.embedded.internal.node;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

import dev.asynccassandra.embedded.api.EmbeddedCassandraException;

/**
 * The layout of a node's folder: configuration, data, commit log, logs, pid file and the
 * bootstrap classes, all under one root.
 */
final class NodeDirectory {

	private static final String MARKER = ".async-cassandra-embedded";

	private final Path root;

	/**
	 * Creates the layout for a root folder (nothing is written yet).
	 * @param root the absolute node folder
	 */
	public NodeDirectory(Path root) {
		this.root = root;
	}

	/**
	 * Creates the folders, emptying the root first when asked.
	 * @param clean whether to delete the previous content
	 * @throws EmbeddedCassandraException if the folder cannot be used
	 */
	public void prepare(boolean clean) {
		try {
			if (clean && Files.isDirectory(this.root)) {
				deleteContent();
			}
			for (Path folder : new Path[] { this.root, data(), commitLog(), savedCaches(), hints(), cdcRaw(), logs(),
					triggers(), bootstrapClasses() }) {
				Files.createDirectories(folder);
			}
			Files.writeString(this.root.resolve(MARKER), "Folder of an async-cassandra embedded node\n");
		}
		catch (IOException ex) {
			throw new EmbeddedCassandraException("Data directory " + this.root + " is not usable: "
					+ ex.getClass().getSimpleName() + ": " + ex.getMessage(), ex);
		}
	}

	private void deleteContent() throws IOException {
		boolean ours = Files.exists(this.root.resolve(MARKER));
		try (Stream<Path> entries = Files.list(this.root)) {
			if (!ours && entries.findAny().isPresent()) {
				throw new EmbeddedCassandraException("Refusing to clean data directory " + this.root
						+ ": it is not empty and was not created by an embedded Cassandra node");
			}
		}
		Files.walkFileTree(this.root, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
				Files.delete(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
				if (failure != null) {
					throw failure;
				}
				if (!directory.equals(NodeDirectory.this.root)) {
					Files.delete(directory);
				}
				return FileVisitResult.CONTINUE;
			}

		});
	}

	/**
	 * Returns the root folder.
	 * @return the root
	 */
	public Path root() {
		return this.root;
	}

	Path data() {
		return this.root.resolve("data");
	}

	Path commitLog() {
		return this.root.resolve("commitlog");
	}

	Path savedCaches() {
		return this.root.resolve("saved_caches");
	}

	Path hints() {
		return this.root.resolve("hints");
	}

	Path cdcRaw() {
		return this.root.resolve("cdc_raw");
	}

	Path triggers() {
		return this.root.resolve("triggers");
	}

	Path bootstrapClasses() {
		return this.root.resolve("bootstrap");
	}

	/**
	 * Returns the logs folder.
	 * @return the folder holding {@code system.log} and {@code console.log}
	 */
	public Path logs() {
		return this.root.resolve("logs");
	}

	/**
	 * Returns Cassandra's own log file.
	 * @return {@code logs/system.log}
	 */
	public Path systemLog() {
		return logs().resolve("system.log");
	}

	/**
	 * Returns the file receiving the child's standard output and error.
	 * @return {@code logs/console.log}
	 */
	public Path consoleLog() {
		return logs().resolve("console.log");
	}

	Path yaml() {
		return this.root.resolve("cassandra.yaml");
	}

	Path logbackConfiguration() {
		return this.root.resolve("logback.xml");
	}

	Path pidFile() {
		return this.root.resolve("cassandra.pid");
	}

}
