package dev.asynccassandra.api;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import com.datastax.oss.driver.api.core.servererrors.BootstrappingException;
import com.datastax.oss.simulacron.common.request.Batch;
import com.datastax.oss.simulacron.common.request.Statement;
import com.datastax.oss.simulacron.common.stubbing.PrimeDsl;
import com.datastax.oss.simulacron.server.BoundNode;
import com.datastax.oss.simulacron.server.RejectScope;
import dev.asynccassandra.testing.SimulacronCluster;
import dev.asynccassandra.testing.ThreadNames;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariant 3 on a two-node cluster, for execute, prepare and batch: with every node
 * down, {@link NoNodeAvailableException} arrives as itself, off the driver threads, and
 * the session recovers when the nodes return; with every node failing,
 * {@link AllNodesFailedException} carries one error per node; with one node down, every
 * request succeeds on the other.
 */
class SimulacronNodeFailureTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String OK = "SELECT ok";

	private static final String INSERT = "INSERT INTO t (k) VALUES (1)";

	private final AtomicInteger counter = new AtomicInteger();

	private SimulacronCluster simulacron;

	private CqlSession cqlSession;

	private AsyncSession session;

	/** Prepared while the nodes were up, for batches once they are down. */
	private PreparedStatement insert;

	enum Operation {

		EXECUTE, PREPARE, BATCH

	}

	@BeforeEach
	void start() throws Exception {
		this.simulacron = SimulacronCluster.start(2);
		this.simulacron.prime(PrimeDsl.when(OK).then(PrimeDsl.noRows()));
		this.cqlSession = this.simulacron.newCqlSession(Duration.ofSeconds(2));
		this.session = AsyncSession.builder().withCqlSession(this.cqlSession).build();
		this.insert = await(this.session.prepare(INSERT));
	}

	@AfterEach
	void stop() throws Exception {
		try {
			this.session.closeAsync().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(this.cqlSession.isClosed()).isTrue();
		}
		finally {
			this.simulacron.close();
		}
	}

	@ParameterizedTest
	@EnumSource(Operation.class)
	void noNodeAvailableArrivesAsItselfAndTheSessionRecovers(Operation operation) throws Exception {
		this.simulacron.cluster().rejectConnections(0, RejectScope.STOP);
		Awaitility.await()
			.atMost(WAIT)
			.until(() -> run(operation).handle((result, error) -> error)
				.get(WAIT.toMillis(), TimeUnit.MILLISECONDS) instanceof NoNodeAvailableException);
		CompletableFuture<?> future = run(operation);
		CompletableFuture<String> thread = future.handle((result, error) -> Thread.currentThread().getName());
		Throwable failure = failure(future);
		assertThat(failure).isExactlyInstanceOf(NoNodeAvailableException.class);
		assertThat(((NoNodeAvailableException) failure).getAllErrors()).isEmpty();
		assertThat(await(thread)).doesNotMatch(ThreadNames.DRIVER_THREAD);
		assertThat(this.session.inFlightCount()).isZero();
		this.simulacron.cluster().acceptConnections();
		Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> await(run(operation)) != null);
		assertThat(this.session.inFlightCount()).isZero();
	}

	@ParameterizedTest
	@EnumSource(Operation.class)
	void allNodesFailedCarriesTheErrorOfEveryNode(Operation operation) throws Exception {
		this.simulacron.prime(PrimeDsl.when("SELECT failing").then(PrimeDsl.isBootstrapping()));
		this.simulacron
			.prime(PrimeDsl.when("SELECT failing_prepare").then(PrimeDsl.isBootstrapping()).applyToPrepare());
		String failingInsert = "INSERT INTO t (k) VALUES (2)";
		PreparedStatement failingBatched = await(this.session.prepare(failingInsert));
		Statement batched = new Statement(failingInsert, Map.of(), Map.of());
		this.simulacron
			.prime(PrimeDsl.when(new Batch(List.of(batched), new String[0])).then(PrimeDsl.isBootstrapping()));
		CompletableFuture<?> future = switch (operation) {
			case EXECUTE -> this.session.execute("SELECT failing");
			case PREPARE -> this.session.prepare("SELECT failing_prepare");
			case BATCH -> this.session.executeBatch(DefaultBatchType.LOGGED, List.of(failingBatched.bind()));
		};
		Throwable failure = failure(future);
		assertThat(failure).isExactlyInstanceOf(AllNodesFailedException.class);
		AllNodesFailedException allFailed = (AllNodesFailedException) failure;
		assertThat(allFailed.getAllErrors()).hasSize(2);
		assertThat(allFailed.getAllErrors().keySet()).extracting(Node::getEndPoint)
			.extracting((endPoint) -> (InetSocketAddress) endPoint.resolve())
			.containsExactlyInAnyOrderElementsOf(this.simulacron.contactPoints());
		assertThat(allFailed.getAllErrors().values())
			.allSatisfy((errors) -> assertThat(errors).singleElement().isInstanceOf(BootstrappingException.class));
		assertThat(this.session.inFlightCount()).isZero();
		assertThat(await(run(operation))).isNotNull();
	}

	@ParameterizedTest
	@EnumSource(Operation.class)
	void withOneNodeDownEveryRequestSucceedsOnTheOther(Operation operation) throws Exception {
		BoundNode down = this.simulacron.cluster().getNodes().iterator().next();
		down.rejectConnections(0, RejectScope.STOP);
		Node driverNode = this.cqlSession.getMetadata()
			.findNode((InetSocketAddress) down.getAddress())
			.orElseThrow(() -> new AssertionError("unknown node " + down.getAddress()));
		Awaitility.await().atMost(WAIT).until(() -> driverNode.getState() == NodeState.DOWN);
		for (int i = 0; i < 20; i++) {
			assertThat(await(run(operation))).isNotNull();
		}
		assertThat(this.session.inFlightCount()).isZero();
	}

	/**
	 * Runs the operation on a query that succeeds when a node answers.
	 */
	private CompletableFuture<?> run(Operation operation) {
		return switch (operation) {
			case EXECUTE -> this.session.execute(OK);
			case PREPARE -> this.session.prepare("SELECT fresh_" + this.counter.incrementAndGet());
			case BATCH -> this.session.executeBatch(DefaultBatchType.UNLOGGED, List.of(this.insert.bind()));
		};
	}

	private static <T> T await(CompletableFuture<T> future) throws Exception {
		return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
	}

	private static Throwable failure(CompletableFuture<?> future) throws Exception {
		Throwable failure = future.handle((result, error) -> error).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(failure).as("failure").isNotNull();
		return failure;
	}

}
