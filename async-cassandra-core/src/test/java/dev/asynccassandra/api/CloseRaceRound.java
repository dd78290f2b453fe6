package dev.asynccassandra.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.datastax.oss.driver.api.core.CqlSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One round of a race between requests and a close: a new {@link AsyncSession} over a
 * shared driver session whose close only counts, caller and closer tasks released
 * together from one start line, and the checks every round ends with. Each task returns
 * within the bound; each close completes within it; the driver session is closed exactly
 * once; every tracked request ends within it; the session is closed with nothing in
 * flight.
 */
final class CloseRaceRound {

	private final Duration bound;

	private final AtomicInteger driverCloses = new AtomicInteger();

	private final AsyncSession session;

	private final List<Callable<?>> callers = new ArrayList<>();

	private final List<Callable<CompletableFuture<Void>>> closers = new ArrayList<>();

	private final Queue<CompletableFuture<?>> requests = new ConcurrentLinkedQueue<>();

	/**
	 * Opens a round.
	 * @param driver the driver session the rounds share
	 * @param bound the bound on every wait, also the session's drain timeout
	 */
	CloseRaceRound(CqlSession driver, Duration bound) {
		this.bound = bound;
		this.session = AsyncSession.builder()
			.withCqlSession(countingCloses(driver, this.driverCloses))
			.withDrainTimeout(bound)
			.build();
	}

	AsyncSession session() {
		return this.session;
	}

	/**
	 * Adds a task that makes calls, run from the start line.
	 * @param caller the task
	 */
	void caller(Callable<?> caller) {
		this.callers.add(caller);
	}

	/**
	 * Adds a task that closes the session, run from the start line.
	 * @param closer the task, returning the close's future
	 */
	void closer(Callable<CompletableFuture<Void>> closer) {
		this.closers.add(closer);
	}

	/**
	 * Tracks a request made in the round: the round ends when every tracked request has.
	 * @param request the request's future
	 */
	void track(CompletableFuture<?> request) {
		this.requests.add(request);
	}

	/**
	 * Releases every task from one start line, each on a thread of its own, and checks
	 * how the round ended; the threads are stopped before it returns.
	 * @return how each tracked request ended
	 * @throws Exception if a task failed or a wait passed the bound
	 */
	CloseOutcomes run() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(this.callers.size() + this.closers.size());
		boolean threadsStopped;
		CloseOutcomes outcomes;
		try {
			outcomes = race(threads);
		}
		finally {
			threads.shutdownNow();
			threadsStopped = threads.awaitTermination(this.bound.toMillis(), TimeUnit.MILLISECONDS);
		}
		assertThat(threadsStopped).as("race threads stopped").isTrue();
		return outcomes;
	}

	private CloseOutcomes race(ExecutorService threads) throws Exception {
		CyclicBarrier startLine = new CyclicBarrier(this.callers.size() + this.closers.size());
		List<Future<?>> runningCallers = new ArrayList<>();
		for (Callable<?> caller : this.callers) {
			runningCallers.add(threads.submit(fromStartLine(startLine, caller)));
		}
		List<Future<CompletableFuture<Void>>> runningClosers = new ArrayList<>();
		for (Callable<CompletableFuture<Void>> closer : this.closers) {
			runningClosers.add(threads.submit(fromStartLine(startLine, closer)));
		}
		for (Future<?> caller : runningCallers) {
			caller.get(this.bound.toMillis(), TimeUnit.MILLISECONDS);
		}
		for (Future<CompletableFuture<Void>> closer : runningClosers) {
			assertThat(closer.get(this.bound.toMillis(), TimeUnit.MILLISECONDS)).as("close").succeedsWithin(this.bound);
		}
		assertThat(this.driverCloses).as("driver session closes in the round").hasValue(1);
		CompletableFuture.allOf(this.requests.toArray(new CompletableFuture<?>[0]))
			.handle((ignored, error) -> null)
			.get(this.bound.toMillis(), TimeUnit.MILLISECONDS);
		CloseOutcomes outcomes = new CloseOutcomes();
		for (CompletableFuture<?> request : this.requests) {
			outcomes.count(request.handle((value, error) -> error).join());
		}
		assertThat(this.session.isClosed()).isTrue();
		assertThat(this.session.inFlightCount()).as("in flight after the round").isZero();
		return outcomes;
	}

	int trackedRequests() {
		return this.requests.size();
	}

	private <T> Callable<T> fromStartLine(CyclicBarrier startLine, Callable<T> task) {
		return () -> {
			startLine.await(this.bound.toMillis(), TimeUnit.MILLISECONDS);
			return task.call();
		};
	}

	/**
	 * The shared driver session, except that closing it only counts.
	 */
	private static CqlSession countingCloses(CqlSession driver, AtomicInteger closes) {
		return (CqlSession) Proxy.newProxyInstance(CqlSession.class.getClassLoader(),
				new Class<?>[] { CqlSession.class }, (proxy, method, arguments) -> {
					switch (method.getName()) {
						case "closeAsync", "forceCloseAsync" -> {
							closes.incrementAndGet();
							return CompletableFuture.completedFuture(null);
						}
						case "close" -> {
							closes.incrementAndGet();
							return null;
						}
						default -> {
							try {
								return method.invoke(driver, arguments);
							}
							catch (InvocationTargetException ex) {
								throw ex.getCause();
							}
						}
					}
				});
	}

}
