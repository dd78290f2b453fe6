package dev.asynccassandra.embedded.api;

import java.net.InetAddress;

/**
 * Thrown before launch when a port the node needs cannot be bound: another process (often
 * another node, or an earlier run of the application) listens on it, or the address is
 * not local.
 *
 * @since 0.1.0
 */
public class EmbeddedCassandraPortInUseException extends EmbeddedCassandraException {

	private static final long serialVersionUID = 1L;

	/** What the port is for, such as {@code native transport port}. */
	private final String role;

	/** The address the port was to be bound on. */
	private final String address;

	/** The busy port. */
	private final int port;

	/**
	 * Creates an exception.
	 * @param role what the port is for, such as {@code native transport port}
	 * @param address the address
	 * @param port the port
	 */
	public EmbeddedCassandraPortInUseException(String role, InetAddress address, int port) {
		super("Cannot start Cassandra: the " + role + " " + address.getHostAddress() + ":" + port
				+ " is already in use (or the address is not local)");
		this.role = role;
		this.address = address.getHostAddress();
		this.port = port;
	}

	/**
	 * Returns what the port is for.
	 * @return {@code native transport port} or {@code storage port}
	 */
	public String role() {
		return this.role;
	}

	/**
	 * Returns the address as an IP literal.
	 * @return the address
	 */
	public String address() {
		return this.address;
	}

	/**
	 * Returns the port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

}
