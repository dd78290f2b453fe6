package dev.asynccassandra.api.error;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.DefaultProtocolVersion;
import com.datastax.oss.driver.api.core.DriverExecutionException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.InvalidKeyspaceException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.NodeUnavailableException;
import com.datastax.oss.driver.api.core.RequestThrottlingException;
import com.datastax.oss.driver.api.core.UnsupportedProtocolVersionException;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.connection.BusyConnectionException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.ConnectionInitException;
import com.datastax.oss.driver.api.core.connection.CrcMismatchException;
import com.datastax.oss.driver.api.core.connection.FrameTooLongException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.metadata.EndPoint;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.AlreadyExistsException;
import com.datastax.oss.driver.api.core.servererrors.BootstrappingException;
import com.datastax.oss.driver.api.core.servererrors.CASWriteUnknownException;
import com.datastax.oss.driver.api.core.servererrors.CDCWriteFailureException;
import com.datastax.oss.driver.api.core.servererrors.DefaultWriteType;
import com.datastax.oss.driver.api.core.servererrors.FunctionFailureException;
import com.datastax.oss.driver.api.core.servererrors.InvalidConfigurationInQueryException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.ProtocolError;
import com.datastax.oss.driver.api.core.servererrors.ReadFailureException;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.ServerError;
import com.datastax.oss.driver.api.core.servererrors.SyntaxError;
import com.datastax.oss.driver.api.core.servererrors.TruncateException;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteFailureException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.WriteType;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.codec.CodecNotFoundException;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.asynccassandra.api.error.FailureKind.NOT_RETRYABLE;
import static dev.asynccassandra.api.error.FailureKind.RETRYABLE;
import static dev.asynccassandra.api.error.FailureKind.UNKNOWN_OUTCOME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link FailureClassifier}: one row per row of its javadoc table.
 */
class FailureClassifierTests {

	private static final Node node = mock(Node.class);

	private static final Node otherNode = mock(Node.class);

	private static final EndPoint endPoint = mock(EndPoint.class);

	private static final SocketAddress address = InetSocketAddress.createUnresolved("cassandra.example", 9042);

	private static final ConsistencyLevel quorum = ConsistencyLevel.QUORUM;

	/**
	 * The table: failure, kind when not idempotent, kind when idempotent.
	 */
	static Stream<Arguments> table() {
		return Stream.of(
				// Server errors
				row(new ReadTimeoutException(node, quorum, 1, 2, false), RETRYABLE, RETRYABLE),
				row(new ReadTimeoutException(node, quorum, 2, 2, false), RETRYABLE, RETRYABLE),
				row(writeTimeout(DefaultWriteType.SIMPLE), UNKNOWN_OUTCOME, RETRYABLE),
				row(writeTimeout(DefaultWriteType.BATCH), UNKNOWN_OUTCOME, RETRYABLE),
				row(writeTimeout(DefaultWriteType.UNLOGGED_BATCH), UNKNOWN_OUTCOME, RETRYABLE),
				row(writeTimeout(DefaultWriteType.COUNTER), UNKNOWN_OUTCOME, UNKNOWN_OUTCOME),
				row(writeTimeout(DefaultWriteType.BATCH_LOG), UNKNOWN_OUTCOME, RETRYABLE),
				row(writeTimeout(DefaultWriteType.CAS), UNKNOWN_OUTCOME, UNKNOWN_OUTCOME),
				row(writeTimeout(DefaultWriteType.VIEW), UNKNOWN_OUTCOME, RETRYABLE),
				row(writeTimeout(DefaultWriteType.CDC), UNKNOWN_OUTCOME, RETRYABLE),
				row(writeTimeout(customWriteType("SOMETHING_NEW")), UNKNOWN_OUTCOME, RETRYABLE),
				row(writeTimeout(customWriteType("COUNTER")), UNKNOWN_OUTCOME, UNKNOWN_OUTCOME),
				row(new UnavailableException(node, quorum, 2, 1), RETRYABLE, RETRYABLE),
				row(new BootstrappingException(node), RETRYABLE, RETRYABLE),
				row(new OverloadedException(node), UNKNOWN_OUTCOME, RETRYABLE),
				row(new ServerError(node, "internal"), UNKNOWN_OUTCOME, RETRYABLE),
				row(new TruncateException(node, "truncate failed"), UNKNOWN_OUTCOME, RETRYABLE),
				row(new CDCWriteFailureException(node, "no CDC space"), UNKNOWN_OUTCOME, RETRYABLE),
				row(new ReadFailureException(node, quorum, 1, 2, 1, false, Map.of()), NOT_RETRYABLE, NOT_RETRYABLE),
				row(writeFailure(DefaultWriteType.SIMPLE), UNKNOWN_OUTCOME, NOT_RETRYABLE),
				row(writeFailure(DefaultWriteType.BATCH), UNKNOWN_OUTCOME, NOT_RETRYABLE),
				row(writeFailure(DefaultWriteType.COUNTER), UNKNOWN_OUTCOME, UNKNOWN_OUTCOME),
				row(writeFailure(DefaultWriteType.CAS), UNKNOWN_OUTCOME, UNKNOWN_OUTCOME),
				row(new CASWriteUnknownException(node, ConsistencyLevel.SERIAL, 1, 2), UNKNOWN_OUTCOME,
						UNKNOWN_OUTCOME),
				row(new FunctionFailureException(node, "udf threw"), NOT_RETRYABLE, NOT_RETRYABLE),
				row(new SyntaxError(node, "bad"), NOT_RETRYABLE, NOT_RETRYABLE),
				row(new InvalidQueryException(node, "unconfigured table"), NOT_RETRYABLE, NOT_RETRYABLE),
				row(new AlreadyExistsException(node, "ks", "table"), NOT_RETRYABLE, NOT_RETRYABLE),
				row(new InvalidConfigurationInQueryException(node, "bad option"), NOT_RETRYABLE, NOT_RETRYABLE),
				row(new UnauthorizedException(node, "no SELECT"), NOT_RETRYABLE, NOT_RETRYABLE),
				row(new ProtocolError(node, "bad frame"), NOT_RETRYABLE, NOT_RETRYABLE),
				// Client side
				row(new AuthenticationException(endPoint, "bad credentials"), NOT_RETRYABLE, NOT_RETRYABLE),
				row(new InvalidKeyspaceException("no keyspace"), NOT_RETRYABLE, NOT_RETRYABLE),
				row(new CodecNotFoundException(DataTypes.INT, GenericType.STRING), NOT_RETRYABLE, NOT_RETRYABLE),
				row(new FrameTooLongException(address, "too long"), NOT_RETRYABLE, NOT_RETRYABLE),
				row(UnsupportedProtocolVersionException.forSingleAttempt(endPoint, DefaultProtocolVersion.V5),
						NOT_RETRYABLE, NOT_RETRYABLE),
				row(new DriverTimeoutException("Query timed out after PT2S"), UNKNOWN_OUTCOME, RETRYABLE),
				row(new ClosedConnectionException("Lost connection"), UNKNOWN_OUTCOME, RETRYABLE),
				row(new HeartbeatException(address, "no heartbeat", new java.io.IOException()), UNKNOWN_OUTCOME,
						RETRYABLE),
				row(new CrcMismatchException("bad crc"), UNKNOWN_OUTCOME, RETRYABLE),
				row(new BusyConnectionException(2048), RETRYABLE, RETRYABLE),
				row(new NodeUnavailableException(node), RETRYABLE, RETRYABLE),
				row(new RequestThrottlingException("queue full"), RETRYABLE, RETRYABLE),
				row(new NoNodeAvailableException(), RETRYABLE, RETRYABLE),
				row(new ConnectionInitException("init failed", new java.io.IOException("reset")), RETRYABLE, RETRYABLE),
				row(new ConnectionInitException("init failed",
						new AuthenticationException(endPoint, "bad credentials")), NOT_RETRYABLE, NOT_RETRYABLE),
				row(new ConnectException("Connection refused"), RETRYABLE, RETRYABLE),
				// All nodes failed: decided by the per-node errors
				row(allNodesFailed(new UnavailableException(node, quorum, 3, 1), new BootstrappingException(node)),
						RETRYABLE, RETRYABLE),
				row(allNodesFailed(new ConnectException("refused"), new ClosedConnectionException("lost")),
						UNKNOWN_OUTCOME, RETRYABLE),
				row(allNodesFailed(new AuthenticationException(endPoint, "bad"), new ConnectException("refused")),
						NOT_RETRYABLE, NOT_RETRYABLE),
				row(allNodesFailed(new AuthenticationException(endPoint, "bad"), new DriverTimeoutException("t")),
						UNKNOWN_OUTCOME, NOT_RETRYABLE),
				row(allNodesFailed(writeTimeout(DefaultWriteType.CAS), new ConnectException("refused")),
						UNKNOWN_OUTCOME, UNKNOWN_OUTCOME),
				row(AllNodesFailedException.fromErrors(List.of()), RETRYABLE, RETRYABLE),
				row(AllNodesFailedException.fromErrors(List.of(Map.entry(node, new ConnectException("refused")),
						Map.entry(node, new OverloadedException(node)))), UNKNOWN_OUTCOME, RETRYABLE),
				// This library's exceptions
				row(new QueryTimeoutException(Duration.ofSeconds(2)), UNKNOWN_OUTCOME, RETRYABLE),
				row(new SessionClosedException(false), NOT_RETRYABLE, NOT_RETRYABLE),
				row(new SessionClosedException(true), UNKNOWN_OUTCOME, UNKNOWN_OUTCOME),
				row(new UnexpectedFailureException(new IllegalStateException("mapper bug")), NOT_RETRYABLE,
						NOT_RETRYABLE),
				row(new CompletionRejectedException(new RejectedExecutionException("saturated")), UNKNOWN_OUTCOME,
						UNKNOWN_OUTCOME),
				// JDK exceptions
				row(new IllegalArgumentException("bad bind count"), NOT_RETRYABLE, NOT_RETRYABLE),
				row(new NullPointerException("'cql' must not be null"), NOT_RETRYABLE, NOT_RETRYABLE),
				row(new IllegalStateException("Session is closed"), NOT_RETRYABLE, NOT_RETRYABLE),
				row(new UnsupportedOperationException(), NOT_RETRYABLE, NOT_RETRYABLE),
				row(new CancellationException(), UNKNOWN_OUTCOME, RETRYABLE),
				row(new TimeoutException(), UNKNOWN_OUTCOME, RETRYABLE),
				row(new InterruptedException(), UNKNOWN_OUTCOME, RETRYABLE),
				row(new WaitInterruptedException(new InterruptedException()), UNKNOWN_OUTCOME, RETRYABLE),
				// Default
				row(new RuntimeException("unknown"), UNKNOWN_OUTCOME, UNKNOWN_OUTCOME),
				row(new Exception("unknown checked"), UNKNOWN_OUTCOME, UNKNOWN_OUTCOME),
				row(new StackOverflowError(), UNKNOWN_OUTCOME, UNKNOWN_OUTCOME),
				row(new CompletionException((Throwable) null), UNKNOWN_OUTCOME, UNKNOWN_OUTCOME));
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("table")
	void classifiesEveryRowOfTheTable(Throwable failure, FailureKind notIdempotent, FailureKind idempotent) {
		assertThat(FailureClassifier.classify(failure, false)).isEqualTo(notIdempotent);
		assertThat(FailureClassifier.classify(failure)).isEqualTo(notIdempotent);
		assertThat(FailureClassifier.classify(failure, true)).isEqualTo(idempotent);
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("table")
	void classifiesWrappedFailuresByTheirCause(Throwable failure, FailureKind notIdempotent, FailureKind idempotent) {
		Throwable wrapped = new CompletionException(new ExecutionException(
				new DriverExecutionException(new LibraryWrapperException("mapping failed", failure))));
		assertThat(FailureClassifier.classify(wrapped, false)).isEqualTo(notIdempotent);
		assertThat(FailureClassifier.classify(wrapped, true)).isEqualTo(idempotent);
	}

	@Test
	void everyWriteTypeIsCovered() {
		for (DefaultWriteType writeType : DefaultWriteType.values()) {
			assertThat(FailureClassifier.classify(writeTimeout(writeType))).isEqualTo(UNKNOWN_OUTCOME);
		}
	}

	@Test
	void noNodeAvailableIsRetryableAndAllNodesFailedKeepsItsPerNodeErrors() {
		AllNodesFailedException failure = allNodesFailed(new ConnectException("refused"),
				new ConnectException("refused"));
		assertThat(failure.getAllErrors()).hasSize(2);
		assertThat(FailureClassifier.classify(failure)).isEqualTo(RETRYABLE);
	}

	@Test
	void looksThroughAtMostMaxCauseDepthWrappers() {
		Throwable shallow = new UnavailableException(node, quorum, 2, 1);
		for (int i = 0; i < FailureClassifier.MAX_CAUSE_DEPTH; i++) {
			shallow = new RuntimeException(shallow);
		}
		assertThat(FailureClassifier.classify(shallow)).isEqualTo(RETRYABLE);
		Throwable deep = new RuntimeException(shallow);
		assertThat(FailureClassifier.classify(deep)).isEqualTo(UNKNOWN_OUTCOME);
	}

	@Test
	void causeCyclesEndWithTheDefault() {
		RuntimeException first = new RuntimeException("first");
		RuntimeException second = new RuntimeException("second", first);
		first.initCause(second);
		assertThat(FailureClassifier.classify(first, true)).isEqualTo(UNKNOWN_OUTCOME);
	}

	@Test
	void rejectsNull() {
		assertThatNullPointerException().isThrownBy(() -> FailureClassifier.classify(null))
			.withMessageContaining("failure");
	}

	private static Arguments row(Throwable failure, FailureKind notIdempotent, FailureKind idempotent) {
		return arguments(failure, notIdempotent, idempotent);
	}

	private static WriteTimeoutException writeTimeout(WriteType writeType) {
		return new WriteTimeoutException(node, quorum, 1, 2, writeType);
	}

	private static WriteFailureException writeFailure(WriteType writeType) {
		return new WriteFailureException(node, quorum, 1, 2, writeType, 1, Map.of());
	}

	private static WriteType customWriteType(String name) {
		return () -> name;
	}

	private static AllNodesFailedException allNodesFailed(Throwable first, Throwable second) {
		return AllNodesFailedException.fromErrors(List.of(Map.entry(node, first), Map.entry(otherNode, second)));
	}

	/**
	 * Stands for the library's own wrapper root, classified by its cause.
	 */
	static final class LibraryWrapperException extends RuntimeException {

		LibraryWrapperException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
