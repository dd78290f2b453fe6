package dev.asynccassandra.spring.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import dev.asynccassandra.embedded.api.EmbeddedCassandra;
import dev.asynccassandra.spring.it.devapp.DurableDevModeApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dev mode keeps what it acknowledged. A real application
 * ({@link DurableDevModeApplication}) runs as its own process with dev mode's defaults (a
 * durable node) and credentials; a client writes rows through HTTP with
 * {@value #IN_FLIGHT} writes in flight, and the application is stopped three times with
 * {@code SIGTERM}, once with {@code kill -9}, and its node once with {@code kill -9}.
 * After each restart every acknowledged row and the table (same id) are there. The
 * {@code SIGTERM} rounds also check the stop order: web server, {@code AsyncSession},
 * {@code CqlSession}, then the node's drain.
 */
class AsyncCassandraDurableDevModeIT {

	private static final Duration START_BOUND = Duration.ofSeconds(240);

	private static final Duration STOP_BOUND = Duration.ofSeconds(90);

	private static final int ROWS_PER_ROUND = 1000;

	private static final int IN_FLIGHT = 300;

	private static final String PASSWORD = "dev-Pa55'word";

	private static final Path DATA = Path.of("target", "embedded-cassandra", "durable-dev-mode").toAbsolutePath();

	private final List<App> apps = new ArrayList<>();

	/**
	 * When the application saw each write acknowledged (epoch millis, from its
	 * {@value DurableDevModeApplication#ACK_PREFIX} lines): a lost row is then reported
	 * with its acknowledgement's time against the last signal.
	 */
	private final Map<UUID, Long> acknowledgedAt = new ConcurrentHashMap<>();

	private volatile String lastSignal = "none";

	private volatile long lastSignalMillis;

	@AfterEach
	void stopEverything() {
		this.apps.forEach(App::kill);
		EmbeddedCassandra.processesUnder(DATA).forEach(ProcessHandle::destroyForcibly);
	}

	@Test
	void acknowledgedWritesAndSchemaSurviveStopsAndCrashes() throws Exception {
		FileSystemUtils.deleteRecursively(DATA);
		Set<UUID> acknowledged = new HashSet<>();
		App app = start(true);
		String tableId = app.get("/schema");
		assertThat(tableId).isNotEqualTo("none");
		for (int round = 1; round <= 3; round++) {
			Load load = app.load();
			long inFlight = load.awaitAcknowledged(ROWS_PER_ROUND);
			long signalled = System.nanoTime();
			signal("SIGTERM to the application");
			app.process.toHandle().destroy();
			load.stopIssuing();
			assertThat(app.process.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
			long exitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
			load.awaitSettled();
			acknowledged.addAll(load.acknowledged);
			assertThat(EmbeddedCassandra.processesUnder(DATA)).as("node left after the application stopped").isEmpty();
			app.assertStopOrder(signalled);
			report("SIGTERM round " + round, load, inFlight, acknowledged.size(),
					"exit " + exitMillis + " ms after SIGTERM; " + app.timeline(signalled));
			app = start(false);
			assertKept(app, tableId, acknowledged);
		}
		Load load = app.load();
		long inFlight = load.awaitAcknowledged(ROWS_PER_ROUND);
		signal("kill -9 of the application");
		app.process.destroyForcibly();
		load.stopIssuing();
		long nodePid = app.nodePid;
		long killed = System.nanoTime();
		await().atMost(STOP_BOUND).until(() -> !isAlive(nodePid));
		long nodeExitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
		load.awaitSettled();
		acknowledged.addAll(load.acknowledged);
		String console = Files.readString(DATA.resolve("logs").resolve("console.log"), StandardCharsets.UTF_8);
		assertThat(console.substring(console.lastIndexOf("Parent process"))).as("the orphaned node's console")
			.startsWith("Parent process is gone: draining the Cassandra node")
			.contains(EmbeddedCassandra.DRAINED_CONSOLE_LINE)
			.doesNotContain("halting");
		report("kill -9 of the application", load, inFlight, acknowledged.size(),
				"orphaned node drained and exited " + nodeExitMillis + " ms after the kill");
		app = start(false);
		assertKept(app, tableId, acknowledged);

		load = app.load();
		inFlight = load.awaitAcknowledged(ROWS_PER_ROUND);
		ProcessHandle node = ProcessHandle.of(app.nodePid).orElseThrow();
		signal("kill -9 of the node");
		node.destroyForcibly();
		load.stopIssuing();
		assertThat(node.onExit()).succeedsWithin(STOP_BOUND);
		load.awaitSettled();
		acknowledged.addAll(load.acknowledged);
		app.process.toHandle().destroy();
		assertThat(app.process.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
		report("kill -9 of the node", load, inFlight, acknowledged.size(), "commit log replayed at the next start");
		app = start(false);
		assertKept(app, tableId, acknowledged);
		String systemLog = Files.readString(DATA.resolve("logs").resolve("system.log"), StandardCharsets.UTF_8);
		assertThat(systemLog).doesNotContain("mutations from unknown");
		app.process.toHandle().destroy();
		assertThat(app.process.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(EmbeddedCassandra.processesUnder(DATA)).isEmpty();
	}

	private void assertKept(App app, String tableId, Set<UUID> acknowledged) throws Exception {
		assertThat(app.get("/schema")).as("table id after the restart").isEqualTo(tableId);
		Set<UUID> stored = Arrays.stream(app.get("/items").split("\n"))
			.filter((line) -> !line.isBlank())
			.map(UUID::fromString)
			.collect(Collectors.toSet());
		Set<UUID> lost = new HashSet<>(acknowledged);
		lost.removeAll(stored);
		assertThat(lost)
			.as("acknowledged rows missing after the restart (%d stored; the application's "
					+ "acknowledgements of them against the last signal, %s: %s)", stored.size(), this.lastSignal,
					whenAcknowledged(lost))
			.isEmpty();
		System.out.println("Restart: " + stored.size() + " rows stored, all " + acknowledged.size()
				+ " acknowledged rows present, table id unchanged");
	}

	private void signal(String signal) {
		this.lastSignal = signal;
		this.lastSignalMillis = System.currentTimeMillis();
	}

	private List<String> whenAcknowledged(Set<UUID> ids) {
		return ids.stream().map((id) -> {
			Long at = this.acknowledgedAt.get(id);
			return id + ((at != null) ? " " + (at - this.lastSignalMillis) + " ms" : " not logged");
		}).toList();
	}

	private static void report(String round, Load load, long inFlight, int acknowledgedTotal, String detail) {
		System.out.println(round + ": " + load.acknowledged.size() + " writes acknowledged, " + load.failed.get()
				+ " failed, " + inFlight + " in flight at the signal; " + acknowledgedTotal + " acknowledged in total; "
				+ detail);
	}

	private App start(boolean cleanStart) throws Exception {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		List<String> command = List.of(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
				"-Dmaven.repo.local=" + System.getProperty("maven.repo.local", ""), "-cp",
				System.getProperty("java.class.path"), DurableDevModeApplication.class.getName(), "--server.port=0",
				"--server.shutdown=graceful", "--spring.main.banner-mode=off", "--logging.level.root=INFO",
				"--async-cassandra.embedded.enabled=true", "--async-cassandra.embedded.data-directory=" + DATA,
				"--async-cassandra.embedded.native-port=0", "--async-cassandra.embedded.storage-port=0",
				"--async-cassandra.embedded.clean-start=" + cleanStart, "--spring.cassandra.username=dev",
				"--spring.cassandra.password=" + PASSWORD, "--spring.cassandra.request.timeout=20s",
				"--spring.cassandra.connection.init-query-timeout=20s",
				"--spring.cassandra.connection.connect-timeout=20s");
		App app = new App(new ProcessBuilder(command).redirectErrorStream(true).start(), this.acknowledgedAt);
		this.apps.add(app);
		app.awaitReady();
		return app;
	}

	private static boolean isAlive(long pid) {
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	/**
	 * One run of the application, with its output lines and when they arrived.
	 */
	static final class App {

		private final Process process;

		private final List<Line> output = new CopyOnWriteArrayList<>();

		private final CompletableFuture<String> ready = new CompletableFuture<>();

		private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

		private final Thread reader;

		private volatile int httpPort;

		private volatile long nodePid;

		private final Map<UUID, Long> acknowledgedAt;

		App(Process process, Map<UUID, Long> acknowledgedAt) {
			this.process = process;
			this.acknowledgedAt = acknowledgedAt;
			this.reader = new Thread(this::readOutput, "app-output-" + process.pid());
			this.reader.setDaemon(true);
			this.reader.start();
		}

		private void readOutput() {
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					if (line.startsWith(DurableDevModeApplication.ACK_PREFIX)) {
						String[] ack = line.split(" ");
						this.acknowledgedAt.put(UUID.fromString(ack[1]), Long.parseLong(ack[2]));
						continue;
					}
					this.output.add(new Line(System.nanoTime(), line));
					if (line.startsWith(DurableDevModeApplication.READY_PREFIX)) {
						this.ready.complete(line);
					}
				}
			}
			catch (IOException ex) {
				// The process is gone.
			}
			try {
				Files.write(DATA.resolveSibling("durable-dev-mode-app-" + this.process.pid() + ".log"),
						this.output.stream().map(Line::text).toList(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				// Diagnostics only.
			}
			this.ready.completeExceptionally(new IllegalStateException("Application exited before it was ready:\n"
					+ this.output.stream().map(Line::text).collect(Collectors.joining("\n"))));
		}

		void awaitReady() throws Exception {
			String line = this.ready.get(START_BOUND.toSeconds(), TimeUnit.SECONDS);
			for (String field : line.split(" ")) {
				if (field.startsWith("http=")) {
					this.httpPort = Integer.parseInt(field.substring(5));
				}
				if (field.startsWith("node=")) {
					this.nodePid = Long.parseLong(field.substring(5));
				}
			}
			assertThat(this.nodePid).isPositive();
			assertThat(String.join("\n", this.output.stream().map(Line::text).toList())).doesNotContain(PASSWORD);
		}

		String get(String path) throws Exception {
			HttpResponse<String> response = this.client.send(
					HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
			return response.body();
		}

		URI uri(String path) {
			return URI.create("http://127.0.0.1:" + this.httpPort + path);
		}

		Load load() {
			return new Load(this);
		}

		private static final String ASYNC_SESSION_CLOSING = "Closing async-cassandra session with";

		private static final String ASYNC_SESSION_CLOSED = "async-cassandra session closed with its driver session";

		/**
		 * Checks that the web server stopped, then the {@code AsyncSession}, then the
		 * {@code CqlSession}, then the node drained; and that the driver did not see the
		 * node go while the session was open.
		 */
		void assertStopOrder(long signalled) throws InterruptedException {
			this.reader.join(STOP_BOUND.toMillis());
			List<String> after = this.output.stream()
				.filter((line) -> line.nanos() >= signalled)
				.map(Line::text)
				.toList();
			String text = String.join("\n", after);
			int webServer = indexOf(after, "Graceful shutdown complete");
			int asyncSession = indexOf(after, ASYNC_SESSION_CLOSING);
			int cqlSession = indexOf(after, DurableDevModeApplication.SESSION_CLOSED);
			int nodeDrain = indexOf(after, "Stopping the Cassandra node");
			int nodeStopped = indexOf(after, "stopped in");
			assertThat(List.of(webServer, asyncSession, cqlSession, nodeDrain, nodeStopped)).as(text)
				.doesNotContain(-1)
				.isSorted();
			// The session reports its close once its driver session is closed.
			assertThat(indexOf(after, ASYNC_SESSION_CLOSED)).as(text).isGreaterThan(cqlSession);
			assertThat(text).doesNotContain("Parent process is gone")
				.doesNotContain("did not drain")
				.doesNotContainIgnoringCase("reconnect")
				.doesNotContain("Connection refused")
				.doesNotContain(PASSWORD);
		}

		String timeline(long signalled) {
			return this.output.stream()
				.filter((line) -> line.nanos() >= signalled)
				.filter((line) -> line.text().contains("Commencing graceful shutdown")
						|| line.text().contains("Graceful shutdown complete")
						|| line.text().contains(ASYNC_SESSION_CLOSING) || line.text().contains(ASYNC_SESSION_CLOSED)
						|| line.text().contains(DurableDevModeApplication.SESSION_CLOSED)
						|| line.text().contains("Stopping the Cassandra node") || line.text().contains("stopped in"))
				.map((line) -> "+" + TimeUnit.NANOSECONDS.toMillis(line.nanos() - signalled) + " ms "
						+ shorten(line.text()))
				.collect(Collectors.joining("; "));
		}

		private static String shorten(String text) {
			int message = text.indexOf(" : ");
			return (message >= 0) ? text.substring(message + 3) : text;
		}

		private static int indexOf(List<String> lines, String text) {
			for (int i = 0; i < lines.size(); i++) {
				if (lines.get(i).contains(text)) {
					return i;
				}
			}
			return -1;
		}

		void kill() {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	/**
	 * Writes rows with a fixed number of writes in flight until told to stop issuing.
	 */
	static final class Load {

		private final App app;

		private final Semaphore slots = new Semaphore(IN_FLIGHT);

		private final Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();

		private final AtomicInteger failed = new AtomicInteger();

		private final Thread issuer;

		private volatile boolean issuing = true;

		Load(App app) {
			this.app = app;
			this.issuer = new Thread(this::issue, "load-" + app.process.pid());
			this.issuer.setDaemon(true);
			this.issuer.start();
		}

		private void issue() {
			try {
				while (this.issuing) {
					if (!this.slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
						continue;
					}
					if (!this.issuing) {
						this.slots.release();
						return;
					}
					UUID id = UUID.randomUUID();
					HttpRequest request = HttpRequest.newBuilder(this.app.uri("/items/" + id))
						.timeout(Duration.ofSeconds(60))
						.POST(HttpRequest.BodyPublishers.noBody())
						.build();
					this.app.client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
						.whenComplete((response, failure) -> {
							if (failure == null && response.statusCode() == 200) {
								this.acknowledged.add(id);
							}
							else {
								this.failed.incrementAndGet();
							}
							this.slots.release();
						});
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		/**
		 * Waits for the acknowledged writes.
		 * @return the writes in flight when they were reached
		 */
		long awaitAcknowledged(int count) {
			await().atMost(START_BOUND).until(() -> this.acknowledged.size() >= count);
			return IN_FLIGHT - this.slots.availablePermits();
		}

		void stopIssuing() {
			this.issuing = false;
		}

		void awaitSettled() throws InterruptedException {
			this.stopIssuing();
			this.issuer.join(STOP_BOUND.toMillis());
			assertThat(this.slots.tryAcquire(IN_FLIGHT, STOP_BOUND.toSeconds(), TimeUnit.SECONDS))
				.as("every write answered or failed")
				.isTrue();
		}

	}

	record Line(long nanos, String text) {
	}

}
