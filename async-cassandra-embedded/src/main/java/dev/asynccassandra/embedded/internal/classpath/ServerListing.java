package dev.asynccassandra.embedded.internal.classpath;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import dev.asynccassandra.embedded.api.EmbeddedCassandraException;

/**
 * The server's jars as recorded by {@code async-cassandra-embedded-server}: one line of
 * {@code |}-separated entries where {@code @} stands for the local Maven repository. Read
 * as class-path resources, so it works from jars, class folders and Spring Boot fat jars
 * alike.
 *
 * @param artifacts the jars in classpath order
 * @param cassandraVersion the server version
 */
public record ServerListing(List<ServerArtifact> artifacts, String cassandraVersion) {

	/** Resource listing the server's jars. */
	public static final String CLASSPATH_RESOURCE = "META-INF/async-cassandra/cassandra-server.classpath";

	/** Resource holding {@code cassandra.version}. */
	public static final String PROPERTIES_RESOURCE = "META-INF/async-cassandra/cassandra-server.properties";

	/**
	 * Compact constructor: copies the list.
	 * @param artifacts the jars in classpath order
	 * @param cassandraVersion the server version
	 */
	public ServerListing {
		artifacts = List.copyOf(artifacts);
	}

	/**
	 * Reads the listing from the class path.
	 * @param classLoader the loader holding the resources
	 * @return the listing
	 * @throws EmbeddedCassandraException if a resource is missing or malformed
	 */
	public static ServerListing read(ClassLoader classLoader) {
		Properties properties = new Properties();
		try {
			properties.load(new StringReader(readResource(classLoader, PROPERTIES_RESOURCE)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return parse(readResource(classLoader, CLASSPATH_RESOURCE), properties.getProperty("cassandra.version", "?"));
	}

	/**
	 * Parses a listing.
	 * @param listing the {@code |}-separated {@code @/...} entries
	 * @param cassandraVersion the server version
	 * @return the listing
	 * @throws EmbeddedCassandraException if the listing is empty or an entry is not a
	 * path in the local repository
	 */
	public static ServerListing parse(String listing, String cassandraVersion) {
		List<ServerArtifact> artifacts = new ArrayList<>();
		for (String entry : listing.trim().split("\\|")) {
			String trimmed = entry.trim();
			if (trimmed.isEmpty()) {
				continue;
			}
			if (!trimmed.startsWith("@")) {
				throw new EmbeddedCassandraException("Server classpath entry '" + trimmed + "' in " + CLASSPATH_RESOURCE
						+ " is not relative to the local Maven repository (@/...)");
			}
			artifacts.add(ServerArtifact.fromRepositoryPath(trimmed.substring(1)));
		}
		if (artifacts.isEmpty()) {
			throw new EmbeddedCassandraException(
					"The Cassandra server classpath listing " + CLASSPATH_RESOURCE + " is empty");
		}
		return new ServerListing(artifacts, cassandraVersion);
	}

	private static String readResource(ClassLoader classLoader, String name) {
		try (InputStream input = classLoader.getResourceAsStream(name)) {
			if (input == null) {
				throw new EmbeddedCassandraException("Resource " + name
						+ " not found: add the dev.asynccassandra:async-cassandra-embedded-server jar to the classpath");
			}
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read resource " + name, ex);
		}
	}

}
