package dev.asynccassandra.failure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import dev.asynccassandra.api.error.UnexpectedFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LoadGeneratorTests {

	private static final Duration BOUND = Duration.ofSeconds(10);

	private final ExecutorService completers = Executors.newFixedThreadPool(8);

	@AfterEach
	void shutdown() throws InterruptedException {
		this.completers.shutdownNow();
		assertThat(this.completers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void mixIsThreeEighthsWritesTwoEighthsOfEachReadOneEighthStreams() {
		Map<Operation, Integer> counts = new EnumMap<>(Operation.class);
		for (long sequence = 0; sequence < 8000; sequence++) {
			counts.merge(Operation.forSequence(sequence), 1, Integer::sum);
		}
		assertThat(counts).containsEntry(Operation.WRITE_QUORUM, 3000)
			.containsEntry(Operation.READ_ONE, 2000)
			.containsEntry(Operation.READ_QUORUM, 2000)
			.containsEntry(Operation.STREAM_ONE, 1000);
	}

	@Test
	void neverExceedsConcurrencyAndCountsEveryOutcomeUnderConcurrentCompletions() throws Exception {
		int concurrency = 16;
		int completerThreads = 8;
		int rounds = 25;
		AtomicInteger outstanding = new AtomicInteger();
		AtomicInteger maxOutstanding = new AtomicInteger();
		Queue<CompletableFuture<Void>> pending = new ConcurrentLinkedQueue<>();
		AtomicBoolean released = new AtomicBoolean();
		Workload workload = (operation, sequence) -> {
			maxOutstanding.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
			if (released.get()) {
				outstanding.decrementAndGet();
				return CompletableFuture.completedFuture(null);
			}
			CompletableFuture<Void> future = new CompletableFuture<>();
			pending.add(future);
			return future;
		};
		LoadLedger ledger = new LoadLedger();
		LoadGenerator generator = new LoadGenerator(workload, concurrency, 1_000_000, ledger, "only");
		generator.start();
		for (int round = 0; round < rounds; round++) {
			// Every slot is taken and nothing completes: for longer than the generator
			// waits for a free slot (50 ms), no further request may be issued.
			await().pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(1))
				.atMost(BOUND)
				.until(() -> pending.size() >= concurrency);
			await().pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(5))
				.during(Duration.ofMillis(120))
				.atMost(BOUND)
				.untilAsserted(() -> assertThat(outstanding.get()).as("requests outstanding while every slot is held")
					.isLessThanOrEqualTo(concurrency));
			List<CompletableFuture<Void>> held = drain(pending);
			completeFromManyThreadsAtOnce(held, completerThreads, outstanding);
		}
		// From now on requests complete at once; complete those still held, then stop.
		released.set(true);
		await().pollInterval(Duration.ofMillis(1)).atMost(BOUND).until(() -> {
			drain(pending).forEach((future) -> {
				outstanding.decrementAndGet();
				future.complete(null);
			});
			return generator.completed() == generator.issued();
		});

		assertThat(generator.stop(BOUND)).isTrue();
		assertThat(maxOutstanding.get()).isLessThanOrEqualTo(concurrency);
		assertThat(generator.issued()).isGreaterThanOrEqualTo((long) rounds * concurrency);
		assertThat(generator.completed()).isEqualTo(generator.issued());
		assertThat(ledger.successes("only") + ledger.failureCount("only")).isEqualTo(generator.issued());
		assertThat(ledger.failureTypes("only")).containsExactly("IllegalStateException");
	}

	private static List<CompletableFuture<Void>> drain(Queue<CompletableFuture<Void>> pending) {
		List<CompletableFuture<Void>> held = new ArrayList<>();
		for (CompletableFuture<Void> future = pending.poll(); future != null; future = pending.poll()) {
			held.add(future);
		}
		return held;
	}

	/**
	 * Completes the held requests from several threads released together by one latch,
	 * half of them failed, and waits until every one is completed.
	 */
	private void completeFromManyThreadsAtOnce(List<CompletableFuture<Void>> held, int threads,
			AtomicInteger outstanding) throws InterruptedException {
		CountDownLatch ready = new CountDownLatch(threads);
		CountDownLatch startLine = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(threads);
		for (int thread = 0; thread < threads; thread++) {
			int first = thread;
			this.completers.execute(() -> {
				try {
					ready.countDown();
					if (!startLine.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
						return;
					}
					for (int index = first; index < held.size(); index += threads) {
						// Counted down before completing: completion frees the slot at
						// once.
						outstanding.decrementAndGet();
						if (index % 2 == 0) {
							held.get(index).complete(null);
						}
						else {
							held.get(index)
								.completeExceptionally(new CompletionException(new IllegalStateException("boom")));
						}
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					done.countDown();
				}
			});
		}
		assertThat(ready.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		startLine.countDown();
		assertThat(done.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
	}

	@Test
	void recordsOutcomesUnderThePhaseCurrentWhenIssued() throws Exception {
		Queue<CompletableFuture<Void>> pending = new ConcurrentLinkedQueue<>();
		AtomicBoolean released = new AtomicBoolean();
		Workload workload = (operation, sequence) -> {
			if (released.get()) {
				return CompletableFuture.completedFuture(null);
			}
			CompletableFuture<Void> future = new CompletableFuture<>();
			pending.add(future);
			return future;
		};
		LoadLedger ledger = new LoadLedger();
		LoadGenerator generator = new LoadGenerator(workload, 4, 1_000_000, ledger, "first");
		generator.start();
		await().atMost(BOUND).until(() -> generator.issued() == 4);
		generator.enterPhase("second");
		// The four slots are taken: nothing more is issued until these complete.
		released.set(true);
		pending.forEach((future) -> future.completeExceptionally(new UnavailableException(null, null, 3, 1)));

		assertThat(generator.stop(BOUND)).isTrue();
		assertThat(ledger.phases()).containsExactly("first", "second");
		assertThat(ledger.failures("first")).containsOnly(Map.entry("UnavailableException", 4L));
		assertThat(ledger.successes("first")).isZero();
		assertThat(ledger.failureCount("second")).isZero();
		assertThat(generator.issued()).isEqualTo(4 + ledger.successes("second"));
	}

	@Test
	void stopReportsRequestsThatNeverComplete() throws Exception {
		Workload workload = (operation, sequence) -> new CompletableFuture<Void>();
		LoadGenerator generator = new LoadGenerator(workload, 2, 1_000_000, new LoadLedger(), "stuck");
		generator.start();
		await().atMost(BOUND).until(() -> generator.issued() == 2);

		assertThat(generator.stop(Duration.ofMillis(200))).isFalse();
		assertThat(generator.completed()).isZero();
	}

	@Test
	void workloadThrowingIsRecordedAsFailureAndFreesItsSlot() throws Exception {
		Workload workload = (operation, sequence) -> {
			throw new IllegalArgumentException("bad");
		};
		LoadLedger ledger = new LoadLedger();
		LoadGenerator generator = new LoadGenerator(workload, 1, 1_000_000, ledger, "throwing");
		generator.start();
		await().atMost(BOUND).until(() -> generator.completed() >= 100);

		assertThat(generator.stop(BOUND)).isTrue();
		assertThat(ledger.failures("throwing")).containsOnlyKeys("IllegalArgumentException");
	}

	@Test
	void rateBoundsHowManyRequestsStart() throws Exception {
		long[] now = { 0 };
		Workload workload = (operation, sequence) -> CompletableFuture.completedFuture(null);
		LoadLedger ledger = new LoadLedger();
		LoadGenerator generator = new LoadGenerator(workload, 8, 100, ledger, "paced", () -> now[0]);
		// A frozen clock: only the first request is due.
		generator.start();
		await().atMost(BOUND).until(() -> generator.issued() == 1);
		assertThat(generator.stop(BOUND)).isTrue();
		assertThat(generator.issued()).isOne();
	}

	@Test
	void failureNamesUnwrapFutureLayersAndNameWrappedCauses() {
		assertThat(FailureNames.nameOf(new CompletionException(new UnavailableException(null, null, 3, 1))))
			.isEqualTo("UnavailableException");
		assertThat(FailureNames.nameOf(new UnexpectedFailureException(new IllegalStateException("x"))))
			.isEqualTo("UnexpectedFailureException(IllegalStateException)");
	}

	@Test
	void httpFailuresAreNamedByStatusAndTheCassandraExceptionTheServiceNames() {
		HttpFailure unavailable = HttpFailure.status(503, "{\"error\":\"cassandra_unavailable\",\"message\":"
				+ "\"Cassandra could not complete the request: UnavailableException\",\"kind\":\"RETRYABLE\"}");
		assertThat(FailureNames.nameOf(new CompletionException(unavailable))).isEqualTo("503(UnavailableException)");
		assertThat(HttpFailure.status(404, "{\"error\":\"not_found\"}").name()).isEqualTo("404");
		assertThat(HttpFailure.is5xx("503(UnavailableException)")).isTrue();
		assertThat(HttpFailure.is5xx("500")).isTrue();
		assertThat(HttpFailure.is5xx("404")).isFalse();
		assertThat(HttpFailure.is5xx(HttpFailure.CLIENT_TIMEOUT)).isFalse();
		assertThat(AllowedFailures.isAllowed(Set.of("503(*)"), "503(NoNodeAvailableException)")).isTrue();
		assertThat(AllowedFailures.isAllowed(Set.of("503(*)"), "500")).isFalse();
	}

	@Test
	void healthStatusIsTheTopLevelOneOfTheAnswer() {
		assertThat(HttpWorkload.healthStatus("{\"components\":{\"a\":{\"status\":\"UP\",\"details\":{\"x\":\"}\"}},"
				+ "\"b\":{\"status\":\"DOWN\"}},\"status\":\"DOWN\"}"))
			.isEqualTo("DOWN");
		assertThat(HttpWorkload.healthStatus("{\"status\":\"UP\",\"components\":{}}")).isEqualTo("UP");
		assertThat(HttpWorkload.healthStatus("{}")).isEqualTo("no-status");
	}

	@Test
	void violationsListFailuresTheirPhaseDoesNotAllow() {
		LoadLedger ledger = new LoadLedger();
		ledger.recordFailure("two-down", new UnavailableException(null, null, 2, 1));
		ledger.recordFailure("two-down", new IllegalStateException("unexpected"));
		ledger.recordFailure("baseline", new IllegalStateException("unexpected"));
		ledger.recordSuccess("baseline", Operation.READ_ONE, 1);
		AllowedFailures allowed = new AllowedFailures(Map.of("two-down", Set.of("UnavailableException")));

		assertThat(allowed.violations(ledger)).containsOnlyKeys("baseline: IllegalStateException",
				"two-down: IllegalStateException");
	}

	@Test
	void wildcardAllowsATypeWhateverItsCauses() {
		Set<String> allowed = Set.of("AllNodesFailedException(*)", "UnavailableException");
		assertThat(AllowedFailures.isAllowed(allowed, "AllNodesFailedException(ClosedConnectionException)")).isTrue();
		assertThat(AllowedFailures.isAllowed(allowed, "UnavailableException")).isTrue();
		assertThat(AllowedFailures.isAllowed(allowed, "UnavailableException(x)")).isFalse();
		assertThat(AllowedFailures.isAllowed(allowed, "NoNodeAvailableException")).isFalse();
	}

	@Test
	void allNodesFailedIsNamedWithItsPerNodeErrorTypes() {
		Node node = Mockito.mock(Node.class);
		AllNodesFailedException failure = AllNodesFailedException
			.fromErrors(List.of(Map.entry(node, new UnavailableException(node, null, 2, 1))));
		assertThat(FailureNames.nameOf(new CompletionException(failure)))
			.isEqualTo("AllNodesFailedException(UnavailableException)");
		assertThat(FailureNames.nameOf(new NoNodeAvailableException())).isEqualTo("NoNodeAvailableException");
	}

	@Test
	void figuresListPhasesInOrderWithFailuresTimingsAndTotals() {
		LoadLedger ledger = new LoadLedger();
		ledger.recordSuccess("baseline", Operation.WRITE_QUORUM, 5);
		ledger.recordSuccess("baseline", Operation.WRITE_QUORUM, 3);
		ledger.recordFailure("all-down", new IllegalStateException("x"));
		FiguresTable figures = new FiguresTable();
		figures.timing("recovery", Duration.ofMillis(1234));
		figures.total("lost acknowledged writes", 0);

		String table = figures.render(ledger);

		List<String> lines = table.lines().toList();
		assertThat(lines.get(2)).startsWith("baseline").contains(" 2 ");
		assertThat(lines.get(3)).startsWith("all-down").endsWith("IllegalStateException=1");
		assertThat(table).contains("recovery").contains("1234 ms").contains("lost acknowledged writes");
		assertThat(ledger.firstSuccessNanos("baseline", Operation.WRITE_QUORUM)).isEqualTo(3L);
	}

}
