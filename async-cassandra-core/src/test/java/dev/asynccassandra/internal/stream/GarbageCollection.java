package dev.asynccassandra.internal.stream;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Collection;

import org.awaitility.Awaitility;

/**
 * Waits, with a bound, until objects are no longer strongly reachable.
 */
final class GarbageCollection {

	private GarbageCollection() {
	}

	static void awaitCollected(Collection<? extends WeakReference<?>> references) {
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
			System.gc();
			return references.stream().allMatch((reference) -> reference.get() == null);
		});
	}

}
