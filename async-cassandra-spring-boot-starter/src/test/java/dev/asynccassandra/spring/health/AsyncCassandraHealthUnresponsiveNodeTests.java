package dev.asynccassandra.spring.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.datastax.oss.simulacron.common.stubbing.PrimeDsl;
import dev.asynccassandra.api.AsyncResult;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.testing.SimulacronCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Health of a session whose node is connected and UP but answers no query: both
 * indicators must answer at once from the driver's metadata, never wait for the node. The
 * bounds below only guard against a hang; they are not performance assertions.
 */
class AsyncCassandraHealthUnresponsiveNodeTests {

	private static final Duration HANG_GUARD = Duration.ofSeconds(5);

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String SELECT = "SELECT v FROM kv WHERE k = 1";

	private static final int HANGING_QUERIES = 20;

	private static SimulacronCluster simulacron;

	private static AsyncSession session;

	private final List<CompletableFuture<AsyncResult>> hanging = new ArrayList<>();

	@BeforeAll
	static void connect() {
		simulacron = SimulacronCluster.start(1);
		simulacron.prime(PrimeDsl.when(SELECT).then(PrimeDsl.rows().row("v", "one").columnTypes("v", "varchar")));
		// Timeouts far above the hang guard: the queries below hang for the whole test.
		session = AsyncSession.builder()
			.withCqlSession(simulacron.newCqlSession(Duration.ofSeconds(60)))
			.withDefaultTimeout(Duration.ofSeconds(60))
			.build();
	}

	@AfterAll
	static void close() throws Exception {
		try {
			if (session != null) {
				session.forceCloseAsync().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		finally {
			if (simulacron != null) {
				simulacron.close();
			}
		}
	}

	@AfterEach
	void answerTheHangingQueries() throws Exception {
		simulacron.resumeRead();
		for (CompletableFuture<AsyncResult> query : this.hanging) {
			AsyncResult result = query.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(result.currentPage().iterator().next().getString("v")).isEqualTo("one");
		}
		assertThat(session.inFlightCount()).isZero();
	}

	@Test
	void healthIsUpAtOnceWhileEveryQueryHangs() {
		hangQueries();
		Health health = assertTimeoutPreemptively(HANG_GUARD,
				() -> new AsyncCassandraHealthIndicator(session).health());
		assertUpWithHangingQueries(health);
		assertThat(this.hanging).noneMatch(CompletableFuture::isDone);
	}

	@Test
	void reactiveHealthIsEmittedDuringSubscribeOnANonBlockingThreadWhileEveryQueryHangs() {
		hangQueries();
		AsyncCassandraReactiveHealthIndicator indicator = new AsyncCassandraReactiveHealthIndicator(session);
		CompletableFuture<Health> emittedDuringSubscribe = new CompletableFuture<>();
		Disposable task = Schedulers.parallel().schedule(() -> {
			AtomicReference<Health> emitted = new AtomicReference<>();
			AtomicReference<Throwable> failure = new AtomicReference<>();
			indicator.health().subscribe(emitted::set, failure::set);
			if (!Schedulers.isInNonBlockingThread()) {
				emittedDuringSubscribe.completeExceptionally(new AssertionError("not on a non-blocking thread"));
			}
			else if (failure.get() != null) {
				emittedDuringSubscribe.completeExceptionally(failure.get());
			}
			else if (emitted.get() == null) {
				emittedDuringSubscribe
					.completeExceptionally(new AssertionError("no health emitted by the time subscribe returned"));
			}
			else {
				emittedDuringSubscribe.complete(emitted.get());
			}
		});
		try {
			Health health = assertTimeoutPreemptively(HANG_GUARD,
					() -> emittedDuringSubscribe.get(HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS));
			assertUpWithHangingQueries(health);
			assertThat(this.hanging).noneMatch(CompletableFuture::isDone);
		}
		finally {
			task.dispose();
		}
	}

	private void hangQueries() {
		simulacron.pauseRead();
		for (int i = 0; i < HANGING_QUERIES; i++) {
			this.hanging.add(session.execute(SELECT));
		}
	}

	private void assertUpWithHangingQueries(Health health) {
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("session", "open")
			.containsEntry("inFlight", (long) HANGING_QUERIES)
			.containsEntry("localDatacenter", simulacron.localDatacenter())
			.containsEntry("datacenters", Map.of(simulacron.localDatacenter(), Map.of("up", 1)));
	}

}
