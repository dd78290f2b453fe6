package dev.asynccassandra.internal.request;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The caller's future of one request. It calls {@link #onEnded} once, right after it
 * ended, however it ended: completed by the session, or cancelled, completed or timed out
 * by the caller. This replaces a dependent stage per request, so ending costs no
 * allocation. Stages derived from it are plain {@link CompletableFuture}s.
 *
 * @param <T> the value type
 */
abstract class RequestFuture<T> extends CompletableFuture<T> {

	private static final CancellationException CANCELLED = new CancellationException("Cancelled by the caller");

	private static final VarHandle NOTIFIED;

	static {
		try {
			NOTIFIED = MethodHandles.lookup().findVarHandle(RequestFuture.class, "notified", boolean.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	@SuppressWarnings("unused") // written through NOTIFIED
	private volatile boolean notified;

	@Override
	public boolean complete(T value) {
		boolean completed = super.complete(value);
		if (completed) {
			notifyEnded(null);
		}
		return completed;
	}

	@Override
	public boolean completeExceptionally(Throwable failure) {
		boolean completed = super.completeExceptionally(failure);
		if (completed) {
			notifyEnded(failure);
		}
		return completed;
	}

	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		boolean cancelled = super.cancel(mayInterruptIfRunning);
		if (isCancelled()) {
			notifyEnded(CANCELLED);
		}
		return cancelled;
	}

	@Override
	public void obtrudeValue(T value) {
		super.obtrudeValue(value);
		notifyEnded(null);
	}

	@Override
	public void obtrudeException(Throwable failure) {
		super.obtrudeException(failure);
		notifyEnded(failure);
	}

	/**
	 * Like {@link CompletableFuture#completeAsync(Supplier, Executor)}, through
	 * {@link #complete} so that the listener is told.
	 */
	@Override
	public CompletableFuture<T> completeAsync(Supplier<? extends T> supplier, Executor executor) {
		Objects.requireNonNull(supplier, "'supplier' must not be null");
		Objects.requireNonNull(executor, "'executor' must not be null");
		executor.execute(() -> {
			if (isDone()) {
				return;
			}
			try {
				complete(supplier.get());
			}
			catch (Throwable ex) {
				completeExceptionally(ex);
			}
		});
		return this;
	}

	@Override
	public CompletableFuture<T> completeAsync(Supplier<? extends T> supplier) {
		return completeAsync(supplier, defaultExecutor());
	}

	@Override
	public <U> CompletableFuture<U> newIncompleteFuture() {
		return new CompletableFuture<>();
	}

	private void notifyEnded(@Nullable Throwable failure) {
		if (NOTIFIED.compareAndSet(this, false, true)) {
			onEnded(failure);
		}
	}

	/**
	 * Called once, on the thread that ended the future, after its dependents ran.
	 * @param failure why it failed, or {@code null} when it completed normally
	 */
	abstract void onEnded(@Nullable Throwable failure);

}
