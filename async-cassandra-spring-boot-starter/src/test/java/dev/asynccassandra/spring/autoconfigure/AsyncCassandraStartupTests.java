package dev.asynccassandra.spring.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import dev.asynccassandra.api.AsyncResult;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.spring.session.ConnectingAsyncSession;
import dev.asynccassandra.spring.session.SessionNotConnectedException;
import dev.asynccassandra.spring.testing.MockCqlSessions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the startup of {@link AsyncCassandraAutoConfiguration} when Cassandra is not
 * reachable: like Spring Boot's lazy {@code CqlSession}, the application starts by
 * default, and only {@code async-cassandra.startup.fail-fast=true} fails it.
 */
class AsyncCassandraStartupTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AsyncCassandraAutoConfiguration.class))
		.withPropertyValues("async-cassandra.startup.retry-delay=10ms", "async-cassandra.startup.max-retry-delay=40ms");

	@Test
	void runWhenCassandraIsUnreachableShouldStartAndFailRequestsAtOnce() {
		this.contextRunner.withBean(CqlSession.class, () -> {
			throw new NoNodeAvailableException();
		}, (definition) -> definition.setLazyInit(true)).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(AsyncSession.class);
			AsyncSession session = context.getBean(AsyncSession.class);
			assertThat(session).isInstanceOf(ConnectingAsyncSession.class);
			CompletableFuture<AsyncResult> request = session.execute("SELECT release_version FROM system.local");
			assertThat(request).isCompletedExceptionally();
			assertThat(request.handle((result, error) -> error).join()).isInstanceOf(SessionNotConnectedException.class)
				.hasCauseInstanceOf(NoNodeAvailableException.class);
		});
	}

	@Test
	void runWhenCassandraAnswersAfterStartupShouldConnectWithoutRestart() {
		AtomicInteger attempts = new AtomicInteger();
		CqlSession cqlSession = MockCqlSessions.closeable();
		this.contextRunner.withBean(CqlSession.class, () -> {
			if (attempts.incrementAndGet() < 3) {
				throw new NoNodeAvailableException();
			}
			return cqlSession;
		}, (definition) -> definition.setLazyInit(true)).run((context) -> {
			ConnectingAsyncSession session = (ConnectingAsyncSession) context.getBean(AsyncSession.class);
			await().atMost(WAIT).until(session::isConnected);
			assertThat(session.cqlSession()).isSameAs(cqlSession).isSameAs(context.getBean(CqlSession.class));
			assertThat(attempts).hasValue(3);
		});
	}

	@Test
	void runWhenCassandraIsReachableShouldBeConnectedOnceTheContextHasStarted() {
		CqlSession cqlSession = MockCqlSessions.closeable();
		this.contextRunner.withBean(CqlSession.class, () -> cqlSession, (definition) -> definition.setLazyInit(true))
			.run((context) -> {
				ConnectingAsyncSession session = (ConnectingAsyncSession) context.getBean(AsyncSession.class);
				assertThat(session.isConnected()).isTrue();
				assertThat(session.connectionAttempts()).isOne();
			});
	}

	@Test
	void runWhenCassandraIsUnreachableAndFailFastShouldFailToStart() {
		this.contextRunner.withPropertyValues("async-cassandra.startup.fail-fast=true")
			.withBean(CqlSession.class, () -> {
				throw new NoNodeAvailableException();
			}, (definition) -> definition.setLazyInit(true))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(NoNodeAvailableException.class));
	}

	@Test
	void runWhenFailFastShouldWrapTheCqlSessionDirectly() {
		this.contextRunner.withPropertyValues("async-cassandra.startup.fail-fast=true")
			.withBean(CqlSession.class, () -> MockCqlSessions.closeable())
			.run((context) -> assertThat(context.getBean(AsyncSession.class))
				.isNotInstanceOf(ConnectingAsyncSession.class));
	}

}
