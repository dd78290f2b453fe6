package dev.asynccassandra.embedded.internal.driver;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PeerEntryTests {

	private static final InetSocketAddress FIRST = new InetSocketAddress("127.0.0.1", 9042);

	private static final InetSocketAddress SECOND = new InetSocketAddress("127.0.0.2", 9042);

	private static final InetSocketAddress THIRD = new InetSocketAddress("127.0.0.3", 9042);

	private static final List<InetSocketAddress> CLUSTER = List.of(FIRST, SECOND, THIRD);

	@Test
	void aNodeWithCompleteEntriesForEveryOtherNodeMissesNone() {
		List<PeerEntry> entries = List.of(new PeerEntry(SECOND, true), new PeerEntry(THIRD, true));

		assertThat(PeerEntry.missing(FIRST, CLUSTER, entries)).isEmpty();
	}

	@Test
	void aNodeWithoutPeerEntriesMissesEveryOtherNode() {
		assertThat(PeerEntry.missing(THIRD, CLUSTER, List.of())).containsExactly(FIRST, SECOND);
	}

	@Test
	void anIncompleteEntryCountsAsMissing() {
		List<PeerEntry> entries = List.of(new PeerEntry(FIRST, true), new PeerEntry(SECOND, false));

		assertThat(PeerEntry.missing(THIRD, CLUSTER, entries)).containsExactly(SECOND);
	}

	@Test
	void anEntryWithoutACqlAddressDescribesNoNode() {
		List<PeerEntry> entries = List.of(new PeerEntry(null, true), new PeerEntry(THIRD, true));

		assertThat(PeerEntry.missing(FIRST, CLUSTER, entries)).containsExactly(SECOND);
	}

	@Test
	void entriesForNodesThatNeedNotBeKnownAreIgnored() {
		List<PeerEntry> entries = List.of(new PeerEntry(SECOND, true), new PeerEntry(THIRD, false));

		assertThat(PeerEntry.missing(FIRST, List.of(FIRST, SECOND), entries)).isEmpty();
	}

	@Test
	void anEntryOnAnotherPortIsAnotherNode() {
		List<PeerEntry> entries = List.of(new PeerEntry(new InetSocketAddress("127.0.0.2", 9043), true),
				new PeerEntry(THIRD, true));

		assertThat(PeerEntry.missing(FIRST, CLUSTER, entries)).containsExactly(SECOND);
	}

}
