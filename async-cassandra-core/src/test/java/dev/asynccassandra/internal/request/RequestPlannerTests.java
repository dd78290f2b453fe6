package dev.asynccassandra.internal.request;

import java.time.Duration;
import java.util.concurrent.Executor;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfig;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.asynccassandra.api.QueryOptions;
import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.internal.context.ContextCapture;
import dev.asynccassandra.internal.request.RequestPlanner.Plan;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

/**
 * The one place a request's timeout is resolved and a call becomes a planned request:
 * precedence, what the statement carries, and the default profile's timeout read once per
 * refresh instead of once per request.
 */
class RequestPlannerTests {

	private final DriverConfig config = Mockito.mock(DriverConfig.class);

	private final DriverExecutionProfile defaultProfile = Mockito.mock(DriverExecutionProfile.class);

	private final DriverExecutionProfile slowProfile = Mockito.mock(DriverExecutionProfile.class);

	private final Executor executor = Runnable::run;

	RequestPlannerTests() {
		given(this.config.getDefaultProfile()).willReturn(this.defaultProfile);
		given(this.config.getProfile("slow")).willReturn(this.slowProfile);
		given(this.defaultProfile.getDuration(DefaultDriverOption.REQUEST_TIMEOUT)).willReturn(Duration.ofSeconds(2));
		given(this.slowProfile.getDuration(DefaultDriverOption.REQUEST_TIMEOUT)).willReturn(Duration.ofSeconds(9));
	}

	private RequestPlanner planner(Duration sessionTimeout) {
		return new RequestPlanner(this.config, sessionTimeout, this.executor, ContextCapture.NONE);
	}

	@Test
	void defaultProfileTimeoutIsReadOnceAndNotPerRequest() {
		RequestPlanner planner = planner(null);

		for (int i = 0; i < 100; i++) {
			assertThat(
					planner.plan(SimpleStatement.newInstance("SELECT 1"), QueryOptions.defaults()).context().timeout())
				.isEqualTo(Duration.ofSeconds(2));
			assertThat(planner.planPreparation("SELECT 1", QueryOptions.defaults()).context().timeout())
				.isEqualTo(Duration.ofSeconds(2));
		}
		Mockito.verify(this.defaultProfile, Mockito.times(1)).getDuration(DefaultDriverOption.REQUEST_TIMEOUT);
	}

	@Test
	void refreshPicksUpAReloadedConfiguration() {
		RequestPlanner planner = planner(null);
		given(this.defaultProfile.getDuration(DefaultDriverOption.REQUEST_TIMEOUT)).willReturn(Duration.ofSeconds(5));

		planner.refreshDefaultProfileTimeout();

		assertThat(planner.plan(SimpleStatement.newInstance("SELECT 1"), QueryOptions.defaults()).context().timeout())
			.isEqualTo(Duration.ofSeconds(5));
		assertThat(planner.planPreparation("SELECT 1", QueryOptions.defaults()).context().timeout())
			.isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void refreshKeepsTheLastTimeoutWhenTheConfigurationCannotBeRead() {
		RequestPlanner planner = planner(null);
		given(this.defaultProfile.getDuration(DefaultDriverOption.REQUEST_TIMEOUT))
			.willThrow(new IllegalStateException("broken configuration"));

		planner.refreshDefaultProfileTimeout();

		assertThat(planner.planPreparation("SELECT 1", QueryOptions.defaults()).context().timeout())
			.isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void perCallStatementSessionAndNamedProfileTimeoutsComeFirst() {
		RequestPlanner planner = planner(null);
		SimpleStatement statement = SimpleStatement.newInstance("SELECT 1");

		assertThat(planner.timeoutFor(Duration.ofMillis(300), statement)).isEqualTo(Duration.ofMillis(300));
		assertThat(planner.timeoutFor(null, statement.setTimeout(Duration.ofSeconds(4))))
			.isEqualTo(Duration.ofSeconds(4));
		assertThat(planner.timeoutFor(null, statement.setExecutionProfileName("slow")))
			.isEqualTo(Duration.ofSeconds(9));
		assertThat(planner(Duration.ofSeconds(7)).timeoutFor(null, statement)).isEqualTo(Duration.ofSeconds(7));
		assertThat(planner(Duration.ofSeconds(7)).timeoutFor(Duration.ofMillis(300), statement))
			.isEqualTo(Duration.ofMillis(300));
	}

	@Test
	void theStatementCarriesTheResolvedTimeoutUnlessTheDriverResolvesTheSameItself() {
		SimpleStatement statement = SimpleStatement.newInstance("SELECT 1");

		Plan<Statement<?>> fromProfile = planner(null).plan(statement, QueryOptions.defaults());
		assertThat(fromProfile.statement()).as("the driver reads the profile itself: no copy").isSameAs(statement);
		assertThat(fromProfile.context().timeout()).isEqualTo(Duration.ofSeconds(2));

		Plan<Statement<?>> fromSession = planner(Duration.ofSeconds(7)).plan(statement, QueryOptions.defaults());
		assertThat(fromSession.statement().getTimeout()).isEqualTo(Duration.ofSeconds(7));
		assertThat(fromSession.context().timeout()).isEqualTo(Duration.ofSeconds(7));

		QueryOptions options = QueryOptions.builder()
			.timeout(Duration.ofMillis(300))
			.consistencyLevel(ConsistencyLevel.QUORUM)
			.build();
		Plan<Statement<?>> perCall = planner(Duration.ofSeconds(7)).plan(statement, options);
		assertThat(perCall.statement().getTimeout()).isEqualTo(Duration.ofMillis(300));
		assertThat(perCall.statement().getConsistencyLevel()).isEqualTo(ConsistencyLevel.QUORUM);
		assertThat(perCall.context().timeout()).isEqualTo(Duration.ofMillis(300));
	}

	@Test
	void preparationsAndStreamPagesCarryTheResolvedTimeoutOnTheStatement() {
		RequestPlanner planner = planner(null);

		Plan<SimpleStatement> preparation = planner.planPreparation("SELECT 1", QueryOptions.defaults());
		assertThat(preparation.statement().getTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(planner.planPreparation("SELECT 1", QueryOptions.defaults()).statement())
			.as("the same query prepares the same request, so concurrent preparations share one round trip")
			.isEqualTo(preparation.statement());

		StreamOptions streamOptions = StreamOptions.builder().pageTimeout(Duration.ofMillis(800)).pageSize(50).build();
		Plan<Statement<?>> stream = planner.planStream(SimpleStatement.newInstance("SELECT 1"), streamOptions);
		assertThat(stream.statement().getTimeout()).isEqualTo(Duration.ofMillis(800));
		assertThat(stream.statement().getPageSize()).isEqualTo(50);
		assertThat(stream.context().timeout()).isEqualTo(Duration.ofMillis(800));
		assertThat(stream.context().executor()).isSameAs(this.executor);
	}

	@Test
	void mostRequestsShareOneContextAndPerCallValuesGetTheirOwn() {
		RequestPlanner planner = planner(null);
		SimpleStatement statement = SimpleStatement.newInstance("SELECT 1");

		RequestContext first = planner.plan(statement, QueryOptions.defaults()).context();
		assertThat(planner.plan(statement, QueryOptions.defaults()).context()).isSameAs(first);
		assertThat(first.executor()).isSameAs(this.executor);
		assertThat(first.statementName()).isNull();

		Executor perCall = Runnable::run;
		RequestContext own = planner
			.plan(statement, QueryOptions.builder().executor(perCall).statementName("readings.by-sensor").build())
			.context();
		assertThat(own.executor()).isSameAs(perCall);
		assertThat(own.statementName()).isEqualTo("readings.by-sensor");
	}

}
