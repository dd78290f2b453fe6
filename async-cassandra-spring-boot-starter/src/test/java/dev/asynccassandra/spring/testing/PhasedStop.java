package dev.asynccassandra.spring.testing;

import org.springframework.context.SmartLifecycle;

/**
 * A lifecycle bean that only acts when Spring stops it: it runs its action in the phase
 * it was given, so that a test can observe, or act on, what the phases around it did.
 * Phases stop from the highest down.
 */
public final class PhasedStop implements SmartLifecycle {

	private final int phase;

	private final Runnable action;

	private volatile boolean running;

	/**
	 * Creates the bean.
	 * @param phase the lifecycle phase
	 * @param action what to run on stop
	 */
	public PhasedStop(int phase, Runnable action) {
		this.phase = phase;
		this.action = action;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.action.run();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return this.phase;
	}

}
