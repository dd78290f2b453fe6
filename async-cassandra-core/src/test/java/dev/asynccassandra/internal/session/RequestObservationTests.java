package dev.asynccassandra.internal.session;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.ColumnDefinitions;
import com.datastax.oss.driver.api.core.cql.ExecutionInfo;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.EndPoint;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import dev.asynccassandra.api.AsyncResult;
import dev.asynccassandra.api.QueryOptions;
import dev.asynccassandra.api.error.SessionClosedException;
import dev.asynccassandra.api.observation.CassandraObservationContext;
import dev.asynccassandra.api.observation.CassandraObservationConvention;
import dev.asynccassandra.api.observation.DefaultCassandraObservationConvention;
import dev.asynccassandra.api.stream.RowPublisher;
import dev.asynccassandra.internal.event.QueryEventPublisher;
import dev.asynccassandra.internal.observation.MicrometerRequestObservations;
import dev.asynccassandra.testing.TestSubscriber;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One observation per request, child of the caller's, named and keyed by the convention,
 * never carrying a bound value.
 */
class RequestObservationTests {

	private static final String SECRET = "s3cr3t-value-42";

	private final MockDriver driver = new MockDriver();

	private final ObservationRegistry registry = ObservationRegistry.create();

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	private @Nullable DefaultAsyncSession session;

	RequestObservationTests() {
		this.registry.observationConfig().observationHandler(new ObservationHandler<Observation.Context>() {

			@Override
			public void onStop(Observation.Context context) {
				RequestObservationTests.this.stopped.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
	}

	@AfterEach
	void close() throws Exception {
		if (this.session != null) {
			this.session.forceCloseAsync().get(5, TimeUnit.SECONDS);
		}
		this.driver.close();
	}

	@Test
	void aRequestIsAChildOfTheCallersObservationWithTheConventionsKeys() throws Exception {
		DefaultAsyncSession session = session(new DefaultCassandraObservationConvention(true));
		Observation caller = Observation.start("http.server.requests", this.registry);
		CompletableFuture<AsyncResult> future;
		Observation.Scope scope = caller.openScope();
		try {
			future = session.execute("SELECT v FROM kv WHERE k = ?", 7);
		}
		finally {
			scope.close();
		}
		this.driver.completeOnIoThread(this.driver.nextExecution(), answeredBy("10.0.0.7", 9042, 3));
		future.get(5, TimeUnit.SECONDS);
		caller.stop();
		CassandraObservationContext context = onlyCassandraContext();
		assertThat(context.getName()).isEqualTo(DefaultCassandraObservationConvention.NAME);
		assertThat(context.getContextualName()).isEqualTo("SELECT");
		assertThat(context.getParentObservation()).isSameAs(caller);
		assertThat(context.getLowCardinalityKeyValues()).contains(KeyValue.of("db.system.name", "cassandra"),
				KeyValue.of("db.operation.name", "SELECT"), KeyValue.of("db.namespace", "unknown"),
				KeyValue.of("db.collection.name", "unknown"), KeyValue.of("db.query.summary", "unknown"));
		assertThat(context.getHighCardinalityKeyValues()).contains(KeyValue.of("server.address", "10.0.0.7"),
				KeyValue.of("server.port", "9042"), KeyValue.of("db.response.returned_rows", "3"),
				KeyValue.of("db.query.text", "SELECT v FROM kv WHERE k = ?"));
		assertThat(context.getError()).isNull();
	}

	@Test
	void aBoundStatementNamesItsKeyspaceTableAndStatementNameButNeverItsValues() throws Exception {
		DefaultAsyncSession session = session(null);
		BoundStatement bound = bound("INSERT INTO shop.orders (id, note) VALUES (?, ?)", "shop", "orders");
		CompletableFuture<AsyncResult> future = session
			.execute(QueryOptions.builder().statementName("insert-order").build(), bound);
		this.driver.completeOnIoThread(this.driver.nextExecution(), answeredBy("10.0.0.8", 9042, 0));
		future.get(5, TimeUnit.SECONDS);
		CassandraObservationContext context = onlyCassandraContext();
		assertThat(context.getContextualName()).isEqualTo("insert-order");
		assertThat(context.getLowCardinalityKeyValues()).contains(KeyValue.of("db.operation.name", "INSERT"),
				KeyValue.of("db.namespace", "shop"), KeyValue.of("db.collection.name", "orders"),
				KeyValue.of("db.query.summary", "insert-order"));
		assertThat(context.getAllKeyValues().stream().map(KeyValue::getValue)).noneMatch((v) -> v.contains(SECRET));
		assertThat(context.toString()).doesNotContain(SECRET);
	}

	@Test
	void streamPagesAreChildrenOfTheSubscribersObservation() throws Exception {
		DefaultAsyncSession session = session(null);
		RowPublisher<Row> rows = session.stream(SimpleStatement.newInstance("SELECT k FROM t"));
		Observation subscriber = Observation.start("http.server.requests", this.registry);
		TestSubscriber<Row> received = new TestSubscriber<>(Long.MAX_VALUE);
		Observation.Scope scope = subscriber.openScope();
		try {
			rows.subscribe(received);
		}
		finally {
			scope.close();
		}
		AsyncResultSet page = answeredBy("10.0.0.9", 9042, 1);
		Mockito.when(page.currentPage()).thenReturn(List.of(Mockito.mock(Row.class)));
		this.driver.completeOnIoThread(this.driver.nextExecution(), page);
		received.awaitTermination(Duration.ofSeconds(5));
		subscriber.stop();
		CassandraObservationContext context = onlyCassandraContext();
		assertThat(context.getParentObservation()).isSameAs(subscriber);
		assertThat(context.getLowCardinalityKeyValues()).contains(KeyValue.of("db.operation.name", "SELECT"));
	}

	@Test
	void aFailedRequestCarriesItsError() throws Exception {
		DefaultAsyncSession session = session(null);
		CompletableFuture<AsyncResult> future = session.execute("SELECT nope FROM kv");
		InvalidQueryException failure = new InvalidQueryException(Mockito.mock(Node.class), "Undefined column");
		this.driver.failOnIoThread(this.driver.nextExecution(), failure);
		assertThat(future.handle((result, error) -> error).get(5, TimeUnit.SECONDS)).isSameAs(failure);
		assertThat(onlyCassandraContext().getError()).isSameAs(failure);
	}

	@Test
	void aRefusedRequestIsObservedWithItsRefusal() throws Exception {
		DefaultAsyncSession session = session(null);
		session.closeAsync().get(5, TimeUnit.SECONDS);
		Throwable refusal = session.execute("SELECT 1").handle((result, error) -> error).get(5, TimeUnit.SECONDS);
		assertThat(refusal).isInstanceOf(SessionClosedException.class);
		assertThat(onlyCassandraContext().getError()).isSameAs(refusal);
	}

	@Test
	void aCancelledRequestIsStoppedOnce() throws Exception {
		DefaultAsyncSession session = session(null);
		CompletableFuture<AsyncResult> future = session.execute("SELECT 1");
		CompletableFuture<AsyncResultSet> driverFuture = this.driver.nextExecution();
		future.cancel(false);
		this.driver.completeOnIoThread(driverFuture, this.driver.emptyResultSet);
		// The driver's late answer has been handled once the I/O thread ran a later task.
		this.driver.ioThread.submit(() -> {
		}).get(5, TimeUnit.SECONDS);
		assertThat(onlyCassandraContext().getError()).isNotNull();
		assertThat(this.stopped).hasSize(1);
	}

	@Test
	void aConventionReplacesTheDefault() throws Exception {
		DefaultAsyncSession session = session(new CassandraObservationConvention() {

			@Override
			public String getName() {
				return "orders.cassandra";
			}

			@Override
			public String getContextualName(CassandraObservationContext context) {
				return "cassandra " + context.getOperationName().toLowerCase(java.util.Locale.ROOT);
			}

		});
		CompletableFuture<AsyncResult> future = session.execute("UPDATE kv SET v = 1 WHERE k = 2");
		this.driver.completeOnIoThread(this.driver.nextExecution(), this.driver.emptyResultSet);
		future.get(5, TimeUnit.SECONDS);
		CassandraObservationContext context = onlyCassandraContext();
		assertThat(context.getName()).isEqualTo("orders.cassandra");
		assertThat(context.getContextualName()).isEqualTo("cassandra update");
	}

	@Test
	void aThrowingObservationHandlerNeverFailsOrHangsARequest() throws Exception {
		ObservationRegistry throwing = ObservationRegistry.create();
		throwing.observationConfig().observationHandler(new ObservationHandler<Observation.Context>() {

			@Override
			public void onStart(Observation.Context context) {
				if (context instanceof CassandraObservationContext cassandra
						&& cassandra.getOperationName().equals("SELECT")) {
					throw new IllegalStateException("tracer broke on start");
				}
			}

			@Override
			public void onStop(Observation.Context context) {
				throw new IllegalStateException("tracer broke on stop");
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		this.session = new DefaultAsyncSession(this.driver.cqlSession, MockDriver.settings(),
				QueryEventPublisher.noop(), List.of(), new MicrometerRequestObservations(throwing, null, null));
		CompletableFuture<AsyncResult> onStart = this.session.execute("SELECT 1");
		this.driver.completeOnIoThread(this.driver.nextExecution(), this.driver.emptyResultSet);
		CompletableFuture<AsyncResult> onStop = this.session.execute("UPDATE kv SET v = 1 WHERE k = 1");
		this.driver.completeOnIoThread(this.driver.nextExecution(), this.driver.emptyResultSet);
		assertThat(onStart.get(5, TimeUnit.SECONDS).wasApplied()).isTrue();
		assertThat(onStop.get(5, TimeUnit.SECONDS).wasApplied()).isTrue();
		assertThat(this.session.inFlightCount()).isZero();
	}

	@Test
	void theQueryTextIsLeftOutUnlessAskedFor() {
		CassandraObservationContext context = new CassandraObservationContext("SELECT", "shop", null, null,
				"SELECT * FROM shop.orders");
		assertThat(new DefaultCassandraObservationConvention().getHighCardinalityKeyValues(context).stream())
			.noneMatch((keyValue) -> keyValue.getKey().equals("db.query.text"));
		assertThat(new DefaultCassandraObservationConvention(true).getHighCardinalityKeyValues(context))
			.contains(KeyValue.of("db.query.text", "SELECT * FROM shop.orders"));
	}

	private DefaultAsyncSession session(@Nullable CassandraObservationConvention convention) {
		this.session = new DefaultAsyncSession(this.driver.cqlSession, MockDriver.settings(),
				QueryEventPublisher.noop(), List.of(),
				new MicrometerRequestObservations(this.registry, convention, null));
		return this.session;
	}

	private CassandraObservationContext onlyCassandraContext() {
		List<CassandraObservationContext> contexts = this.stopped.stream()
			.filter(CassandraObservationContext.class::isInstance)
			.map(CassandraObservationContext.class::cast)
			.toList();
		assertThat(contexts).hasSize(1);
		return contexts.get(0);
	}

	private static AsyncResultSet answeredBy(String host, int port, int rows) {
		AsyncResultSet resultSet = Mockito.mock(AsyncResultSet.class);
		ExecutionInfo executionInfo = Mockito.mock(ExecutionInfo.class);
		Node node = Mockito.mock(Node.class);
		EndPoint endPoint = Mockito.mock(EndPoint.class);
		Mockito.when(endPoint.resolve()).thenReturn(InetSocketAddress.createUnresolved(host, port));
		Mockito.when(node.getEndPoint()).thenReturn(endPoint);
		Mockito.when(executionInfo.getCoordinator()).thenReturn(node);
		Mockito.when(resultSet.getExecutionInfo()).thenReturn(executionInfo);
		Mockito.when(resultSet.remaining()).thenReturn(rows);
		return resultSet;
	}

	private static BoundStatement bound(String query, String keyspace, String table) {
		ColumnDefinition column = Mockito.mock(ColumnDefinition.class);
		Mockito.when(column.getKeyspace()).thenReturn(CqlIdentifier.fromInternal(keyspace));
		Mockito.when(column.getTable()).thenReturn(CqlIdentifier.fromInternal(table));
		ColumnDefinitions variables = Mockito.mock(ColumnDefinitions.class);
		Mockito.when(variables.size()).thenReturn(2);
		Mockito.when(variables.get(0)).thenReturn(column);
		PreparedStatement prepared = Mockito.mock(PreparedStatement.class);
		Mockito.when(prepared.getQuery()).thenReturn(query);
		Mockito.when(prepared.getVariableDefinitions()).thenReturn(variables);
		BoundStatement bound = Mockito.mock(BoundStatement.class, Mockito.RETURNS_SELF);
		Mockito.when(bound.getPreparedStatement()).thenReturn(prepared);
		Mockito.when(bound.getKeyspace()).thenReturn(null);
		Mockito.when(bound.getTimeout()).thenReturn(null);
		Mockito.when(bound.toString()).thenReturn("BoundStatement[" + SECRET + "]");
		return bound;
	}

}
