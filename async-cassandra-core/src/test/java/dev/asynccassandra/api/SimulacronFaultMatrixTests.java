package dev.asynccassandra.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.servererrors.BootstrappingException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.ReadFailureException;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.ServerError;
import com.datastax.oss.driver.api.core.servererrors.SyntaxError;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteFailureException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import com.datastax.oss.simulacron.common.codec.ConsistencyLevel;
import com.datastax.oss.simulacron.common.codec.WriteType;
import com.datastax.oss.simulacron.common.request.Batch;
import com.datastax.oss.simulacron.common.request.Statement;
import com.datastax.oss.simulacron.common.result.Result;
import com.datastax.oss.simulacron.common.stubbing.CloseType;
import com.datastax.oss.simulacron.common.stubbing.DisconnectAction;
import com.datastax.oss.simulacron.common.stubbing.PrimeDsl;
import dev.asynccassandra.api.error.UnexpectedFailureException;
import dev.asynccassandra.testing.SimulacronCluster;
import dev.asynccassandra.testing.ThreadNames;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R4, invariants 3 and 4: every primed fault, for execute, prepare and batch, idempotent
 * or not, ends in the driver's exception, unwrapped, completed off the driver threads,
 * with the per-node errors of an {@link AllNodesFailedException} intact; the in-flight
 * count is back to zero and the session stays usable.
 * <p>
 * Execute and batch go through the same driver request handler and retry policy: a
 * non-idempotent request rethrows overloaded and server errors, an idempotent one tries
 * the next node (none here) and ends in {@code AllNodesFailedException}; unavailable and
 * bootstrapping always move on. A prepare is always retried on the next node.
 */
class SimulacronFaultMatrixTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static SimulacronCluster simulacron;

	private static CqlSession cqlSession;

	private static AsyncSession session;

	private static final AtomicInteger counter = new AtomicInteger();

	@BeforeAll
	static void start() {
		simulacron = SimulacronCluster.start(1);
		cqlSession = simulacron.newCqlSession(Duration.ofMillis(500));
		session = AsyncSession.builder().withCqlSession(cqlSession).build();
		simulacron.prime(PrimeDsl.when("SELECT ok").then(PrimeDsl.noRows()));
	}

	@AfterAll
	static void stop() throws Exception {
		session.closeAsync().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(cqlSession.isClosed()).isTrue();
		simulacron.close();
	}

	enum Operation {

		EXECUTE, PREPARE, BATCH

	}

	/**
	 * What the caller sees: the exception type and, for {@code AllNodesFailedException},
	 * the type of every per-node error, else the type of the cause (or {@code null}).
	 */
	record Expected(Class<? extends Throwable> type, @Nullable Class<? extends Throwable> inner) {

		static Expected as(Class<? extends Throwable> type) {
			return new Expected(type, null);
		}

		static Expected allNodesFailed(Class<? extends Throwable> perNode) {
			return new Expected(AllNodesFailedException.class, perNode);
		}

		@Override
		public String toString() {
			return type().getSimpleName() + ((inner() != null) ? "(" + inner().getSimpleName() + ")" : "");
		}

	}

	/**
	 * One primed fault and what each operation sees.
	 */
	record Fault(String name, Supplier<Result> result, Expected execute, Expected idempotentExecute, Expected prepare) {

		Expected expected(Operation operation, boolean idempotent) {
			return switch (operation) {
				case EXECUTE, BATCH -> idempotent ? idempotentExecute() : execute();
				case PREPARE -> prepare();
			};
		}

	}

	static List<Fault> faults() {
		Expected readTimeout = Expected.as(ReadTimeoutException.class);
		Expected writeTimeout = Expected.as(WriteTimeoutException.class);
		Expected unavailable = Expected.allNodesFailed(UnavailableException.class);
		Expected bootstrapping = Expected.allNodesFailed(BootstrappingException.class);
		Expected driverTimeout = Expected.as(DriverTimeoutException.class);
		// A server never answers a PREPARE with a timeout, unavailable or failure: the
		// driver reports such an answer with a plain IllegalStateException, which is
		// foreign, hence wrapped.
		Expected unexpectedForPrepare = new Expected(UnexpectedFailureException.class, IllegalStateException.class);
		return List.of(
				new Fault("read timeout", () -> PrimeDsl.readTimeout(ConsistencyLevel.ONE, 0, 1, false), readTimeout,
						readTimeout, unexpectedForPrepare),
				new Fault("write timeout", () -> PrimeDsl.writeTimeout(ConsistencyLevel.ONE, 0, 1, WriteType.SIMPLE),
						writeTimeout, writeTimeout, unexpectedForPrepare),
				// Retried once on the same node when idempotent, then rethrown.
				new Fault("write timeout (batch log)",
						() -> PrimeDsl.writeTimeout(ConsistencyLevel.ONE, 0, 1, WriteType.BATCH_LOG), writeTimeout,
						writeTimeout, unexpectedForPrepare),
				new Fault("unavailable", () -> PrimeDsl.unavailable(ConsistencyLevel.ONE, 1, 0), unavailable,
						unavailable, unexpectedForPrepare),
				new Fault("overloaded", () -> PrimeDsl.overloaded("busy"), Expected.as(OverloadedException.class),
						Expected.allNodesFailed(OverloadedException.class),
						Expected.allNodesFailed(OverloadedException.class)),
				new Fault("bootstrapping", PrimeDsl::isBootstrapping, bootstrapping, bootstrapping, bootstrapping),
				new Fault("server error", () -> PrimeDsl.serverError("boom"), Expected.as(ServerError.class),
						Expected.allNodesFailed(ServerError.class), Expected.allNodesFailed(ServerError.class)),
				new Fault("syntax error", () -> PrimeDsl.syntaxError("bad"), Expected.as(SyntaxError.class),
						Expected.as(SyntaxError.class), Expected.as(SyntaxError.class)),
				new Fault("invalid", () -> PrimeDsl.invalid("no such table"), Expected.as(InvalidQueryException.class),
						Expected.as(InvalidQueryException.class), Expected.as(InvalidQueryException.class)),
				new Fault("unauthorized", () -> PrimeDsl.unauthorized("nope"), Expected.as(UnauthorizedException.class),
						Expected.as(UnauthorizedException.class), Expected.as(UnauthorizedException.class)),
				new Fault("read failure", () -> PrimeDsl.readFailure(ConsistencyLevel.ONE, 0, 1, Map.of(), false),
						Expected.as(ReadFailureException.class), Expected.as(ReadFailureException.class),
						unexpectedForPrepare),
				new Fault("write failure",
						() -> PrimeDsl.writeFailure(ConsistencyLevel.ONE, 0, 1, Map.of(), WriteType.SIMPLE),
						Expected.as(WriteFailureException.class), Expected.as(WriteFailureException.class),
						unexpectedForPrepare),
				new Fault("no answer", PrimeDsl::noResult, driverTimeout, driverTimeout, driverTimeout));
	}

	static Stream<Arguments> cells() {
		List<Arguments> cells = new ArrayList<>();
		for (Fault fault : faults()) {
			for (Operation operation : Operation.values()) {
				for (boolean idempotent : new boolean[] { false, true }) {
					cells.add(Arguments.of(fault.name(), operation, idempotent, fault,
							fault.expected(operation, idempotent)));
				}
			}
		}
		return cells.stream();
	}

	@ParameterizedTest(name = "{0}: {1} idempotent={2} -> {4}")
	@MethodSource("cells")
	void everyFaultArrivesAsTheDriverExceptionUnwrapped(String name, Operation operation, boolean idempotent,
			Fault fault, Expected expected) throws Exception {
		QueryOptions options = QueryOptions.builder().idempotent(idempotent).build();
		CompletableFuture<?> future = primeAndRun(operation, fault.result().get(), options);
		CompletableFuture<String> thread = future.handle((value, error) -> Thread.currentThread().getName());
		Throwable failure = failure(future);
		assertUnwrapped(failure, expected);
		assertThat(thread.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).doesNotMatch(ThreadNames.DRIVER_THREAD);
		assertThat(session.inFlightCount()).isZero();
		assertUsable();
	}

	@ParameterizedTest
	@EnumSource(Operation.class)
	void closedConnectionFailsTheRequestAndTheSessionRecovers(Operation operation) throws Exception {
		Result close = PrimeDsl.closeConnection(DisconnectAction.Scope.CONNECTION, CloseType.DISCONNECT);
		Throwable failure = failure(primeAndRun(operation, close, QueryOptions.defaults()));
		assertThat(failure).isInstanceOfAny(ClosedConnectionException.class, AllNodesFailedException.class)
			.isNotInstanceOf(CompletionException.class);
		if (failure instanceof AllNodesFailedException allFailed) {
			assertThat(allFailed.getAllErrors()).hasSize(1);
			assertThat(allFailed.getAllErrors().values()).flatExtracting((errors) -> errors)
				.hasAtLeastOneElementOfType(ClosedConnectionException.class);
		}
		assertThat(session.inFlightCount()).isZero();
		Awaitility.await().atMost(WAIT).ignoreExceptions().untilAsserted(SimulacronFaultMatrixTests::assertUsable);
	}

	/**
	 * Primes the fault for a fresh query (or batch of fresh prepared statements) and runs
	 * it.
	 */
	private static CompletableFuture<?> primeAndRun(Operation operation, Result fault, QueryOptions options)
			throws Exception {
		int id = counter.incrementAndGet();
		switch (operation) {
			case EXECUTE -> {
				String cql = "SELECT fault_" + id;
				simulacron.prime(PrimeDsl.when(cql).then(fault));
				return session.execute(options, cql);
			}
			case PREPARE -> {
				String cql = "SELECT prepare_fault_" + id;
				simulacron.prime(PrimeDsl.when(cql).then(fault).applyToPrepare());
				return session.prepare(options, cql);
			}
			case BATCH -> {
				String first = "INSERT INTO batch_fault (k) VALUES (" + id + ")";
				String second = "INSERT INTO batch_fault (k) VALUES (-" + id + ")";
				PreparedStatement firstPrepared = await(session.prepare(first));
				PreparedStatement secondPrepared = await(session.prepare(second));
				simulacron.prime(PrimeDsl.when(new Batch(List.of(statement(first), statement(second)), new String[0]))
					.then(fault));
				List<BoundStatement> statements = List.of(firstPrepared.bind(), secondPrepared.bind());
				return session.executeBatch(options, DefaultBatchType.LOGGED, statements);
			}
			default -> throw new IllegalArgumentException(operation.name());
		}
	}

	private static Statement statement(String cql) {
		return new Statement(cql, Map.of(), Map.of());
	}

	/**
	 * Execute, prepare and a batch all still work.
	 */
	static void assertUsable() throws Exception {
		assertThat(await(session.execute("SELECT ok"))).isNotNull();
		int id = counter.incrementAndGet();
		PreparedStatement insert = await(session.prepare("INSERT INTO healthy (k) VALUES (" + id + ")"));
		assertThat(await(session.executeBatch(DefaultBatchType.UNLOGGED, List.of(insert.bind())))).isNotNull();
		assertThat(session.inFlightCount()).isZero();
	}

	static void assertUnwrapped(Throwable failure, Expected expected) {
		assertThat(failure).isInstanceOf(expected.type())
			.isNotInstanceOf(CompletionException.class)
			.isNotInstanceOf(ExecutionException.class);
		if (failure instanceof AllNodesFailedException allFailed) {
			assertThat(allFailed.getAllErrors()).as("per-node errors").isNotEmpty();
			assertThat(allFailed.getAllErrors().values()).allSatisfy((errors) -> assertThat(errors).isNotEmpty()
				.allSatisfy((error) -> assertThat(error).isInstanceOf(expected.inner())));
		}
		else if (expected.inner() != null) {
			assertThat(failure).hasCauseInstanceOf(expected.inner());
		}
	}

	static <T> T await(CompletableFuture<T> future) throws Exception {
		return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
	}

	static Throwable failure(CompletableFuture<?> future) throws Exception {
		Throwable failure = future.handle((value, error) -> error).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(failure).as("failure").isNotNull();
		return failure;
	}

}
