package dev.asynccassandra.embedded.internal.classpath;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.asynccassandra.embedded.api.EmbeddedCassandraServerJarsException;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fetching the server's jars into an empty local repository from a Maven repository on
 * the loopback address that serves the build's own jars.
 */
class ServerJarsFetchTests {

	private static final ServerListing LISTING = ServerListing.read(ServerJarsFetchTests.class.getClassLoader());

	/** Three small jars of the listing; the damaged one is not fetched first (alone). */
	private static final ServerListing SMALL_LISTING = new ServerListing(List.of(listed("org.mindrot:jbcrypt:"),
			listed("org.lz4:lz4-java:"), listed("org.xerial.snappy:snappy-java:")), LISTING.cassandraVersion());

	@TempDir
	Path local;

	@TempDir
	Path logs;

	@AutoClose
	private final LoopbackMavenRepository remote;

	ServerJarsFetchTests() throws IOException {
		this.remote = LoopbackMavenRepository.ofBuildRepository(LISTING);
	}

	static ServerRepositories repositories(Path localRepository, String remoteUrl) {
		Map<String, String> properties = Map.of("maven.repo.local", localRepository.toString(),
				EmbeddedCassandraServerJarsException.REPOSITORY_PROPERTY, remoteUrl);
		return ServerRepositories.decide(properties::get, MavenUserSettings.NONE, localRepository.getParent());
	}

	@Test
	void firstResolveFetchesEveryListedJarByteForByteAndTheSecondFetchesNothing() {
		ServerClasspath first = ServerClasspath.resolve(LISTING, repositories(this.local, this.remote.url()));
		int artifacts = LISTING.artifacts().size();
		assertThat(first.report().missing()).isEqualTo(artifacts);
		assertThat(first.report().downloadedArtifacts()).isEqualTo(artifacts);
		assertThat(this.remote.jarDownloads()).isEqualTo(artifacts);
		assertThat(first.report().downloadedBytes()).isEqualTo(buildJarsSize());
		assertThat(first.jars()).hasSize(artifacts);
		FetchedJars.assertAsBuilt(this.local, LISTING);
		int requestsAfterFirst = this.remote.requests();

		ServerClasspath second = ServerClasspath.resolve(LISTING, repositories(this.local, this.remote.url()));
		assertThat(second.report()).isEqualTo(ResolutionReport.NOTHING_MISSING);
		assertThat(this.remote.requests()).isEqualTo(requestsAfterFirst);
		assertThat(second.jars()).isEqualTo(first.jars());
	}

	@Test
	void presentJarsNeedNoNetworkEvenWhenOfflineOrUnreachable() throws IOException {
		Path build = LoopbackMavenRepository.buildRepository();
		ServerRepositories offline = new ServerRepositories(build, repositories(build, this.remote.url()).remote(),
				true, "test");
		assertThat(ServerClasspath.resolve(LISTING, offline).report()).isEqualTo(ResolutionReport.NOTHING_MISSING);
		ServerClasspath unreachable = ServerClasspath.resolve(LISTING, repositories(build, closedPortUrl()));
		assertThat(unreachable.report()).isEqualTo(ResolutionReport.NOTHING_MISSING);
		assertThat(unreachable.jars()).allSatisfy((jar) -> assertThat(jar).isRegularFile().startsWith(build));
		assertThat(this.remote.requests()).isZero();
	}

	@Test
	void unreachableRepositoryFailsOnceNamingEveryMissingJar() throws IOException {
		ServerArtifact present = LISTING.artifacts().get(0);
		Path presentJar = this.local.resolve(present.path());
		Files.createDirectories(presentJar.getParent());
		Files.copy(LoopbackMavenRepository.buildRepository().resolve(present.path()), presentJar);
		String url = closedPortUrl();
		long start = System.nanoTime();
		EmbeddedCassandraServerJarsException failure = fetchFailure(LISTING, repositories(this.local, url));
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		List<String> expectedMissing = LISTING.artifacts().stream().skip(1).map(ServerArtifact::coordinates).toList();
		assertThat(failure.missingArtifacts()).isEqualTo(expectedMissing);
		assertThat(failure.localRepository()).isEqualTo(this.local);
		assertThat(failure.remoteRepository()).contains(url);
		assertThat(failure.getMessage()).contains(expectedMissing.size() + " jar(s) of the Cassandra 5.0.6 server")
			.contains(this.local.toString())
			.contains(url)
			.contains(expectedMissing.get(0))
			.contains("and " + (expectedMissing.size() - 10) + " more")
			.contains("could not be fetched from " + url + " (system property "
					+ EmbeddedCassandraServerJarsException.REPOSITORY_PROPERTY + "): Connection refused")
			.contains(EmbeddedCassandraServerJarsException.REPOSITORY_PROPERTY);
		assertThat(failure).hasNoCause();
		// One refused connection, not one per artifact.
		assertThat(took).isLessThan(ServerJarsResolver.CONNECT_TIMEOUT);
	}

	@Test
	void offlineMavenFailsWithoutTouchingTheNetwork() {
		ServerRepositories online = repositories(this.local, this.remote.url());
		ServerRepositories offline = new ServerRepositories(this.local, online.remote(), true, online.origin());
		EmbeddedCassandraServerJarsException failure = fetchFailure(LISTING, offline);
		assertThat(failure.getMessage()).contains("offline");
		assertThat(failure.missingArtifacts()).hasSize(LISTING.artifacts().size());
		assertThat(failure.remoteRepository()).isEmpty();
		assertThat(this.remote.requests()).isZero();
	}

	@Test
	void corruptedDownloadIsRejectedNotInstalledAndFetchedAgainNextTime() throws IOException {
		ServerArtifact victim = smallArtifact();
		this.remote.corrupt(victim);
		EmbeddedCassandraServerJarsException failure = assertRejectedAndNotInstalled(victim);
		assertThat(failure.getMessage()).contains(victim.coordinates()).contains("checksum");
		assertThat(failure.reason()).startsWith(victim.coordinates() + ": the download does not match");
		assertFetchedAgainOnceRepaired(victim);
	}

	@Test
	void truncatedDownloadIsRejectedNotInstalledAndFetchedAgainNextTime() throws IOException {
		ServerArtifact victim = smallArtifact();
		this.remote.truncate(victim);
		assertRejectedAndNotInstalled(victim);
		assertFetchedAgainOnceRepaired(victim);
	}

	@Test
	void twoJvmsFetchingIntoTheSameRepositoryAtOnceDownloadEachJarOnce() throws Exception {
		List<Process> processes = new ArrayList<>();
		try {
			List<Path> outputs = List.of(this.logs.resolve("first.log"), this.logs.resolve("second.log"));
			for (Path output : outputs) {
				processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
						"-cp", System.getProperty("java.class.path"), ServerJarsFetchMain.class.getName(),
						this.local.toString(), this.remote.url())
					.redirectErrorStream(true)
					.redirectOutput(output.toFile())
					.start());
			}
			int downloaded = 0;
			for (int i = 0; i < processes.size(); i++) {
				Process process = processes.get(i);
				boolean exited = process.waitFor(2, TimeUnit.MINUTES);
				String output = Files.readString(outputs.get(i));
				assertThat(exited).as(output).isTrue();
				assertThat(process.exitValue()).as(output).isZero();
				downloaded += output.lines()
					.filter((line) -> line.startsWith(ServerJarsFetchMain.DOWNLOADED_PREFIX))
					.mapToInt(
							(line) -> Integer.parseInt(line.substring(ServerJarsFetchMain.DOWNLOADED_PREFIX.length())))
					.findFirst()
					.orElseThrow(() -> new AssertionError("No download count in: " + output));
			}
			int artifacts = LISTING.artifacts().size();
			assertThat(downloaded).isEqualTo(artifacts);
			assertThat(this.remote.jarDownloads()).isEqualTo(artifacts);
			FetchedJars.assertAsBuilt(this.local, LISTING);
		}
		finally {
			processes.forEach(Process::destroyForcibly);
		}
	}

	/**
	 * Fetches the small listing with the victim damaged on the remote: the fetch fails
	 * naming only the victim, and no jar of it is installed.
	 */
	private EmbeddedCassandraServerJarsException assertRejectedAndNotInstalled(ServerArtifact victim)
			throws IOException {
		EmbeddedCassandraServerJarsException failure = fetchFailure(SMALL_LISTING,
				repositories(this.local, this.remote.url()));
		assertThat(failure.missingArtifacts()).containsExactly(victim.coordinates());
		assertNoJarIn(this.local.resolve(victim.path()).getParent());
		return failure;
	}

	/**
	 * Repairs the remote and fetches again: only the victim is downloaded, as built.
	 */
	private void assertFetchedAgainOnceRepaired(ServerArtifact victim) {
		this.remote.repair();
		ServerClasspath repaired = ServerClasspath.resolve(SMALL_LISTING, repositories(this.local, this.remote.url()));
		assertThat(repaired.report().downloadedArtifacts()).isOne();
		FetchedJars.assertAsBuilt(this.local, victim);
	}

	private static EmbeddedCassandraServerJarsException fetchFailure(ServerListing listing,
			ServerRepositories repositories) {
		try {
			ServerClasspath.resolve(listing, repositories);
		}
		catch (EmbeddedCassandraServerJarsException ex) {
			return ex;
		}
		throw new AssertionError("Expected the fetch to fail");
	}

	private static ServerArtifact smallArtifact() {
		return listed("org.lz4:lz4-java:");
	}

	private static ServerArtifact listed(String coordinatesPrefix) {
		return LISTING.artifacts()
			.stream()
			.filter((artifact) -> artifact.coordinates().startsWith(coordinatesPrefix))
			.findFirst()
			.orElseThrow();
	}

	private static void assertNoJarIn(Path folder) throws IOException {
		if (Files.isDirectory(folder)) {
			try (Stream<Path> files = Files.list(folder)) {
				assertThat(files.map((file) -> file.getFileName().toString()))
					.noneMatch((name) -> name.endsWith(".jar"));
			}
		}
	}

	private static long buildJarsSize() {
		long size = 0;
		for (ServerArtifact artifact : LISTING.artifacts()) {
			try {
				size += Files.size(LoopbackMavenRepository.buildRepository().resolve(artifact.path()));
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}
		return size;
	}

	private static String closedPortUrl() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		return "http://127.0.0.1:" + port + "/maven2";
	}

}
