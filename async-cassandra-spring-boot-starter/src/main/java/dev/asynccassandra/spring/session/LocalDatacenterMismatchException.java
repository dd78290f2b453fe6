package dev.asynccassandra.spring.session;

import java.util.Set;

import dev.asynccassandra.api.error.AsyncCassandraException;

/**
 * The driver connected, but none of the nodes it found is in the configured local data
 * center, so every request would fail with {@code NoNodeAvailableException}. Raised at
 * startup with {@code async-cassandra.startup.fail-fast=true}.
 *
 * @since 0.1.0
 */
public class LocalDatacenterMismatchException extends AsyncCassandraException {

	private static final long serialVersionUID = 1L;

	/** The configured local data center. */
	private final String localDatacenter;

	/** The data centers of the nodes the driver found. */
	private final Set<String> seenDatacenters;

	/**
	 * Creates an exception.
	 * @param localDatacenter the configured local data center
	 * @param seenDatacenters the data centers of the nodes the driver found
	 */
	public LocalDatacenterMismatchException(String localDatacenter, Set<String> seenDatacenters) {
		super("No Cassandra node is in the local datacenter '" + localDatacenter + "'; the driver found nodes in "
				+ seenDatacenters, null);
		this.localDatacenter = localDatacenter;
		this.seenDatacenters = Set.copyOf(seenDatacenters);
	}

	/**
	 * The configured local data center.
	 * @return the data center name
	 */
	public String localDatacenter() {
		return this.localDatacenter;
	}

	/**
	 * The data centers of the nodes the driver found.
	 * @return the names, sorted
	 */
	public Set<String> seenDatacenters() {
		return this.seenDatacenters;
	}

}
