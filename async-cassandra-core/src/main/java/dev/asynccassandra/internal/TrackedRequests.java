package dev.asynccassandra.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * The requests a session has in flight, for the timeout backstop and a forced close: an
 * intrusive doubly linked list whose links live in the requests themselves, so tracking a
 * request allocates nothing. Guarded by this object's monitor; every operation is short
 * (a forced close or a sweep copies what it needs and acts outside the lock).
 */
final class TrackedRequests {

	private @Nullable Entry head;

	private int size;

	synchronized void add(Entry entry) {
		if (entry.tracked) {
			return;
		}
		Entry first = this.head;
		entry.next = first;
		entry.previous = null;
		if (first != null) {
			first.previous = entry;
		}
		this.head = entry;
		entry.tracked = true;
		this.size++;
	}

	synchronized void remove(Entry entry) {
		if (!entry.tracked) {
			return;
		}
		Entry previous = entry.previous;
		Entry next = entry.next;
		if (previous != null) {
			previous.next = next;
		}
		else {
			this.head = next;
		}
		if (next != null) {
			next.previous = previous;
		}
		entry.previous = null;
		entry.next = null;
		entry.tracked = false;
		this.size--;
	}

	synchronized int size() {
		return this.size;
	}

	/**
	 * The tracked requests that match, copied under the lock so that the caller can act
	 * on them (and they can untrack themselves) outside it.
	 * @param filter which requests to return
	 * @return the matching requests; a shared empty list when none match
	 */
	synchronized List<Entry> select(Predicate<Entry> filter) {
		List<Entry> selected = List.of();
		for (Entry entry = this.head; entry != null; entry = entry.next) {
			if (filter.test(entry)) {
				if (selected.isEmpty()) {
					selected = new ArrayList<>();
				}
				selected.add(entry);
			}
		}
		return selected;
	}

	/**
	 * A request that can be tracked; its links are guarded by the list's monitor.
	 */
	abstract static class Entry {

		private @Nullable Entry previous;

		private @Nullable Entry next;

		private boolean tracked;

	}

}
