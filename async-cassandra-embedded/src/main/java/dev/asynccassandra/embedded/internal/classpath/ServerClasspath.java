package dev.asynccassandra.embedded.internal.classpath;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import dev.asynccassandra.embedded.api.EmbeddedCassandraException;
import org.jspecify.annotations.Nullable;

/**
 * The Cassandra server's jars, resolved from the resource written by
 * {@code async-cassandra-embedded-server}: one line of {@code |}-separated entries where
 * {@code @} stands for the local Maven repository.
 */
public final class ServerClasspath {

	/** Resource listing the server's jars. */
	public static final String CLASSPATH_RESOURCE = "META-INF/async-cassandra/cassandra-server.classpath";

	/** Resource holding {@code cassandra.version}. */
	public static final String PROPERTIES_RESOURCE = "META-INF/async-cassandra/cassandra-server.properties";

	private static final String REPOSITORY_PROPERTY = "maven.repo.local";

	private final List<Path> jars;

	private final String cassandraVersion;

	private ServerClasspath(List<Path> jars, String cassandraVersion) {
		this.jars = List.copyOf(jars);
		this.cassandraVersion = cassandraVersion;
	}

	/**
	 * Returns a classpath of known jars, without checking them.
	 * @param jars the jars in classpath order
	 * @param cassandraVersion the server version
	 * @return the classpath
	 */
	public static ServerClasspath of(List<Path> jars, String cassandraVersion) {
		return new ServerClasspath(jars, cassandraVersion);
	}

	/**
	 * Resolves the server's jars in the local Maven repository named by the system
	 * property {@code maven.repo.local}, else {@code ~/.m2/repository}.
	 * @param classLoader the loader holding the resources
	 * @return the classpath
	 * @throws EmbeddedCassandraException if a resource or a jar is missing
	 */
	public static ServerClasspath resolve(ClassLoader classLoader) {
		String listing = readResource(classLoader, CLASSPATH_RESOURCE);
		Properties properties = new Properties();
		try {
			properties.load(new StringReader(readResource(classLoader, PROPERTIES_RESOURCE)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String version = properties.getProperty("cassandra.version", "unknown");
		return parse(listing, localRepository(System.getProperty(REPOSITORY_PROPERTY)), version);
	}

	/**
	 * Returns the local Maven repository to use.
	 * @param configured the value of {@code maven.repo.local}, or {@code null}
	 * @return the repository folder
	 */
	static Path localRepository(@Nullable String configured) {
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured).toAbsolutePath();
		}
		return Path.of(System.getProperty("user.home"), ".m2", "repository");
	}

	/**
	 * Parses a classpath listing and checks that every jar exists.
	 * @param listing the {@code |}-separated entries
	 * @param repository the local Maven repository standing for {@code @}
	 * @param cassandraVersion the server version
	 * @return the classpath
	 * @throws EmbeddedCassandraException naming the first missing jar and how to fetch it
	 */
	static ServerClasspath parse(String listing, Path repository, String cassandraVersion) {
		List<Path> jars = new ArrayList<>();
		for (String entry : listing.trim().split("\\|")) {
			if (entry.isBlank()) {
				continue;
			}
			String trimmed = entry.trim();
			Path jar = trimmed.startsWith("@") ? repository.resolve(trimmed.substring(1).replaceFirst("^/+", ""))
					: Path.of(trimmed);
			if (!Files.isRegularFile(jar)) {
				throw new EmbeddedCassandraException("Cassandra server jar " + jar + " is missing from the local Maven"
						+ " repository " + repository + ". Fetch the server's jars with: ./mvnw dependency:get"
						+ " -Dartifact=org.apache.cassandra:cassandra-all:" + cassandraVersion);
			}
			jars.add(jar);
		}
		if (jars.isEmpty()) {
			throw new EmbeddedCassandraException(
					"The Cassandra server classpath listing " + CLASSPATH_RESOURCE + " is empty");
		}
		return new ServerClasspath(jars, cassandraVersion);
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

	/**
	 * Returns the jars in classpath order.
	 * @return an unmodifiable list of existing jars
	 */
	public List<Path> jars() {
		return this.jars;
	}

	/**
	 * Returns the Cassandra version the jars belong to.
	 * @return a version such as {@code 5.0.6}
	 */
	public String cassandraVersion() {
		return this.cassandraVersion;
	}

}
