package dev.asynccassandra.embedded.internal.classpath;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.asynccassandra.embedded.api.EmbeddedCassandraServerJarsException;

/**
 * The Cassandra server's jars in the local Maven repository, fetched there first if some
 * are missing (see {@link ServerRepositories} for which repositories).
 */
public final class ServerClasspath {

	/** One fetch at a time in this JVM: parallel node starts fetch once. */
	private static final Object FETCH_LOCK = new Object();

	private final List<Path> jars;

	private final String cassandraVersion;

	private final ResolutionReport report;

	private ServerClasspath(List<Path> jars, String cassandraVersion, ResolutionReport report) {
		this.jars = List.copyOf(jars);
		this.cassandraVersion = cassandraVersion;
		this.report = report;
	}

	/**
	 * Returns a classpath of known jars, without checking them.
	 * @param jars the jars in classpath order
	 * @param cassandraVersion the server version
	 * @return the classpath
	 */
	public static ServerClasspath of(List<Path> jars, String cassandraVersion) {
		return new ServerClasspath(jars, cassandraVersion, ResolutionReport.NOTHING_MISSING);
	}

	/**
	 * Returns the server's jars in the local repository chosen from this JVM's system
	 * properties and {@code ~/.m2/settings.xml}, fetching missing ones.
	 * @param classLoader the loader holding the listing
	 * @return the classpath
	 * @throws EmbeddedCassandraServerJarsException if jars are missing and cannot be
	 * fetched
	 */
	public static ServerClasspath resolve(ClassLoader classLoader) {
		return resolve(ServerListing.read(classLoader), ServerRepositories.fromEnvironment());
	}

	/**
	 * Returns the listed jars in the given local repository, fetching missing ones. No
	 * network is used when none is missing.
	 * @param listing the server's jars
	 * @param repositories the local and remote repositories
	 * @return the classpath
	 * @throws EmbeddedCassandraServerJarsException if jars are missing and cannot be
	 * fetched
	 */
	public static ServerClasspath resolve(ServerListing listing, ServerRepositories repositories) {
		List<ServerArtifact> missing = missing(listing, repositories.localRepository());
		ResolutionReport report = ResolutionReport.NOTHING_MISSING;
		if (!missing.isEmpty()) {
			synchronized (FETCH_LOCK) {
				missing = missing(listing, repositories.localRepository());
				if (!missing.isEmpty()) {
					report = ServerJarsResolver.fetch(missing, repositories, listing.cassandraVersion());
				}
			}
		}
		List<Path> jars = listing.artifacts()
			.stream()
			.map((artifact) -> jar(repositories, artifact, listing.cassandraVersion()))
			.toList();
		return new ServerClasspath(jars, listing.cassandraVersion(), report);
	}

	private static List<ServerArtifact> missing(ServerListing listing, Path localRepository) {
		return listing.artifacts()
			.stream()
			.filter((artifact) -> !Files.isRegularFile(localRepository.resolve(artifact.path())))
			.toList();
	}

	private static Path jar(ServerRepositories repositories, ServerArtifact artifact, String cassandraVersion) {
		Path jar = repositories.localRepository().resolve(artifact.path());
		if (!Files.isRegularFile(jar)) {
			String reason = "it is still missing after it was fetched";
			throw new EmbeddedCassandraServerJarsException(
					"Cassandra server jar " + jar + " is missing: " + reason + " from " + repositories.remoteUrl(),
					reason, cassandraVersion, List.of(artifact.coordinates()), repositories.localRepository(),
					repositories.remoteUrl(), null);
		}
		return jar;
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

	/**
	 * Returns what making the jars available took.
	 * @return the report; {@link ResolutionReport#NOTHING_MISSING} if all were present
	 */
	public ResolutionReport report() {
		return this.report;
	}

}
