package dev.asynccassandra.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.simulacron.common.stubbing.PrimeDsl;
import com.datastax.oss.simulacron.server.RejectScope;
import dev.asynccassandra.testing.SimulacronCluster;
import dev.asynccassandra.testing.ThreadNames;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariant 3: with every node down, {@link NoNodeAvailableException} arrives as itself,
 * off the driver threads, and the session recovers when the nodes return.
 */
class SimulacronNodeFailureTests {

	@Test
	void noNodeAvailableArrivesAsItselfAndTheSessionRecovers() throws Exception {
		try (SimulacronCluster simulacron = SimulacronCluster.start(2)) {
			simulacron.prime(PrimeDsl.when("SELECT ok").then(PrimeDsl.noRows()));
			CqlSession cqlSession = simulacron.newCqlSession(Duration.ofSeconds(2));
			AsyncSession session = AsyncSession.builder().withCqlSession(cqlSession).build();
			try {
				simulacron.cluster().rejectConnections(0, RejectScope.STOP);
				Awaitility.await()
					.atMost(Duration.ofSeconds(10))
					.until(() -> session.execute("SELECT ok")
						.handle((result, error) -> error)
						.get(5, TimeUnit.SECONDS) instanceof NoNodeAvailableException);
				CompletableFuture<String> thread = session.execute("SELECT ok")
					.handle((result, error) -> Thread.currentThread().getName());
				assertThat(thread.get(5, TimeUnit.SECONDS)).doesNotMatch(ThreadNames.DRIVER_THREAD);
				Throwable failure = session.execute("SELECT ok")
					.handle((result, error) -> error)
					.get(5, TimeUnit.SECONDS);
				assertThat(failure).isExactlyInstanceOf(NoNodeAvailableException.class);
				assertThat(((NoNodeAvailableException) failure).getAllErrors()).isEmpty();
				assertThat(session.inFlightCount()).isZero();
				simulacron.cluster().acceptConnections();
				Awaitility.await()
					.atMost(Duration.ofSeconds(20))
					.ignoreExceptions()
					.until(() -> session.execute("SELECT ok").get(5, TimeUnit.SECONDS) != null);
			}
			finally {
				session.closeAsync().get(10, TimeUnit.SECONDS);
			}
			assertThat(cqlSession.isClosed()).isTrue();
		}
	}

}
