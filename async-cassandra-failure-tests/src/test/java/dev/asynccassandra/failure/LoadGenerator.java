package dev.asynccassandra.failure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Issues requests of the {@link Operation} mix through a {@link Workload} from one
 * thread, at most {@code concurrency} outstanding and at most {@code ratePerSecond}
 * started per second, and records each outcome in a {@link LoadLedger} under the phase
 * current when the request was issued. Every issued request is counted, and counted again
 * when its completion stage ends, so that a stage never completed shows up.
 */
final class LoadGenerator {

	private final Workload workload;

	private final int concurrency;

	private final long intervalNanos;

	private final LoadLedger ledger;

	private final LongSupplier clock;

	private final Semaphore permits;

	private final AtomicReference<String> phase;

	private final AtomicLong issued = new AtomicLong();

	private final AtomicLong completed = new AtomicLong();

	private volatile boolean running;

	private volatile Thread thread;

	LoadGenerator(Workload workload, int concurrency, int ratePerSecond, LoadLedger ledger, String firstPhase) {
		this(workload, concurrency, ratePerSecond, ledger, firstPhase, System::nanoTime);
	}

	LoadGenerator(Workload workload, int concurrency, int ratePerSecond, LoadLedger ledger, String firstPhase,
			LongSupplier clock) {
		if (concurrency < 1 || ratePerSecond < 1) {
			throw new IllegalArgumentException("Concurrency and rate must be positive");
		}
		this.workload = workload;
		this.concurrency = concurrency;
		this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
		this.ledger = ledger;
		this.clock = clock;
		this.permits = new Semaphore(concurrency);
		ledger.declare(firstPhase);
		this.phase = new AtomicReference<>(firstPhase);
	}

	/**
	 * Starts issuing on a daemon thread.
	 * @throws IllegalStateException if already started
	 */
	synchronized void start() {
		if (this.thread != null) {
			throw new IllegalStateException("Already started");
		}
		this.running = true;
		Thread generator = new Thread(this::run, "failure-suite-load");
		generator.setDaemon(true);
		this.thread = generator;
		generator.start();
	}

	/**
	 * Records later requests under a new phase.
	 * @param next the phase name
	 */
	void enterPhase(String next) {
		this.ledger.declare(next);
		this.phase.set(next);
	}

	String phase() {
		return this.phase.get();
	}

	/**
	 * Stops issuing and waits for the generator thread and then for every outstanding
	 * request, each within the bound.
	 * @param bound how long to wait for each
	 * @return whether every issued request completed in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean stop(Duration bound) throws InterruptedException {
		this.running = false;
		Thread generator = this.thread;
		if (generator != null) {
			generator.join(bound.toMillis());
			if (generator.isAlive()) {
				return false;
			}
		}
		if (!this.permits.tryAcquire(this.concurrency, bound.toMillis(), TimeUnit.MILLISECONDS)) {
			return false;
		}
		this.permits.release(this.concurrency);
		return this.issued.get() == this.completed.get();
	}

	long issued() {
		return this.issued.get();
	}

	long completed() {
		return this.completed.get();
	}

	private void run() {
		long next = this.clock.getAsLong();
		while (this.running) {
			long wait = next - this.clock.getAsLong();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
				continue;
			}
			try {
				if (!this.permits.tryAcquire(50, TimeUnit.MILLISECONDS)) {
					continue;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			next = Math.max(next + this.intervalNanos, this.clock.getAsLong() - this.intervalNanos);
			issueOne();
		}
	}

	private void issueOne() {
		long sequence = this.issued.getAndIncrement();
		Operation operation = Operation.forSequence(sequence);
		String issuedIn = this.phase.get();
		CompletionStage<?> stage;
		try {
			stage = this.workload.issue(operation, sequence);
		}
		catch (RuntimeException ex) {
			stage = CompletableFuture.failedFuture(ex);
		}
		stage.whenComplete((result, failure) -> {
			try {
				if (failure == null) {
					this.ledger.recordSuccess(issuedIn, operation, this.clock.getAsLong());
				}
				else {
					this.ledger.recordFailure(issuedIn, failure);
				}
			}
			finally {
				this.completed.incrementAndGet();
				this.permits.release();
			}
		});
	}

}
