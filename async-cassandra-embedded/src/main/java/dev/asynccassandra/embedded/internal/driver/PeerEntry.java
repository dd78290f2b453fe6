package dev.asynccassandra.embedded.internal.driver;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import com.datastax.oss.driver.api.core.cql.Row;

/**
 * One row of a node's {@code system.peers_v2}: the CQL address of another node and
 * whether the row holds everything a driver's control connection needs to add that node
 * to its metadata (a row missing any of it is skipped by the driver).
 *
 * @param nativeAddress the peer's CQL address, or {@code null} if the row has none yet
 * @param complete whether host id, data center, rack, tokens and schema version are all
 * known
 */
record PeerEntry(InetSocketAddress nativeAddress, boolean complete) {

	/** The query that reads every peer entry of the node it runs on. */
	static final String QUERY = "SELECT native_address, native_port, host_id, data_center, rack, tokens, "
			+ "schema_version FROM system.peers_v2";

	/**
	 * Reads an entry from a row of {@link #QUERY}.
	 * @param row the row
	 * @return the entry
	 */
	static PeerEntry of(Row row) {
		InetAddress address = row.getInetAddress("native_address");
		InetSocketAddress nativeAddress = (address != null && !row.isNull("native_port"))
				? new InetSocketAddress(address, row.getInt("native_port")) : null;
		boolean complete = !row.isNull("host_id") && !row.isNull("data_center") && !row.isNull("rack")
				&& !row.getSet("tokens", String.class).isEmpty() && !row.isNull("schema_version");
		return new PeerEntry(nativeAddress, complete);
	}

	/**
	 * Returns the nodes that a node's peer entries do not yet describe completely.
	 * @param self the CQL address of the node whose entries these are
	 * @param expected the CQL addresses of every node that must be known, {@code self}
	 * may be among them
	 * @param entries the node's peer entries
	 * @return the expected nodes other than {@code self} without a complete entry, in the
	 * order of {@code expected}
	 */
	static List<InetSocketAddress> missing(InetSocketAddress self, Collection<InetSocketAddress> expected,
			Collection<PeerEntry> entries) {
		Set<InetSocketAddress> known = entries.stream()
			.filter(PeerEntry::complete)
			.map(PeerEntry::nativeAddress)
			.filter(Objects::nonNull)
			.collect(Collectors.toSet());
		return expected.stream().filter((node) -> !node.equals(self) && !known.contains(node)).toList();
	}

}
