package dev.asynccassandra.samples.telemetry;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.ServerError;
import dev.asynccassandra.api.AsyncResult;
import dev.asynccassandra.api.AsyncSession;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentMatchers;
import org.mockito.Mockito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Creating the schema on a cluster where a coordinator may not know the previous change
 * yet: retried while the keyspace or table is unknown, within the schema timeout.
 */
class TelemetryRepositorySchemaTests {

	private final AsyncSession session = Mockito.mock(AsyncSession.class);

	private static TelemetryProperties properties(Duration schemaTimeout) {
		return new TelemetryProperties(null, null, 0, null, 0, 0, schemaTimeout);
	}

	@Test
	void aStatementTheCoordinatorCannotRunYetIsRunAgain() {
		AtomicInteger creates = new AtomicInteger();
		Mockito.when(this.session.execute(ArgumentMatchers.anyString())).thenAnswer((invocation) -> {
			String cql = invocation.getArgument(0);
			if (cql.contains(".readings ") && creates.incrementAndGet() <= 2) {
				return CompletableFuture
					.failedFuture(new InvalidQueryException(null, "Keyspace 'telemetry' doesn't exist"));
			}
			return CompletableFuture.completedFuture(Mockito.mock(AsyncResult.class));
		});
		AtomicInteger prepares = new AtomicInteger();
		Mockito.when(this.session.prepare(ArgumentMatchers.anyString())).thenAnswer((invocation) -> {
			if (prepares.incrementAndGet() == 1) {
				return CompletableFuture.failedFuture(new InvalidQueryException(null, "unconfigured table sensors"));
			}
			return CompletableFuture.completedFuture(Mockito.mock(PreparedStatement.class));
		});
		new TelemetryRepository(this.session, properties(Duration.ofSeconds(30)));
		assertThat(creates).hasValue(3);
		assertThat(prepares).hasValue(7);
		Mockito.verify(this.session, Mockito.times(6)).execute(ArgumentMatchers.anyString());
	}

	@Test
	void otherFailuresAreNotRetried() {
		Mockito.when(this.session.execute(ArgumentMatchers.anyString()))
			.thenReturn(CompletableFuture.failedFuture(new ServerError(null, "boom")));
		assertThatExceptionOfType(CompletionException.class)
			.isThrownBy(() -> new TelemetryRepository(this.session, properties(Duration.ofSeconds(30))))
			.withCauseInstanceOf(ServerError.class);
		Mockito.verify(this.session, Mockito.times(1)).execute(ArgumentMatchers.anyString());
	}

	@Test
	void retriesEndWithTheSchemaTimeout() {
		Mockito.when(this.session.execute(ArgumentMatchers.anyString()))
			.thenAnswer((invocation) -> CompletableFuture
				.failedFuture(new InvalidQueryException(null, "Keyspace 'telemetry' doesn't exist")));
		assertThatExceptionOfType(CompletionException.class)
			.isThrownBy(() -> new TelemetryRepository(this.session, properties(Duration.ofMillis(300))))
			.withCauseInstanceOf(InvalidQueryException.class);
	}

	@Test
	void aStatementThatNeverAnswersFailsAtTheSchemaTimeout() {
		Mockito.when(this.session.execute(ArgumentMatchers.anyString())).thenReturn(new CompletableFuture<>());
		assertThatExceptionOfType(CompletionException.class)
			.isThrownBy(() -> new TelemetryRepository(this.session, properties(Duration.ofMillis(200))))
			.withCauseInstanceOf(TimeoutException.class);
	}

}
