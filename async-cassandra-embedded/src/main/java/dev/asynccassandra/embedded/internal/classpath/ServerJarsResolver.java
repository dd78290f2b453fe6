package dev.asynccassandra.embedded.internal.classpath;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.asynccassandra.embedded.api.EmbeddedCassandraServerJarsException;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.ConfigurationProperties;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.ChecksumFailureException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches missing server jars into the local Maven repository with Apache Maven Resolver.
 * Exactly the listed artifacts are fetched (no dependency resolution, so the set cannot
 * drift from the one the build recorded), with the repository's checksums verified
 * ({@code fail} policy). The resolver downloads each file to a temporary file and moves
 * it into place once verified, and holds a file lock per artifact
 * ({@code file-lock}/{@code file-gav} named locks, lock files kept) while it checks the
 * local repository and downloads, so JVMs resolving at the same time wait for each other
 * and each jar is downloaded once.
 */
final class ServerJarsResolver {

	private static final Logger logger = LoggerFactory.getLogger(ServerJarsResolver.class);

	/** Bound on opening a connection to the remote repository. */
	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	/** Bound on waiting for the next bytes of a response. */
	static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

	/** Bound on waiting for another JVM fetching the same artifacts. */
	static final Duration LOCK_TIMEOUT = Duration.ofMinutes(10);

	private static final int LISTED_IN_MESSAGE = 10;

	/**
	 * The resolver's file locks delete their file on release by default, which lets a JVM
	 * lock a file another has just unlinked and recreated: two JVMs then download the
	 * same jar at once. Kept lock files (empty, under {@code .locks} in the local
	 * repository) exclude each other. Read once, when the lock factory class loads.
	 */
	private static final String DELETE_LOCK_FILES_PROPERTY = "aether.named.file-lock.deleteLockFiles";

	private ServerJarsResolver() {
	}

	/**
	 * Fetches the given artifacts into the local repository.
	 * @param missing the artifacts missing from the local repository
	 * @param repositories the local and remote repositories
	 * @param cassandraVersion the server version, for messages
	 * @return what was fetched
	 * @throws EmbeddedCassandraServerJarsException if an artifact cannot be fetched
	 */
	static ResolutionReport fetch(List<ServerArtifact> missing, ServerRepositories repositories,
			String cassandraVersion) {
		if (repositories.offline()) {
			throw failure(missing, repositories, cassandraVersion, null,
					"Maven is offline (<offline>true</offline> in ~/.m2/settings.xml), so they were not fetched", null);
		}
		logger.info("Fetching {} Cassandra {} server jar(s) missing from {} from {} ({}) ...", missing.size(),
				cassandraVersion, repositories.localRepository(), repositories.remoteUrl(), repositories.origin());
		long start = System.nanoTime();
		TransferProgress progress = new TransferProgress(missing.size());
		if (System.getProperty(DELETE_LOCK_FILES_PROPERTY) == null) {
			System.setProperty(DELETE_LOCK_FILES_PROPERTY, "false");
		}
		RepositorySystem system = new RepositorySystemSupplier().get();
		try {
			DefaultRepositorySystemSession session = session(system, repositories, progress);
			// One artifact first: an unreachable repository fails once, within the
			// connect timeout, instead of
			// once per artifact.
			resolve(system, session, missing.subList(0, 1), missing, repositories, cassandraVersion);
			if (missing.size() > 1) {
				resolve(system, session, missing.subList(1, missing.size()), missing, repositories, cassandraVersion);
			}
		}
		finally {
			system.shutdown();
		}
		Duration duration = Duration.ofNanos(System.nanoTime() - start);
		logger.info("Fetched {} Cassandra server jar(s), {}, from {} in {} ms", progress.downloaded(),
				TransferProgress.megabytes(progress.bytes()), repositories.remoteUrl(), duration.toMillis());
		return new ResolutionReport(missing.size(), progress.downloaded(), progress.bytes(), duration);
	}

	private static DefaultRepositorySystemSession session(RepositorySystem system, ServerRepositories repositories,
			TransferProgress progress) {
		DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
		session.setLocalRepositoryManager(system.newLocalRepositoryManager(session,
				new LocalRepository(repositories.localRepository().toFile())));
		session.setOffline(false);
		session.setChecksumPolicy(RepositoryPolicy.CHECKSUM_POLICY_FAIL);
		session.setUpdatePolicy(RepositoryPolicy.UPDATE_POLICY_NEVER);
		session.setTransferListener(progress);
		session.setConfigProperty(ConfigurationProperties.USER_AGENT, "async-cassandra-embedded");
		session.setConfigProperty(ConfigurationProperties.CONNECT_TIMEOUT, (int) CONNECT_TIMEOUT.toMillis());
		session.setConfigProperty(ConfigurationProperties.REQUEST_TIMEOUT, (int) READ_TIMEOUT.toMillis());
		// Locks that hold across JVMs (the default ones only hold within a JVM).
		session.setConfigProperty("aether.syncContext.named.factory", "file-lock");
		session.setConfigProperty("aether.syncContext.named.nameMapper", "file-gav");
		session.setConfigProperty("aether.syncContext.named.time", LOCK_TIMEOUT.toSeconds());
		session.setConfigProperty("aether.syncContext.named.time.unit", "SECONDS");
		return session;
	}

	private static void resolve(RepositorySystem system, DefaultRepositorySystemSession session,
			List<ServerArtifact> batch, List<ServerArtifact> missing, ServerRepositories repositories,
			String cassandraVersion) {
		List<ArtifactRequest> requests = new ArrayList<>();
		for (ServerArtifact artifact : batch) {
			requests.add(new ArtifactRequest(new DefaultArtifact(artifact.groupId(), artifact.artifactId(),
					artifact.classifier(), artifact.extension(), artifact.version()), List.of(repositories.remote()),
					null));
		}
		try {
			system.resolveArtifacts(session, requests);
		}
		catch (ArtifactResolutionException ex) {
			List<ServerArtifact> failed = new ArrayList<>();
			Exception firstCause = null;
			ServerArtifact firstFailed = null;
			for (int i = 0; i < ex.getResults().size(); i++) {
				ArtifactResult result = ex.getResults().get(i);
				if (!result.isResolved()) {
					failed.add(batch.get(i));
					if (firstCause == null && !result.getExceptions().isEmpty()) {
						firstCause = result.getExceptions().get(0);
						firstFailed = batch.get(i);
					}
				}
			}
			// The first batch is one artifact: when it fails, every missing jar is still
			// missing.
			boolean probe = batch.size() == 1 && missing.size() > 1;
			List<ServerArtifact> stillMissing = probe ? missing : failed;
			String reason = String.valueOf(ex.getMessage());
			if (firstFailed != null && firstCause != null) {
				reason = reason(firstCause, repositories);
				if (!probe || isAboutTheArtifact(firstCause)) {
					reason = firstFailed + ": " + reason;
				}
			}
			// The message says what failed; the resolver's chain of causes (often 80
			// lines) is for debugging only.
			logger.debug("Fetching Cassandra server jars from {} failed", repositories.remoteUrl(), ex);
			throw failure(stillMissing, repositories, cassandraVersion, repositories.remoteUrl(), reason, null);
		}
	}

	private static boolean isAboutTheArtifact(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ArtifactNotFoundException || cause instanceof ChecksumFailureException) {
				return true;
			}
		}
		return false;
	}

	private static String reason(Throwable failure, ServerRepositories repositories) {
		if (failure instanceof ArtifactNotFoundException) {
			return "not found in " + repositories.remoteUrl();
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ChecksumFailureException && cause.getMessage() != null
					&& cause.getMessage().contains("no checksums available")) {
				return "the repository offers no checksum (.sha1 or .md5) to verify the download with";
			}
			if (cause instanceof ChecksumFailureException) {
				return "the download does not match the repository's checksum (a corrupted or truncated transfer, or"
						+ " a repository serving other bytes): " + cause.getMessage();
			}
		}
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		String secret = repositories.remote().getUrl();
		return message.replace(secret, repositories.remoteUrl());
	}

	private static EmbeddedCassandraServerJarsException failure(List<ServerArtifact> missing,
			ServerRepositories repositories, String cassandraVersion, @Nullable String remoteUrl, String reason,
			@Nullable Throwable cause) {
		StringBuilder message = new StringBuilder();
		message.append(missing.size())
			.append(" jar(s) of the Cassandra ")
			.append(cassandraVersion)
			.append(" server are missing from the local Maven repository ")
			.append(repositories.localRepository())
			.append(" and could not be fetched");
		if (remoteUrl != null) {
			message.append(" from ").append(remoteUrl).append(" (").append(repositories.origin()).append(")");
		}
		message.append(": ").append(reason).append(". Missing: ");
		List<String> coordinates = missing.stream().map(ServerArtifact::coordinates).toList();
		message.append(String.join(", ", coordinates.subList(0, Math.min(LISTED_IN_MESSAGE, coordinates.size()))));
		if (coordinates.size() > LISTED_IN_MESSAGE) {
			message.append(" and ").append(coordinates.size() - LISTED_IN_MESSAGE).append(" more");
		}
		message.append(". Go online, or point system property ")
			.append(EmbeddedCassandraServerJarsException.REPOSITORY_PROPERTY)
			.append(" (or a <mirror> of central in ~/.m2/settings.xml) at a reachable Maven repository that has them.");
		return new EmbeddedCassandraServerJarsException(message.toString(), reason, cassandraVersion, coordinates,
				repositories.localRepository(), remoteUrl, cause);
	}

}
