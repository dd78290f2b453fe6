package dev.asynccassandra.spring.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.testing.TestSubscriber;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.ArgumentMatchers;
import org.mockito.Mockito;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code async-cassandra.stream.*} defaults of the auto-configured session.
 */
class AsyncCassandraStreamPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AsyncCassandraAutoConfiguration.class))
		.withPropertyValues("async-cassandra.shutdown.timeout=0s")
		.withBean(CqlSession.class, AsyncCassandraStreamPropertiesTests::pendingCqlSession);

	@Test
	void runWithDefaultsShouldUseDocumentedValues() {
		this.contextRunner.run((context) -> {
			AsyncCassandraProperties.Stream stream = context.getBean(AsyncCassandraProperties.class).getStream();
			assertThat(stream.getPageSize()).isZero();
			assertThat(stream.getPrefetchPages()).isEqualTo(2);
			assertThat(stream.getPageTimeout()).isNull();
		});
	}

	@Test
	void runWithStreamPropertiesShouldBindThemAndApplyThemToTheSession() {
		this.contextRunner
			.withPropertyValues("async-cassandra.stream.page-size=123", "async-cassandra.stream.prefetch-pages=4",
					"async-cassandra.stream.page-timeout=3s")
			.run((context) -> {
				AsyncCassandraProperties.Stream stream = context.getBean(AsyncCassandraProperties.class).getStream();
				assertThat(stream.getPageSize()).isEqualTo(123);
				assertThat(stream.getPrefetchPages()).isEqualTo(4);
				assertThat(stream.getPageTimeout()).isEqualTo(Duration.ofSeconds(3));
				AsyncSession session = context.getBean(AsyncSession.class);
				CqlSession cqlSession = context.getBean(CqlSession.class);
				assertThat(firstStatement(cqlSession, session.stream("SELECT k FROM t")).getPageSize()).isEqualTo(123);
			});
	}

	private static Statement<?> firstStatement(CqlSession cqlSession, Flow.Publisher<Row> rows) {
		rows.subscribe(new TestSubscriber<>(1));
		ArgumentCaptor<Statement<?>> sent = ArgumentCaptor.captor();
		Mockito.verify(cqlSession, Mockito.timeout(10_000)).executeAsync(sent.capture());
		return sent.getValue();
	}

	private static CqlSession pendingCqlSession() {
		CqlSession cqlSession = Mockito.mock(CqlSession.class, Mockito.RETURNS_DEEP_STUBS);
		// Requests stay pending: the test only looks at the statement sent.
		Mockito.when(cqlSession.executeAsync(ArgumentMatchers.<Statement<?>>any()))
			.thenAnswer((invocation) -> new CompletableFuture<AsyncResultSet>());
		Mockito.when(cqlSession.closeAsync()).thenReturn(CompletableFuture.completedFuture(null));
		Mockito.when(cqlSession.forceCloseAsync()).thenReturn(CompletableFuture.completedFuture(null));
		return cqlSession;
	}

}
