package dev.asynccassandra.api;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.servererrors.ServerError;
import com.datastax.oss.simulacron.common.stubbing.PrimeDsl;
import dev.asynccassandra.api.event.QueryEvent;
import dev.asynccassandra.testing.SimulacronCluster;
import org.assertj.core.groups.Tuple;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cleanup on every path (invariant 8) and metrics off the query path (invariant 9).
 */
class SimulacronCleanupTests {

	private static SimulacronCluster simulacron;

	private static CqlSession cqlSession;

	@BeforeAll
	static void start() {
		simulacron = SimulacronCluster.start(1);
		cqlSession = simulacron.newCqlSession(Duration.ofSeconds(2));
		simulacron.prime(PrimeDsl.when("SELECT fails").then(PrimeDsl.serverError("boom")));
		simulacron.prime(PrimeDsl.when("SELECT ok").then(PrimeDsl.noRows()));
	}

	@AfterAll
	static void stop() {
		cqlSession.close();
		simulacron.close();
	}

	@Test
	void tenThousandFailingCallsLeaveNoSlotAndNoReachableRequest() throws Exception {
		// A long timeout: a backstop task left in the timer queue would keep its request
		// reachable far beyond the bound of this test.
		AsyncSession session = AsyncSession.builder()
			.withCqlSession(cqlSession)
			.withCloseCqlSession(false)
			.withDefaultTimeout(Duration.ofSeconds(120))
			.build();
		int calls = 10_000;
		Semaphore window = new Semaphore(256);
		CountDownLatch done = new CountDownLatch(calls);
		Map<Class<?>, AtomicInteger> failures = new ConcurrentHashMap<>();
		List<WeakReference<CompletableFuture<AsyncResult>>> requests = new ArrayList<>(calls);
		for (int i = 0; i < calls; i++) {
			assertThat(window.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
			CompletableFuture<AsyncResult> future = session.execute("SELECT fails");
			requests.add(new WeakReference<>(future));
			future.whenComplete((result, error) -> {
				Class<?> type = (error != null) ? error.getClass() : Void.class;
				failures.computeIfAbsent(type, (key) -> new AtomicInteger()).incrementAndGet();
				window.release();
				done.countDown();
			});
		}
		assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
		assertThat(failures).containsOnlyKeys(ServerError.class);
		assertThat(failures.get(ServerError.class)).hasValue(calls);
		assertThat(session.inFlightCount()).isZero();
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			System.gc();
			return requests.stream().allMatch((reference) -> reference.get() == null);
		});
		assertThat(session.execute("SELECT ok").get(10, TimeUnit.SECONDS)).isNotNull();
		session.closeAsync().get(10, TimeUnit.SECONDS);
	}

	@Test
	void throwingAndBlockingListenersChangeNothingForQueries() throws Exception {
		CountDownLatch unblock = new CountDownLatch(1);
		AtomicInteger seen = new AtomicInteger();
		AsyncSession session = AsyncSession.builder()
			.withCqlSession(cqlSession)
			.withCloseCqlSession(false)
			.addListener((event) -> {
				seen.incrementAndGet();
				try {
					unblock.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			})
			.addListener((event) -> {
				throw new IllegalStateException("broken registry");
			})
			.build();
		try {
			List<CompletableFuture<AsyncResult>> futures = new ArrayList<>();
			for (int i = 0; i < 500; i++) {
				futures.add(session.execute(i % 2 == 0 ? "SELECT ok" : "SELECT fails"));
			}
			for (int i = 0; i < futures.size(); i++) {
				Throwable error = futures.get(i).handle((result, failure) -> failure).get(10, TimeUnit.SECONDS);
				if (i % 2 == 0) {
					assertThat(error).isNull();
				}
				else {
					assertThat(error).isInstanceOf(ServerError.class);
				}
			}
			assertThat(session.inFlightCount()).isZero();
			// Delivery is asynchronous: the recorder may take the first event only now.
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.get() >= 1);
			assertThat(seen).hasValue(1);
		}
		finally {
			unblock.countDown();
			session.closeAsync().get(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void listenersReceiveOneEventPerRequest() throws Exception {
		List<QueryEvent> events = new CopyOnWriteArrayList<>();
		AsyncSession session = AsyncSession.builder()
			.withCqlSession(cqlSession)
			.withCloseCqlSession(false)
			.addListener(events::add)
			.build();
		session.execute("SELECT ok").get(10, TimeUnit.SECONDS);
		session.execute("SELECT fails").handle((result, error) -> null).get(10, TimeUnit.SECONDS);
		session.prepare("SELECT ok").get(10, TimeUnit.SECONDS);
		session.closeAsync().get(10, TimeUnit.SECONDS);
		// An event is published once its request's future has completed, so a caller's
		// next
		// request may be published first: events carry no order across requests.
		assertThat(events).extracting(QueryEvent::operation, QueryEvent::outcome, QueryEvent::exceptionClass)
			.containsExactlyInAnyOrder(Tuple.tuple(QueryEvent.OperationKind.EXECUTE, QueryEvent.Outcome.SUCCESS, null),
					Tuple.tuple(QueryEvent.OperationKind.EXECUTE, QueryEvent.Outcome.FAILURE, ServerError.class),
					Tuple.tuple(QueryEvent.OperationKind.PREPARE, QueryEvent.Outcome.SUCCESS, null));
	}

}
