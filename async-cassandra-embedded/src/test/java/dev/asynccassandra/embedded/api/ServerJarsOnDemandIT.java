package dev.asynccassandra.embedded.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.asynccassandra.embedded.internal.classpath.FetchedJars;
import dev.asynccassandra.embedded.internal.classpath.LoopbackMavenRepository;
import dev.asynccassandra.embedded.internal.classpath.ServerListing;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application whose local Maven repository lacks the server's jars: its first node
 * start fetches them itself and the node runs from them; the second start fetches
 * nothing. Each start is its own JVM, configured only by system properties, like an
 * application run from an IDE.
 */
class ServerJarsOnDemandIT {

	/** Launch, fetch, node startup (120 s timeout by default) and stop, with room. */
	private static final Duration RUN_BOUND = Duration.ofMinutes(5);

	private static final ServerListing LISTING = ServerListing.read(ServerJarsOnDemandIT.class.getClassLoader());

	@TempDir
	Path localRepository;

	@TempDir
	Path logs;

	@AutoClose
	private final LoopbackMavenRepository remote;

	ServerJarsOnDemandIT() throws IOException {
		this.remote = LoopbackMavenRepository.ofBuildRepository(LISTING);
	}

	@Test
	void firstStartFetchesTheServerJarsAndRunsTheNodeFromThemSecondFetchesNothing() throws Exception {
		String first = runNode("first");
		int artifacts = LISTING.artifacts().size();
		assertThat(this.remote.jarDownloads()).as(first).isEqualTo(artifacts);
		assertThat(first).contains(ServerJarsNodeMain.READY_PREFIX + LISTING.cassandraVersion())
			.contains("Fetched " + artifacts + " Cassandra server jar(s)");
		FetchedJars.assertAsBuilt(this.localRepository, LISTING);
		int requestsAfterFirst = this.remote.requests();

		String second = runNode("second");
		assertThat(second).contains(ServerJarsNodeMain.READY_PREFIX + LISTING.cassandraVersion())
			.doesNotContain("Fetching");
		assertThat(this.remote.requests()).as(second).isEqualTo(requestsAfterFirst);
	}

	private String runNode(String name) throws Exception {
		Path output = this.logs.resolve(name + ".log");
		Path dataDirectory = Path.of("target", "embedded-cassandra", "it", "server-jars-on-demand").toAbsolutePath();
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Dmaven.repo.local=" + this.localRepository,
				"-D" + EmbeddedCassandraServerJarsException.REPOSITORY_PROPERTY + "=" + this.remote.url(), "-cp",
				System.getProperty("java.class.path"), ServerJarsNodeMain.class.getName(), dataDirectory.toString());
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		try {
			boolean exited = process.waitFor(RUN_BOUND.toSeconds(), TimeUnit.SECONDS);
			String log = Files.readString(output);
			log.lines().filter((line) -> line.contains("ServerJarsResolver")).forEach(System.out::println);
			assertThat(exited).as(log).isTrue();
			assertThat(process.exitValue()).as(log).isZero();
			return log;
		}
		finally {
			process.destroyForcibly();
			process.onExit().get(30, TimeUnit.SECONDS);
		}
	}

}
