package dev.asynccassandra.embedded.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when jars of the Cassandra server are missing from the local Maven repository
 * and cannot be fetched: offline, the remote repository unreachable or without them, or a
 * download that failed its checksum. No node is launched. The message lists the missing
 * artifacts (the first ones, then how many more), the local repository and the remote
 * repository tried.
 * <p>
 * The server's jars are fetched from Maven Central unless the system property
 * {@value #REPOSITORY_PROPERTY} names another repository (a mirror of Maven Central), or
 * {@code ~/.m2/settings.xml} declares a mirror of {@code central}.
 *
 * @since 0.1.0
 */
public class EmbeddedCassandraServerJarsException extends EmbeddedCassandraException {

	/**
	 * System property naming the repository the server's jars are fetched from, as a URL
	 * ({@code https://...} or {@code file:...}); it takes precedence over the mirrors of
	 * {@code ~/.m2/settings.xml}.
	 */
	public static final String REPOSITORY_PROPERTY = "async-cassandra.embedded.server-repository";

	private static final long serialVersionUID = 1L;

	/** Why the jars could not be fetched. */
	private final String reason;

	/** The Cassandra version the jars belong to. */
	private final String cassandraVersion;

	/** Coordinates ({@code groupId:artifactId:version}) of the missing jars. */
	private final List<String> missingArtifacts;

	/** The local Maven repository the jars were looked for in. */
	private final String localRepository;

	/** The URL of the remote repository tried, or {@code null} when offline. */
	private final @Nullable String remoteRepository;

	/**
	 * Creates an exception.
	 * @param message the description of the failure
	 * @param reason why the jars could not be fetched, such as {@code Connection refused}
	 * @param cassandraVersion the Cassandra version the jars belong to
	 * @param missingArtifacts the coordinates of the missing jars
	 * @param localRepository the local Maven repository
	 * @param remoteRepository the URL of the remote repository tried (without
	 * credentials), or {@code null} if none was tried because Maven is offline
	 * @param cause the underlying failure, or {@code null}
	 */
	public EmbeddedCassandraServerJarsException(String message, String reason, String cassandraVersion,
			List<String> missingArtifacts, Path localRepository, @Nullable String remoteRepository,
			@Nullable Throwable cause) {
		super(message, cause);
		this.reason = reason;
		this.cassandraVersion = cassandraVersion;
		this.missingArtifacts = List.copyOf(missingArtifacts);
		this.localRepository = localRepository.toString();
		this.remoteRepository = remoteRepository;
	}

	/**
	 * Returns why the jars could not be fetched.
	 * @return a short reason, such as {@code Connection refused} or that Maven is offline
	 */
	public String reason() {
		return this.reason;
	}

	/**
	 * Returns the Cassandra version the jars belong to.
	 * @return a version such as {@code 5.0.6}
	 */
	public String cassandraVersion() {
		return this.cassandraVersion;
	}

	/**
	 * Returns the coordinates of the jars that are missing.
	 * @return {@code groupId:artifactId:version} values, in classpath order
	 */
	public List<String> missingArtifacts() {
		return this.missingArtifacts;
	}

	/**
	 * Returns the local Maven repository the jars belong in.
	 * @return the repository folder
	 */
	public Path localRepository() {
		return Path.of(this.localRepository);
	}

	/**
	 * Returns the remote repository the jars were fetched from.
	 * @return its URL, without credentials, or empty if none was tried (Maven offline)
	 */
	public Optional<String> remoteRepository() {
		return Optional.ofNullable(this.remoteRepository);
	}

}
