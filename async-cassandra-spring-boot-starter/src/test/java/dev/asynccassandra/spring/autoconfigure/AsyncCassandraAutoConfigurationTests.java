package dev.asynccassandra.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.SessionStatistics;
import dev.asynccassandra.api.AsyncSessionBuilder;
import dev.asynccassandra.api.event.QueryEventListener;
import dev.asynccassandra.spring.lifecycle.AsyncSessionLifecycle;
import dev.asynccassandra.spring.testing.MockCqlSessions;
import dev.asynccassandra.spring.testing.PhasedStop;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Tests for {@link AsyncCassandraAutoConfiguration}.
 */
class AsyncCassandraAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AsyncCassandraAutoConfiguration.class))
		.withBean(CqlSession.class, () -> MockCqlSessions.closeable());

	@Test
	void runWithCqlSessionShouldCreateAsyncSessionAndLifecycle() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(AsyncSession.class)
				.hasSingleBean(AsyncSessionLifecycle.class)
				.hasSingleBean(AsyncCassandraProperties.class)
				.doesNotHaveBean(AsyncCassandraAutoConfiguration.EXECUTOR_BEAN_NAME);
			assertThat(context.getBean(AsyncSession.class).cqlSession()).isSameAs(context.getBean(CqlSession.class));
		});
	}

	@Test
	void runWithoutCqlSessionShouldNotCreateAsyncSession() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AsyncCassandraAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(AsyncSession.class)
				.doesNotHaveBean(AsyncSessionLifecycle.class));
	}

	@Test
	void runWithSeveralCqlSessionsAndNoPrimaryShouldBackOffAndProvideTheFactory() {
		this.contextRunner.withBean("secondCqlSession", CqlSession.class, MockCqlSessions::closeable)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(AsyncSession.class)
				.doesNotHaveBean(AsyncSessionLifecycle.class)
				.hasSingleBean(AsyncSessionFactory.class));
	}

	@Test
	void runWithSeveralCqlSessionsAndAPrimaryShouldWrapThePrimary() {
		CqlSession primary = MockCqlSessions.closeable();
		this.contextRunner
			.withBean("primaryCqlSession", CqlSession.class, () -> primary, (definition) -> definition.setPrimary(true))
			.run((context) -> {
				assertThat(context).hasSingleBean(AsyncSession.class).hasSingleBean(AsyncSessionLifecycle.class);
				assertThat(context.getBean(AsyncSession.class).cqlSession()).isSameAs(primary);
			});
	}

	@Test
	void factoryShouldBuildOneSessionPerCqlSessionWithTheSameListenersAndProperties() {
		CqlSession orders = MockCqlSessions.closeable();
		CqlSession audit = MockCqlSessions.closeable();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AsyncCassandraAutoConfiguration.class))
			.withPropertyValues("async-cassandra.shutdown.timeout=3s")
			.withBean("orders", CqlSession.class, () -> orders)
			.withBean("audit", CqlSession.class, () -> audit)
			.withBean(QueryEventListener.class, () -> (event) -> {
			})
			.withUserConfiguration(TwoSessionsConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(AsyncSession.class)).hasSize(2);
				assertThat(context.getBean("ordersAsyncSession", AsyncSession.class).cqlSession()).isSameAs(orders);
				assertThat(context.getBean("auditAsyncSession", AsyncSession.class).cqlSession()).isSameAs(audit);
				assertThat(context.getBean("ordersAsyncSession", AsyncSession.class).statistics().eventQueueCapacity())
					.as("the listener bean is registered on each session")
					.isPositive();
				assertThat(context.getBeansOfType(AsyncSessionLifecycle.class)).hasSize(2);
				context.close();
				verify(orders).closeAsync();
				verify(audit).closeAsync();
			});
	}

	@Test
	void runWhenDriverIsNotOnClasspathShouldBackOff() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(CqlSession.class))
			.run((context) -> assertThat(context).doesNotHaveBean(AsyncSession.class));
	}

	@Test
	void runWhenCoreIsNotOnClasspathShouldBackOff() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(AsyncSession.class))
			.run((context) -> assertThat(context).doesNotHaveBean(AsyncSessionLifecycle.class));
	}

	@Test
	void runWithUserAsyncSessionShouldBackOff() {
		AsyncSession userSession = userSession(new CopyOnWriteArrayList<>());
		this.contextRunner.withBean("userAsyncSession", AsyncSession.class, () -> userSession).run((context) -> {
			assertThat(context).hasSingleBean(AsyncSession.class);
			assertThat(context.getBean(AsyncSession.class)).isSameAs(userSession);
			assertThat(context).hasSingleBean(AsyncSessionLifecycle.class);
		});
	}

	@Test
	void runWithUserLifecycleShouldBackOff() {
		this.contextRunner
			.withBean("userLifecycle", AsyncSessionLifecycle.class,
					() -> new AsyncSessionLifecycle(userSession(new CopyOnWriteArrayList<>())))
			.run((context) -> assertThat(context).hasSingleBean(AsyncSessionLifecycle.class)
				.getBean(AsyncSessionLifecycle.class)
				.isSameAs(context.getBean("userLifecycle")));
	}

	@Test
	void runWithPropertiesShouldBindThem() {
		this.contextRunner
			.withPropertyValues("async-cassandra.request.timeout=3s", "async-cassandra.executor.threads=3",
					"async-cassandra.shutdown.timeout=7s", "async-cassandra.metrics.statement-tag=true",
					"async-cassandra.metrics.max-statement-names=5", "async-cassandra.embedded.native-port=0")
			.run((context) -> {
				AsyncCassandraProperties properties = context.getBean(AsyncCassandraProperties.class);
				assertThat(properties.getRequest().getTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(properties.getExecutor().getThreads()).isEqualTo(3);
				assertThat(properties.getShutdown().getTimeout()).isEqualTo(Duration.ofSeconds(7));
				assertThat(properties.getMetrics().isStatementTag()).isTrue();
				assertThat(properties.getMetrics().getMaxStatementNames()).isEqualTo(5);
				assertThat(properties.getEmbedded().getNativePort()).isZero();
				assertThat(context).hasBean(AsyncCassandraAutoConfiguration.EXECUTOR_BEAN_NAME);
				assertThat(context.getBean(AsyncCassandraAutoConfiguration.EXECUTOR_BEAN_NAME))
					.isInstanceOf(ExecutorService.class);
			});
	}

	@Test
	void runWithUserExecutorShouldBackOff() {
		Executor userExecutor = Runnable::run;
		this.contextRunner.withPropertyValues("async-cassandra.executor.threads=3")
			.withBean(AsyncCassandraAutoConfiguration.EXECUTOR_BEAN_NAME, Executor.class, () -> userExecutor)
			.run((context) -> {
				assertThat(context).hasSingleBean(AsyncSession.class).doesNotHaveBean(ExecutorService.class);
				assertThat(context.getBean(AsyncCassandraAutoConfiguration.EXECUTOR_BEAN_NAME)).isSameAs(userExecutor);
			});
	}

	@Test
	void runWithDefaultsShouldUseDocumentedValues() {
		this.contextRunner.run((context) -> {
			AsyncCassandraProperties properties = context.getBean(AsyncCassandraProperties.class);
			assertThat(properties.getRequest().getTimeout()).isNull();
			assertThat(properties.getShutdown().getTimeout()).isEqualTo(Duration.ofSeconds(20));
			assertThat(properties.getMetrics().isEnabled()).isTrue();
			assertThat(properties.getEmbedded().isEnabled()).isFalse();
		});
	}

	@Test
	void runShouldApplyCustomizersInOrder() {
		List<String> calls = new CopyOnWriteArrayList<>();
		this.contextRunner.withBean("second", SecondCustomizer.class, () -> new SecondCustomizer(calls))
			.withBean("first", FirstCustomizer.class, () -> new FirstCustomizer(calls))
			.run((context) -> {
				assertThat(context).hasSingleBean(AsyncSession.class);
				assertThat(calls).containsExactly("first", "second");
			});
	}

	@Test
	void closingTheContextShouldCloseTheAsyncSessionAndItsCqlSessionBeforeTheLifecycleCallback() {
		CqlSession cqlSession = MockCqlSessions.closeable();
		List<String> events = new CopyOnWriteArrayList<>();
		when(cqlSession.closeAsync()).thenAnswer((invocation) -> {
			events.add("cqlSession.closeAsync");
			return CompletableFuture.completedFuture(null);
		});
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AsyncCassandraAutoConfiguration.class))
			.withBean(CqlSession.class, () -> cqlSession, (definition) -> definition.setDestroyMethodName(""))
			.withBean("lastLifecycle", SmartLifecycle.class,
					() -> new PhasedStop(AsyncSessionLifecycle.PHASE - 1, () -> events.add("nextPhase.stop")))
			.run((context) -> {
				AsyncSession session = context.getBean(AsyncSession.class);
				context.close();
				assertThat(session.isClosed()).isTrue();
			});
		assertThat(events).containsExactly("cqlSession.closeAsync", "nextPhase.stop");
		verify(cqlSession, never()).forceCloseAsync();
	}

	@Test
	void contextCloseShouldStopTheLifecycleBeforeTheCqlSessionIsDestroyed() {
		List<String> events = new CopyOnWriteArrayList<>();
		CqlSession cqlSession = MockCqlSessions.closeable();
		doAnswer((invocation) -> events.add("cqlSession.close")).when(cqlSession).close();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AsyncCassandraAutoConfiguration.class))
			.withBean(CqlSession.class, () -> cqlSession, (definition) -> definition.setDestroyMethodName("close"))
			.withBean(AsyncSession.class, () -> userSession(events))
			.run((context) -> context.close());
		assertThat(events).containsExactly("asyncSession.closeAsync", "cqlSession.close");
	}

	@Test
	void lifecyclePhaseShouldBeBelowTheWebServerShutdownPhases() {
		assertThat(AsyncSessionLifecycle.PHASE).isLessThan(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE);
		assertThat(AsyncSessionLifecycle.PHASE).isLessThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE);
	}

	private static AsyncSession userSession(List<String> events) {
		AsyncSession session = mock(AsyncSession.class);
		when(session.closeAsync()).thenAnswer((invocation) -> {
			events.add("asyncSession.closeAsync");
			return CompletableFuture.completedFuture(null);
		});
		when(session.forceCloseAsync()).thenReturn(CompletableFuture.completedFuture(null));
		when(session.statistics()).thenReturn(new SessionStatistics(0, 0, 0, 0, 0, 0, 0));
		return session;
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoSessionsConfiguration {

		@Bean
		AsyncSession ordersAsyncSession(AsyncSessionFactory factory,
				@Qualifier("orders") ObjectProvider<CqlSession> orders) {
			return factory.create(orders::getObject);
		}

		@Bean
		AsyncSession auditAsyncSession(AsyncSessionFactory factory,
				@Qualifier("audit") ObjectProvider<CqlSession> audit) {
			return factory.create(audit::getObject);
		}

		@Bean
		AsyncSessionLifecycle ordersAsyncSessionLifecycle(@Qualifier("ordersAsyncSession") AsyncSession session) {
			return new AsyncSessionLifecycle(session);
		}

		@Bean
		AsyncSessionLifecycle auditAsyncSessionLifecycle(@Qualifier("auditAsyncSession") AsyncSession session) {
			return new AsyncSessionLifecycle(session);
		}

	}

	@Order(1)
	static final class FirstCustomizer implements AsyncSessionBuilderCustomizer {

		private final List<String> calls;

		FirstCustomizer(List<String> calls) {
			this.calls = calls;
		}

		@Override
		public void customize(AsyncSessionBuilder builder) {
			this.calls.add("first");
		}

	}

	@Order(2)
	static final class SecondCustomizer implements AsyncSessionBuilderCustomizer {

		private final List<String> calls;

		SecondCustomizer(List<String> calls) {
			this.calls = calls;
		}

		@Override
		public void customize(AsyncSessionBuilder builder) {
			this.calls.add("second");
			builder.addListener((event) -> {
			});
		}

	}

}
