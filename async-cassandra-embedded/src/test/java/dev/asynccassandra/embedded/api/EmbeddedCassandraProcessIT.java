package dev.asynccassandra.embedded.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node never outlives the process that started it.
 */
class EmbeddedCassandraProcessIT {

	private static final Duration EXIT_BOUND = Duration.ofSeconds(30);

	@Test
	void nodeDrainsAndExitsWhenItsParentIsKilled() throws Exception {
		Process helper = startHelper("parent-killed", "wait");
		try {
			long nodePid = readNodePid(helper);
			assertThat(ProcessHandle.of(nodePid)).hasValueSatisfying((node) -> assertThat(node.isAlive()).isTrue());
			helper.destroyForcibly();
			assertThat(helper.waitFor(EXIT_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
			await().atMost(EXIT_BOUND).until(() -> !isAlive(nodePid));
			String console = Files.readString(dataDirectory("parent-killed").resolve("logs").resolve("console.log"),
					StandardCharsets.UTF_8);
			assertThat(console).contains("Parent process is gone: draining the Cassandra node")
				.contains(EmbeddedCassandra.DRAINED_CONSOLE_LINE)
				.doesNotContain("halting");
		}
		finally {
			helper.destroyForcibly();
		}
	}

	@Test
	void nodeIsStoppedWhenItsParentExitsNormally() throws Exception {
		Process helper = startHelper("parent-exits", "exit");
		try {
			long nodePid = readNodePid(helper);
			assertThat(helper.waitFor(EXIT_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(isAlive(nodePid)).isFalse();
		}
		finally {
			helper.destroyForcibly();
		}
	}

	@Test
	void nodeLeftRunningOnAFolderIsStoppedBeforeANewOneStarts() {
		EmbeddedCassandraConfig config = TestConfigs.node("leftover").build();
		EmbeddedCassandra leftover = EmbeddedCassandra.start(config);
		long leftoverPid = leftover.pid().orElseThrow();
		EmbeddedCassandraConfig sameFolder = config.toBuilder().cleanStart(false).build();
		try (EmbeddedCassandra next = EmbeddedCassandra.start(sameFolder)) {
			assertThat(isAlive(leftoverPid)).isFalse();
			assertThat(next.isRunning()).isTrue();
			assertThat(next.pid().orElseThrow()).isNotEqualTo(leftoverPid);
		}
		finally {
			leftover.stop();
		}
		assertThat(leftover.isRunning()).isFalse();
	}

	private static Process startHelper(String name, String mode) throws IOException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Path dataDirectory = dataDirectory(name);
		List<String> command = List.of(java.toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
				"-Dmaven.repo.local=" + System.getProperty("maven.repo.local", ""), "-cp",
				System.getProperty("java.class.path"), NodeHelperMain.class.getName(), dataDirectory.toString(), mode);
		return new ProcessBuilder(command).redirectErrorStream(true).start();
	}

	private static Path dataDirectory(String name) {
		return Path.of("target", "embedded-cassandra", "it", name).toAbsolutePath();
	}

	private static long readNodePid(Process helper) throws Exception {
		CompletableFuture<Long> pid = CompletableFuture.supplyAsync(() -> {
			BufferedReader reader = new BufferedReader(
					new InputStreamReader(helper.getInputStream(), StandardCharsets.UTF_8));
			try {
				StringBuilder output = new StringBuilder();
				String line;
				while ((line = reader.readLine()) != null) {
					if (line.startsWith(NodeHelperMain.PID_PREFIX)) {
						long found = Long.parseLong(line.substring(NodeHelperMain.PID_PREFIX.length()).trim());
						CompletableFuture.runAsync(() -> drain(reader));
						return found;
					}
					output.append(line).append('\n');
				}
				throw new IllegalStateException("Helper ended without a node pid:\n" + output);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		return pid.get(150, TimeUnit.SECONDS);
	}

	private static void drain(BufferedReader reader) {
		try {
			while (reader.readLine() != null) {
				// Keeps the helper's output pipe from filling up.
			}
		}
		catch (IOException ex) {
			// The helper is gone.
		}
	}

	private static boolean isAlive(long pid) {
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

}
