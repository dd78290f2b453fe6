package dev.asynccassandra.api;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
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
import com.datastax.oss.simulacron.common.result.Result;
import com.datastax.oss.simulacron.common.stubbing.CloseType;
import com.datastax.oss.simulacron.common.stubbing.DisconnectAction;
import com.datastax.oss.simulacron.common.stubbing.PrimeDsl;
import dev.asynccassandra.api.error.UnexpectedFailureException;
import dev.asynccassandra.testing.SimulacronCluster;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R4: every primed fault ends in the driver's exception, unwrapped, for execute and
 * prepare; the session stays usable.
 */
class SimulacronFaultMatrixTests {

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
		session.closeAsync().get();
		assertThat(cqlSession.isClosed()).isTrue();
		simulacron.close();
	}

	static Stream<Arguments> executeFaults() {
		return Stream.of(fault(PrimeDsl.readTimeout(ConsistencyLevel.ONE, 0, 1, false), ReadTimeoutException.class),
				fault(PrimeDsl.writeTimeout(ConsistencyLevel.ONE, 0, 1, WriteType.SIMPLE), WriteTimeoutException.class),
				allNodesFailed(PrimeDsl.unavailable(ConsistencyLevel.ONE, 1, 0), UnavailableException.class),
				retriedWhenIdempotent(PrimeDsl.overloaded("busy"), OverloadedException.class),
				allNodesFailed(PrimeDsl.isBootstrapping(), BootstrappingException.class),
				retriedWhenIdempotent(PrimeDsl.serverError("boom"), ServerError.class),
				fault(PrimeDsl.syntaxError("bad"), SyntaxError.class),
				fault(PrimeDsl.invalid("no such table"), InvalidQueryException.class),
				fault(PrimeDsl.unauthorized("nope"), UnauthorizedException.class),
				fault(PrimeDsl.readFailure(ConsistencyLevel.ONE, 0, 1, Map.of(), false), ReadFailureException.class),
				fault(PrimeDsl.writeFailure(ConsistencyLevel.ONE, 0, 1, Map.of(), WriteType.SIMPLE),
						WriteFailureException.class),
				fault(PrimeDsl.noResult(), DriverTimeoutException.class));
	}

	static Stream<Arguments> prepareFaults() {
		return Stream
			.of(fault(PrimeDsl.syntaxError("bad"), SyntaxError.class),
					fault(PrimeDsl.invalid("no such table"), InvalidQueryException.class),
					fault(PrimeDsl.unauthorized("nope"), UnauthorizedException.class),
					allNodesFailed(PrimeDsl.overloaded("busy"), OverloadedException.class),
					allNodesFailed(PrimeDsl.isBootstrapping(), BootstrappingException.class),
					allNodesFailed(PrimeDsl.serverError("boom"), ServerError.class),
					// A server never answers a PREPARE with a read timeout: the driver
					// reports
					// it with a plain IllegalStateException, which is foreign, hence
					// wrapped.
					Arguments.of(PrimeDsl.readTimeout(ConsistencyLevel.ONE, 0, 1, false),
							UnexpectedFailureException.class, IllegalStateException.class),
					fault(PrimeDsl.noResult(), DriverTimeoutException.class));
	}

	private static Arguments fault(Result result, Class<? extends Throwable> expected) {
		return Arguments.of(result, expected, null);
	}

	private static Arguments allNodesFailed(Result result, Class<? extends Throwable> perNode) {
		return Arguments.of(result, AllNodesFailedException.class, perNode);
	}

	/**
	 * Rethrown as itself for a non-idempotent request; tried on the next node (here,
	 * none) for an idempotent one.
	 */
	private static Arguments retriedWhenIdempotent(Result result, Class<? extends Throwable> error) {
		return Arguments.of(result, error, AllNodesFailedException.class);
	}

	@ParameterizedTest(name = "{1} {2}")
	@MethodSource("executeFaults")
	void executeFailsWithTheDriverExceptionUnwrapped(Result result, Class<? extends Throwable> expected,
			@Nullable Class<? extends Throwable> inner) throws Exception {
		String cql = "SELECT fault_" + expected.getSimpleName() + "_" + counter.incrementAndGet();
		simulacron.prime(PrimeDsl.when(cql).then(result));
		if (inner == AllNodesFailedException.class) {
			assertFailsWith(session.execute(cql), expected, null);
			assertFailsWith(session.execute(QueryOptions.builder().idempotent(true).build(), cql),
					AllNodesFailedException.class, expected);
		}
		else {
			assertFailsWith(session.execute(cql), expected, inner);
			assertFailsWith(session.execute(QueryOptions.builder().idempotent(true).build(), cql), expected, inner);
		}
		assertThat(session.inFlightCount()).isZero();
		assertThat(session.execute("SELECT ok").get()).isNotNull();
	}

	@ParameterizedTest(name = "{1} {2}")
	@MethodSource("prepareFaults")
	void prepareFailsWithTheDriverExceptionUnwrapped(Result result, Class<? extends Throwable> expected,
			@Nullable Class<? extends Throwable> inner) throws Exception {
		String cql = "SELECT prepare_fault_" + expected.getSimpleName() + "_" + counter.incrementAndGet();
		simulacron.prime(PrimeDsl.when(cql).then(result).applyToPrepare());
		assertFailsWith(session.prepare(cql), expected, inner);
		assertThat(session.inFlightCount()).isZero();
		assertThat(session.execute("SELECT ok").get()).isNotNull();
	}

	@Test
	void closedConnectionFailsTheRequestAndTheSessionRecovers() throws Exception {
		simulacron.prime(PrimeDsl.when("SELECT close")
			.then(PrimeDsl.closeConnection(DisconnectAction.Scope.CONNECTION, CloseType.DISCONNECT)));
		Throwable failure = session.execute("SELECT close").handle((value, error) -> error).get();
		assertThat(failure).isInstanceOfAny(ClosedConnectionException.class, AllNodesFailedException.class);
		if (failure instanceof AllNodesFailedException allFailed) {
			assertThat(allFailed.getAllErrors().values()).flatExtracting((errors) -> errors)
				.hasAtLeastOneElementOfType(ClosedConnectionException.class);
		}
		assertThat(session.inFlightCount()).isZero();
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.ignoreExceptions()
			.until(() -> session.execute("SELECT ok").get() != null);
	}

	private static void assertFailsWith(CompletableFuture<?> future, Class<? extends Throwable> expected,
			@Nullable Class<? extends Throwable> inner) throws Exception {
		Throwable failure = future.handle((value, error) -> error).get();
		assertThat(failure).isInstanceOf(expected)
			.isNotInstanceOf(CompletionException.class)
			.isNotInstanceOf(ExecutionException.class);
		if (failure instanceof AllNodesFailedException allFailed) {
			assertThat(allFailed.getAllErrors().values()).flatExtracting((errors) -> errors)
				.hasAtLeastOneElementOfType(inner);
		}
		else if (inner != null) {
			assertThat(failure).hasCauseInstanceOf(inner);
		}
	}

}
