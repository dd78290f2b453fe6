package dev.asynccassandra.api;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.testing.TestSubscriber;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.ArgumentMatchers;
import org.mockito.Mockito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * The session's default stream options, set on the builder.
 */
class AsyncSessionBuilderStreamDefaultsTests {

	private final CqlSession cqlSession = Mockito.mock(CqlSession.class, Mockito.RETURNS_DEEP_STUBS);

	AsyncSessionBuilderStreamDefaultsTests() {
		// Requests stay pending: the test only looks at the statement sent.
		Mockito.when(this.cqlSession.executeAsync(ArgumentMatchers.<Statement<?>>any()))
			.thenAnswer((invocation) -> new CompletableFuture<AsyncResultSet>());
		Mockito.when(this.cqlSession.forceCloseAsync()).thenReturn(CompletableFuture.completedFuture(null));
	}

	@Test
	void streamOverloadsWithoutOptionsUseTheBuilderDefaults() throws Exception {
		AsyncSession session = AsyncSession.builder()
			.withCqlSession(this.cqlSession)
			.withDefaultStreamOptions(StreamOptions.builder().pageSize(7).build())
			.build();
		try {
			assertThat(firstPageSize(session.stream("SELECT k FROM t"))).isEqualTo(7);
			assertThat(firstPageSize(session.stream(SimpleStatement.newInstance("SELECT k FROM t")))).isEqualTo(7);
		}
		finally {
			session.forceCloseAsync().get(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void optionsPassedToACallReplaceTheDefaults() throws Exception {
		AsyncSession session = AsyncSession.builder()
			.withCqlSession(this.cqlSession)
			.withDefaultStreamOptions(StreamOptions.builder().pageSize(7).build())
			.build();
		try {
			assertThat(firstPageSize(session.stream(StreamOptions.builder().pageSize(3).build(), "SELECT k FROM t")))
				.isEqualTo(3);
			assertThat(firstPageSize(session.stream(StreamOptions.builder().pageSize(5).build(),
					SimpleStatement.newInstance("SELECT k FROM t"))))
				.isEqualTo(5);
		}
		finally {
			session.forceCloseAsync().get(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void withoutDefaultsTheStatementKeepsTheDriverPageSize() throws Exception {
		AsyncSession session = AsyncSession.builder().withCqlSession(this.cqlSession).build();
		try {
			SimpleStatement statement = SimpleStatement.newInstance("SELECT k FROM t").setPageSize(11);
			assertThat(firstPageSize(session.stream(statement))).isEqualTo(11);
		}
		finally {
			session.forceCloseAsync().get(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void defaultsWithAStartingPagingStateAreRejected() {
		StreamOptions resumed = StreamOptions.builder().startingPagingState(ByteBuffer.wrap(new byte[] { 1 })).build();
		assertThatIllegalArgumentException().isThrownBy(() -> AsyncSession.builder().withDefaultStreamOptions(resumed))
			.withMessageContaining("startingPagingState");
	}

	@Test
	void defaultsWithAProgressListenerAreAccepted() {
		StreamOptions listened = StreamOptions.builder().progressListener((progress) -> {
		}).build();
		AsyncSession.builder().withDefaultStreamOptions(listened);
	}

	@Test
	void nullDefaultsAreRejected() {
		assertThatNullPointerException().isThrownBy(() -> AsyncSession.builder().withDefaultStreamOptions(null))
			.withMessageContaining("defaultStreamOptions");
	}

	private int firstPageSize(Flow.Publisher<Row> publisher) {
		Mockito.clearInvocations(this.cqlSession);
		publisher.subscribe(new TestSubscriber<>(1));
		ArgumentCaptor<Statement<?>> sent = ArgumentCaptor.captor();
		Mockito.verify(this.cqlSession, Mockito.timeout(10_000)).executeAsync(sent.capture());
		return sent.getValue().getPageSize();
	}

}
