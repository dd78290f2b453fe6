package dev.asynccassandra.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.type.codec.CodecNotFoundException;
import com.datastax.oss.simulacron.common.codec.ConsistencyLevel;
import com.datastax.oss.simulacron.common.request.Batch;
import com.datastax.oss.simulacron.common.request.Query;
import com.datastax.oss.simulacron.common.request.Statement;
import com.datastax.oss.simulacron.common.stubbing.PrimeDsl;
import dev.asynccassandra.api.error.QueryTimeoutException;
import dev.asynccassandra.testing.SimulacronCluster;
import dev.asynccassandra.testing.ThreadNames;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SimulacronRequestsTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String SELECT = "SELECT v FROM kv WHERE k = 1";

	private static final String SELECT_BY_KEY = "SELECT v FROM kv WHERE k = ?";

	private static final String INSERT = "INSERT INTO kv (k, v) VALUES (?, ?)";

	private static SimulacronCluster simulacron;

	private static CqlSession cqlSession;

	private AsyncSession session;

	@BeforeAll
	static void startCluster() {
		simulacron = SimulacronCluster.start(1);
		cqlSession = simulacron.newCqlSession(Duration.ofSeconds(2));
	}

	@AfterAll
	static void stopCluster() {
		cqlSession.close();
		simulacron.close();
	}

	@BeforeEach
	void primeAndOpen() {
		simulacron.cluster().clearPrimes(true);
		simulacron.cluster().clearLogs();
		simulacron.prime(PrimeDsl.when(SELECT).then(PrimeDsl.rows().row("v", "one").columnTypes("v", "varchar")));
		simulacron.prime(PrimeDsl.when(prepared(SELECT_BY_KEY, "k", "int"))
			.then(PrimeDsl.rows().row("v", "one").columnTypes("v", "varchar")));
		simulacron.prime(PrimeDsl.when(prepared(INSERT, "k", "int", "v", "varchar")).then(PrimeDsl.noRows()));
		this.session = AsyncSession.builder().withCqlSession(cqlSession).withCloseCqlSession(false).build();
	}

	@AfterEach
	void closeSession() throws Exception {
		this.session.closeAsync().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(cqlSession.isClosed()).isFalse();
	}

	static Query prepared(String cql, String... namesAndTypes) {
		LinkedHashMap<String, String> types = new LinkedHashMap<>();
		for (int i = 0; i < namesAndTypes.length; i += 2) {
			types.put(namesAndTypes[i], namesAndTypes[i + 1]);
		}
		return PrimeDsl.query(cql, Collections.<ConsistencyLevel>emptyList(), new LinkedHashMap<>(), types);
	}

	@Test
	void executeReturnsRowsAndReleasesTheSlot() throws Exception {
		AsyncResult result = await(this.session.execute(SELECT));
		Row row = result.one();
		assertThat(row).isNotNull();
		assertThat(row.getString("v")).isEqualTo("one");
		assertThat(result.hasMorePages()).isFalse();
		assertThat(result.wasApplied()).isTrue();
		assertThat(result.columnDefinitions().contains("v")).isTrue();
		assertThat(result.executionInfo().getCoordinator()).isNotNull();
		assertThat(this.session.inFlightCount()).isZero();
	}

	@Test
	void aSessionConnectedFromTheDriversBuilderServesRequestsAndClosesItsDriverSession() throws Exception {
		AsyncSession connected = AsyncSession.builder()
			.withCqlSessionBuilder(CqlSession.builder()
				.addContactPoints(simulacron.contactPoints())
				.withLocalDatacenter(simulacron.localDatacenter())
				.withConfigLoader(SimulacronCluster.config(Duration.ofSeconds(2))))
			.withCloseCqlSession(false)
			.build();
		CqlSession driverSession = connected.cqlSession();
		try {
			assertThat(await(connected.execute(SELECT)).one().getString("v")).isEqualTo("one");
		}
		finally {
			connected.closeAsync().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		// The session connected the driver session, so it owns it whatever
		// withCloseCqlSession says.
		assertThat(driverSession.isClosed()).isTrue();
	}

	@Test
	void everyOperationCompletesOffTheDriverThreads() throws Exception {
		PreparedStatement insert = await(this.session.prepare(INSERT));
		List<BoundStatement> batch = List.of(insert.bind(1, "a"), insert.bind(2, "b"));
		simulacron.prime(PrimeDsl.when("SELECT fails").then(PrimeDsl.serverError("boom")));
		List<Supplier<CompletableFuture<?>>> operations = List.of(() -> this.session.execute(SELECT),
				() -> this.session.execute(insert.bind(3, "c")),
				() -> this.session.prepare(SELECT_BY_KEY + " AND fresh = " + System.nanoTime()),
				() -> this.session.executeBatch(DefaultBatchType.LOGGED, batch),
				() -> this.session.execute("SELECT fails"), () -> this.session.execute(SELECT, Map.of()));
		for (Supplier<CompletableFuture<?>> operation : operations) {
			simulacron.pauseRead();
			CompletableFuture<String> thread;
			try {
				CompletableFuture<?> future = operation.get();
				assertThat(future).isNotDone();
				thread = future.handle((result, error) -> Thread.currentThread().getName());
			}
			finally {
				simulacron.resumeRead();
			}
			assertThat(thread.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).matches(ThreadNames.DEFAULT_POOL_THREAD);
		}
		assertThat(this.session.inFlightCount()).isZero();
	}

	@Test
	void directCompletionRunsContinuationsOnTheDriversIoThread() throws Exception {
		QueryOptions direct = QueryOptions.builder().executor(CompletionExecutors.direct()).build();
		simulacron.pauseRead();
		CompletableFuture<String> thread;
		try {
			CompletableFuture<AsyncResult> future = this.session.execute(direct, SELECT);
			assertThat(future).isNotDone();
			thread = future
				.thenApply((result) -> result.one().getString("v") + " on " + Thread.currentThread().getName());
		}
		finally {
			simulacron.resumeRead();
		}
		assertThat(thread.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).startsWith("one on ")
			.satisfies((text) -> assertThat(text.substring("one on ".length())).matches(ThreadNames.DRIVER_THREAD));
		assertThat(this.session.inFlightCount()).isZero();
	}

	@Test
	void noContinuationRunsOnADriverThreadUnderLoad() throws Exception {
		PreparedStatement insert = await(this.session.prepare(INSERT));
		simulacron.prime(PrimeDsl.when("SELECT fails").then(PrimeDsl.serverError("boom")));
		int callers = 4;
		int callsPerCaller = 500;
		ExecutorService pool = Executors.newFixedThreadPool(callers, (task) -> new Thread(task, "load-caller"));
		try {
			CyclicBarrier start = new CyclicBarrier(callers);
			List<Future<List<CompletableFuture<String>>>> running = new ArrayList<>();
			for (int caller = 0; caller < callers; caller++) {
				running.add(pool.submit(() -> {
					start.await(5, TimeUnit.SECONDS);
					List<CompletableFuture<String>> threads = new ArrayList<>();
					for (int call = 0; call < callsPerCaller; call++) {
						CompletableFuture<?> future = switch (call % 4) {
							case 0 -> this.session.execute(SELECT);
							case 1 -> this.session.execute(insert.bind(call, "v"));
							case 2 ->
								this.session.executeBatch(DefaultBatchType.UNLOGGED, List.of(insert.bind(call, "b")));
							default -> this.session.execute("SELECT fails");
						};
						threads.add(future.handle((result, error) -> Thread.currentThread().getName()));
					}
					return threads;
				}));
			}
			List<String> names = new ArrayList<>();
			for (Future<List<CompletableFuture<String>>> caller : running) {
				for (CompletableFuture<String> thread : caller.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
					names.add(await(thread));
				}
			}
			assertThat(names).hasSize(callers * callsPerCaller)
				.noneMatch(ThreadNames::isDriverThread)
				.allMatch((name) -> name.equals("load-caller")
						|| ThreadNames.DEFAULT_POOL_THREAD.matcher(name).matches());
			assertThat(names).anyMatch((name) -> ThreadNames.DEFAULT_POOL_THREAD.matcher(name).matches());
			assertThat(this.session.inFlightCount()).isZero();
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void perCallExecutorCompletesTheFuture() throws Exception {
		ExecutorService executor = Executors.newSingleThreadExecutor((task) -> new Thread(task, "per-call-1"));
		try {
			QueryOptions options = QueryOptions.builder().executor(executor).build();
			// The executor's only thread waits at this gate, so the completion queues
			// behind it and the continuation is attached before the future can complete.
			CountDownLatch gate = new CountDownLatch(1);
			executor.execute(() -> awaitGate(gate));
			CompletableFuture<String> thread;
			try {
				CompletableFuture<AsyncResult> future = this.session.execute(options, SELECT);
				assertThat(future).isNotDone();
				thread = future.thenApply((result) -> Thread.currentThread().getName());
			}
			finally {
				gate.countDown();
			}
			assertThat(thread.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("per-call-1");
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void allNodesFailedArrivesAsItselfWithItsPerNodeErrors() throws Exception {
		simulacron.prime(PrimeDsl.when("SELECT unavailable").then(PrimeDsl.unavailable(ConsistencyLevel.ONE, 1, 0)));
		Throwable failure = failure(this.session.execute("SELECT unavailable"));
		assertThat(failure).isInstanceOf(AllNodesFailedException.class);
		AllNodesFailedException allFailed = (AllNodesFailedException) failure;
		assertThat(allFailed.getAllErrors()).hasSize(1);
		assertThat(allFailed.getAllErrors().values().iterator().next()).singleElement()
			.isInstanceOf(UnavailableException.class);
		assertUsable();
	}

	@Test
	void driverTimeoutArrivesWhenTheDriverTimerFiresAndTheSlotIsReleased() throws Exception {
		simulacron.prime(PrimeDsl.when("SELECT silent").then(PrimeDsl.noResult()));
		Throwable failure = failure(
				this.session.execute(QueryOptions.builder().timeout(Duration.ofMillis(200)).build(), "SELECT silent"));
		assertThat(failure).isInstanceOf(DriverTimeoutException.class);
		assertThat(this.session.inFlightCount()).isZero();
		assertUsable();
	}

	@Test
	void cancellingManyDelayedRequestsReleasesEverySlotAtOnce() throws Exception {
		simulacron.prime(PrimeDsl.when("SELECT slow").then(PrimeDsl.noRows()).delay(5, TimeUnit.SECONDS));
		List<CompletableFuture<AsyncResult>> futures = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			futures.add(this.session.execute(QueryOptions.builder().timeout(Duration.ofSeconds(10)).build(),
					"SELECT slow"));
		}
		assertThat(this.session.inFlightCount()).isEqualTo(1000);
		futures.forEach((future) -> future.cancel(true));
		assertThat(this.session.inFlightCount()).isZero();
		// The next request is admitted at once. The driver itself may fail it for a
		// while:
		// more orphaned stream ids than advanced.connection.max-orphan-requests (256)
		// make
		// it replace the connection.
		Awaitility.await().atMost(WAIT).ignoreExceptions().until(() -> await(this.session.execute(SELECT)) != null);
	}

	@Test
	void boundValuesNeverAppearInFailureMessages() throws Exception {
		Object secret = new Object() {
			@Override
			public String toString() {
				return "s3cr3t-value";
			}
		};
		Throwable failure = failure(this.session.execute(INSERT, 1, secret));
		assertThat(failure).isInstanceOf(CodecNotFoundException.class);
		for (Throwable current = failure; current != null; current = current.getCause()) {
			assertThat(String.valueOf(current.getMessage())).doesNotContain("s3cr3t");
			assertThat(current.toString()).doesNotContain("s3cr3t");
		}
		assertUsable();
	}

	@Test
	void concurrentPreparesOfTheSameQueryShareOneRoundTrip() throws Exception {
		int threads = 16;
		int rounds = 50;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			for (int round = 0; round < rounds; round++) {
				String cql = "SELECT v FROM kv WHERE k = ? AND shared = " + round;
				simulacron.prime(PrimeDsl.when(prepared(cql, "k", "int"))
					.then(PrimeDsl.rows().row("v", "one").columnTypes("v", "varchar")));
				CyclicBarrier start = new CyclicBarrier(threads);
				List<Future<CompletableFuture<PreparedStatement>>> calls = new ArrayList<>();
				for (int i = 0; i < threads; i++) {
					calls.add(pool.submit(() -> {
						start.await(5, TimeUnit.SECONDS);
						return this.session.prepare(cql);
					}));
				}
				List<PreparedStatement> prepared = new ArrayList<>();
				for (Future<CompletableFuture<PreparedStatement>> call : calls) {
					prepared.add(await(call.get(5, TimeUnit.SECONDS)));
				}
				prepared.add(await(this.session.prepare(cql)));
				assertThat(prepared).allSatisfy((statement) -> assertThat(statement).isSameAs(prepared.get(0)));
				assertThat(simulacron.count("PREPARE", cql)).as("PREPARE round trips for " + cql).isEqualTo(1);
			}
			assertThat(this.session.inFlightCount()).isZero();
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void thePerCallTimeoutBoundsExecutePrepareAndBatch() throws Exception {
		Duration timeout = Duration.ofMillis(300);
		QueryOptions options = QueryOptions.builder().timeout(timeout).build();
		simulacron.prime(PrimeDsl.when("SELECT silent").then(PrimeDsl.noResult()));
		simulacron.prime(PrimeDsl.when("SELECT silent_prepare").then(PrimeDsl.noResult()).applyToPrepare());
		String silentInsert = "INSERT INTO kv (k, v) VALUES (1, 'silent')";
		PreparedStatement insert = await(this.session.prepare(silentInsert));
		simulacron
			.prime(PrimeDsl.when(new Batch(List.of(new Statement(silentInsert, Map.of(), Map.of())), new String[0]))
				.then(PrimeDsl.noResult()));
		Throwable failure = failure(this.session.execute(options, "SELECT silent"));
		// The profile's timeout is 2 s: the message names the per-call one.
		assertThat(failure).isInstanceOf(DriverTimeoutException.class).hasMessageContaining(timeout.toString());
		assertThat(this.session.inFlightCount()).isZero();
		// The driver (4.19) bounds a PREPARE message and a batch by its profile's timeout
		// only, never the statement's: the session's backstop enforces the shorter
		// per-call timeout.
		List<Supplier<CompletableFuture<?>>> backstopped = List.of(
				() -> this.session.prepare(options, "SELECT silent_prepare"),
				() -> this.session.executeBatch(options, DefaultBatchType.LOGGED, List.of(insert.bind())));
		for (Supplier<CompletableFuture<?>> operation : backstopped) {
			Throwable timedOut = failure(operation.get());
			assertThat(timedOut).isInstanceOf(QueryTimeoutException.class);
			assertThat(((QueryTimeoutException) timedOut).getTimeout()).isEqualTo(timeout);
			assertThat(this.session.inFlightCount()).isZero();
		}
		assertUsable();
	}

	@Test
	void theSessionDefaultTimeoutReplacesTheProfileTimeout() throws Exception {
		Duration timeout = Duration.ofMillis(300);
		AsyncSession bounded = AsyncSession.builder()
			.withCqlSession(cqlSession)
			.withCloseCqlSession(false)
			.withDefaultTimeout(timeout)
			.build();
		try {
			simulacron.prime(PrimeDsl.when("SELECT silent").then(PrimeDsl.noResult()));
			Throwable failure = failure(bounded.execute("SELECT silent"));
			assertThat(failure).isInstanceOf(DriverTimeoutException.class).hasMessageContaining(timeout.toString());
			assertThat(bounded.inFlightCount()).isZero();
		}
		finally {
			bounded.closeAsync().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private void assertUsable() throws Exception {
		assertThat(await(this.session.execute(SELECT)).one()).isNotNull();
	}

	static <T> T await(CompletableFuture<T> future) throws Exception {
		return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
	}

	static Throwable failure(CompletableFuture<?> future) throws Exception {
		Throwable failure = future.handle((result, error) -> error).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(failure).as("failure").isNotNull();
		return failure;
	}

	private static void awaitGate(CountDownLatch gate) {
		try {
			gate.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
