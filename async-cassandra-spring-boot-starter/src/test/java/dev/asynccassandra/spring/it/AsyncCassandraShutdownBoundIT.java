package dev.asynccassandra.spring.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.simulacron.common.stubbing.PrimeDsl;
import dev.asynccassandra.api.AsyncResult;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.error.SessionClosedException;
import dev.asynccassandra.spring.autoconfigure.AsyncCassandraAutoConfiguration;
import dev.asynccassandra.spring.lifecycle.AsyncSessionLifecycle;
import dev.asynccassandra.spring.testing.PhasedStop;
import dev.asynccassandra.testing.SimulacronCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests outlast {@code async-cassandra.shutdown.timeout}: a Simulacron node answers
 * them only after {@link #SLOW_DELAY}, far beyond the drain bound of {@link #DRAIN}. The
 * session force-closes itself at the bound, every request's future ends (the slow ones
 * with {@link SessionClosedException}, admitted; the quick ones sent with them succeed),
 * the driver session is closed before the lifecycle's callback lets the next phase stop,
 * and the log says how many were drained and how many cancelled.
 */
@ExtendWith(OutputCaptureExtension.class)
class AsyncCassandraShutdownBoundIT {

	private static final Duration DRAIN = Duration.ofMillis(500);

	private static final Duration SLOW_DELAY = Duration.ofSeconds(20);

	private static final Duration QUICK_DELAY = Duration.ofMillis(100);

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String SLOW = "SELECT v FROM shutdown_it WHERE k = 'slow'";

	private static final String QUICK = "SELECT v FROM shutdown_it WHERE k = 'quick'";

	private static final int SLOW_REQUESTS = 40;

	private static final int QUICK_REQUESTS = 10;

	private static final Pattern OUTCOME = Pattern
		.compile("async-cassandra session closed with its driver session: (\\d+) in flight at close, (\\d+) drained, "
				+ "(\\d+) cancelled");

	private static SimulacronCluster simulacron;

	@BeforeAll
	static void startNode() {
		simulacron = SimulacronCluster.start(1);
		simulacron.prime(PrimeDsl.when(SLOW)
			.then(PrimeDsl.rows().row("v", "slow").columnTypes("v", "varchar"))
			.delay(SLOW_DELAY.toMillis(), TimeUnit.MILLISECONDS));
		simulacron.prime(PrimeDsl.when(QUICK)
			.then(PrimeDsl.rows().row("v", "quick").columnTypes("v", "varchar"))
			.delay(QUICK_DELAY.toMillis(), TimeUnit.MILLISECONDS));
	}

	@AfterAll
	static void stopNode() {
		if (simulacron != null) {
			simulacron.close();
		}
	}

	@Test
	void requestsOutlastingTheShutdownTimeoutAreCancelledAtTheBoundBeforeTheDriverSessionCloses(CapturedOutput output)
			throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ShutdownApplication.class)
			.web(WebApplicationType.NONE)
			.properties(Map.of("async-cassandra.shutdown.timeout", DRAIN.toMillis() + "ms",
					"spring.lifecycle.timeout-per-shutdown-phase", "60s", "spring.main.banner-mode", "off"))
			.run();
		AsyncSession session = context.getBean(AsyncSession.class);
		NextPhase nextPhase = context.getBean(NextPhase.class);
		List<CompletableFuture<AsyncResult>> slow = new ArrayList<>();
		List<CompletableFuture<AsyncResult>> quick = new ArrayList<>();
		for (int i = 0; i < SLOW_REQUESTS; i++) {
			slow.add(session.execute(SLOW));
		}
		for (int i = 0; i < QUICK_REQUESTS; i++) {
			quick.add(session.execute(QUICK));
		}
		long closing = System.nanoTime();
		context.close();
		long closed = System.nanoTime();

		Duration untilNextPhase = Duration.ofNanos(nextPhase.stoppedAt.get() - closing);
		assertThat(nextPhase.driverSessionClosedThen).as("driver session closed before the next phase stops")
			.hasValue(true);
		assertThat(nextPhase.requestsEndedThen).as("every request ended before the next phase stops").hasValue(true);
		assertThat(untilNextPhase).as("the session waited for its drain bound").isGreaterThanOrEqualTo(DRAIN);
		assertThat(untilNextPhase).as("force-closed at the bound, long before the slow answers")
			.isLessThan(SLOW_DELAY.dividedBy(2));
		assertThat(Duration.ofNanos(closed - closing)).isLessThan(SLOW_DELAY.dividedBy(2));

		for (CompletableFuture<AsyncResult> request : slow) {
			assertThat(request.handle((result, error) -> error).get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
				.isInstanceOfSatisfying(SessionClosedException.class, (ex) -> assertThat(ex.wasAdmitted()).isTrue());
		}
		// A quick request either ended before the bound (before the close, or drained)
		// or,
		// on a machine too slow to answer it within the bound, was cancelled with the
		// rest.
		long quickCancelled = 0;
		for (CompletableFuture<AsyncResult> request : quick) {
			Throwable error = request.handle((result, failure) -> failure).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			if (error != null) {
				assertThat(error).isInstanceOfSatisfying(SessionClosedException.class,
						(ex) -> assertThat(ex.wasAdmitted()).isTrue());
				quickCancelled++;
			}
		}
		Matcher outcome = OUTCOME.matcher(output.getAll());
		assertThat(outcome.find()).as("close outcome logged:%n%s", output.getAll()).isTrue();
		long atClose = Long.parseLong(outcome.group(1));
		long drained = Long.parseLong(outcome.group(2));
		long cancelled = Long.parseLong(outcome.group(3));
		assertThat(cancelled).isEqualTo(SLOW_REQUESTS + quickCancelled);
		assertThat(atClose).isBetween((long) SLOW_REQUESTS, (long) SLOW_REQUESTS + QUICK_REQUESTS);
		assertThat(drained).isEqualTo(atClose - cancelled);
		assertThat(output.getAll()).contains("Closing async-cassandra session with");
		System.out.printf(
				"shutdown bound IT: next phase stopped %d ms after close started (drain bound %d ms); "
						+ "%d in flight at close, %d drained, %d cancelled%n",
				untilNextPhase.toMillis(), DRAIN.toMillis(), atClose, drained, cancelled);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(AsyncCassandraAutoConfiguration.class)
	static class ShutdownApplication {

		@Bean
		CqlSession cqlSession() {
			return simulacron.newCqlSession(Duration.ofSeconds(60));
		}

		@Bean
		NextPhase nextPhase(ObjectProvider<CqlSession> cqlSession, ObjectProvider<AsyncSession> session) {
			return new NextPhase(cqlSession, session);
		}

		@Bean
		PhasedStop nextPhaseStop(NextPhase nextPhase) {
			return new PhasedStop(AsyncSessionLifecycle.PHASE - 1, nextPhase::observe);
		}

	}

	/**
	 * What the phase right after the session's lifecycle sees when it stops: Spring stops
	 * it only once that lifecycle has run its callback.
	 */
	static final class NextPhase {

		private final ObjectProvider<CqlSession> cqlSession;

		private final ObjectProvider<AsyncSession> session;

		final AtomicReference<Long> stoppedAt = new AtomicReference<>();

		final AtomicReference<Boolean> driverSessionClosedThen = new AtomicReference<>();

		final AtomicReference<Boolean> requestsEndedThen = new AtomicReference<>();

		NextPhase(ObjectProvider<CqlSession> cqlSession, ObjectProvider<AsyncSession> session) {
			this.cqlSession = cqlSession;
			this.session = session;
		}

		void observe() {
			this.stoppedAt.set(System.nanoTime());
			this.driverSessionClosedThen.set(this.cqlSession.getObject().isClosed());
			this.requestsEndedThen.set(this.session.getObject().inFlightCount() == 0);
		}

	}

}
