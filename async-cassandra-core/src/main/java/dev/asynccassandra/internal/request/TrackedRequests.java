package dev.asynccassandra.internal.request;

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
		if (isTracked(entry)) {
			return;
		}
		Entry first = this.head;
		entry.linkNext(first);
		entry.linkPrevious(null);
		if (first != null) {
			first.linkPrevious(entry);
		}
		this.head = entry;
		this.size++;
	}

	synchronized void remove(Entry entry) {
		if (!isTracked(entry)) {
			return;
		}
		Entry previous = entry.previous();
		Entry next = entry.next();
		if (previous != null) {
			previous.linkNext(next);
		}
		else {
			this.head = next;
		}
		if (next != null) {
			next.linkPrevious(previous);
		}
		entry.linkPrevious(null);
		entry.linkNext(null);
		this.size--;
	}

	/** Only the head has no previous entry; untracked entries have no links. */
	private boolean isTracked(Entry entry) {
		return entry.previous() != null || this.head == entry;
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
		for (Entry entry = this.head; entry != null; entry = entry.next()) {
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
	 * A request that can be tracked: it keeps two links, read and written only by the
	 * list under its monitor (an interface, so that a request can extend something else).
	 */
	interface Entry {

		@Nullable Entry previous();

		void linkPrevious(@Nullable Entry previous);

		@Nullable Entry next();

		void linkNext(@Nullable Entry next);

	}

}
