package dev.asynccassandra.spring.autoconfigure.observation;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.observation.CassandraObservationContext;
import dev.asynccassandra.api.observation.CassandraObservationConvention;
import dev.asynccassandra.api.observation.DefaultCassandraObservationConvention;
import dev.asynccassandra.spring.autoconfigure.AsyncCassandraAutoConfiguration;
import dev.asynccassandra.spring.autoconfigure.AsyncSessionBuilderCustomizer;
import dev.asynccassandra.spring.testing.MockCqlSessions;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentMatchers;
import org.mockito.Mockito;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configured session observes its requests when the context has an
 * {@link ObservationRegistry}.
 */
class AsyncCassandraObservationAutoConfigurationTests {

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AsyncCassandraAutoConfiguration.class,
				AsyncCassandraObservationAutoConfiguration.class))
		.withPropertyValues("async-cassandra.shutdown.timeout=0s")
		.withBean(CqlSession.class, AsyncCassandraObservationAutoConfigurationTests::answeringCqlSession);

	@Test
	void runWithAnObservationRegistryShouldObserveEveryRequestWithoutTheQueryText() {
		this.contextRunner.withBean(ObservationRegistry.class, this::recordingRegistry).run((context) -> {
			execute(context, "SELECT v FROM kv WHERE k = ?");
			CassandraObservationContext observed = onlyObserved();
			assertThat(observed.getName()).isEqualTo(DefaultCassandraObservationConvention.NAME);
			assertThat(observed.getLowCardinalityKeyValues()).contains(KeyValue.of("db.system.name", "cassandra"),
					KeyValue.of("db.operation.name", "SELECT"));
			assertThat(observed.getHighCardinalityKeyValues().stream())
				.noneMatch((keyValue) -> keyValue.getKey().equals("db.query.text"));
		});
	}

	@Test
	void runWithQueryTextShouldPutTheCqlOnTheObservation() {
		this.contextRunner.withBean(ObservationRegistry.class, this::recordingRegistry)
			.withPropertyValues("async-cassandra.observations.query-text=true")
			.run((context) -> {
				execute(context, "SELECT v FROM kv WHERE k = ?");
				assertThat(onlyObserved().getHighCardinalityKeyValues())
					.contains(KeyValue.of("db.query.text", "SELECT v FROM kv WHERE k = ?"));
			});
	}

	@Test
	void runWithAConventionBeanShouldUseIt() {
		this.contextRunner.withBean(ObservationRegistry.class, this::recordingRegistry)
			.withBean(CassandraObservationConvention.class, () -> new CassandraObservationConvention() {

				@Override
				public String getName() {
					return "orders.cassandra";
				}

			})
			.run((context) -> {
				execute(context, "SELECT 1");
				assertThat(onlyObserved().getName()).isEqualTo("orders.cassandra");
			});
	}

	@Test
	void runWithObservationsDisabledShouldObserveNothing() {
		this.contextRunner.withBean(ObservationRegistry.class, this::recordingRegistry)
			.withPropertyValues("async-cassandra.observations.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(AsyncSessionBuilderCustomizer.class);
				execute(context, "SELECT 1");
				assertThat(this.stopped).isEmpty();
			});
	}

	@Test
	void runWithoutAnObservationRegistryShouldNotConfigureObservations() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(AsyncSession.class)
			.doesNotHaveBean(AsyncSessionBuilderCustomizer.class));
	}

	private ObservationRegistry recordingRegistry() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<Observation.Context>() {

			@Override
			public void onStop(Observation.Context context) {
				AsyncCassandraObservationAutoConfigurationTests.this.stopped.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		return registry;
	}

	private static void execute(AssertableApplicationContext context, String cql) throws Exception {
		context.getBean(AsyncSession.class).execute(cql).get(5, TimeUnit.SECONDS);
	}

	private CassandraObservationContext onlyObserved() {
		assertThat(this.stopped).hasSize(1);
		return (CassandraObservationContext) this.stopped.get(0);
	}

	private static CqlSession answeringCqlSession() {
		CqlSession session = MockCqlSessions.closeable();
		AsyncResultSet resultSet = Mockito.mock(AsyncResultSet.class);
		Mockito.when(session.executeAsync(ArgumentMatchers.<Statement<?>>any()))
			.thenAnswer((invocation) -> CompletableFuture.completedFuture(resultSet));
		return session;
	}

}
