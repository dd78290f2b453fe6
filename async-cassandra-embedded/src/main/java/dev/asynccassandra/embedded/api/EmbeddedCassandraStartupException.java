package dev.asynccassandra.embedded.api;

import java.util.OptionalInt;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a launched node does not become ready: its JVM exited, or it did not answer
 * CQL within the startup timeout. The message ends with the last lines of the node's log,
 * also available from {@link #logTail()}.
 *
 * @since 0.1.0
 */
public class EmbeddedCassandraStartupException extends EmbeddedCassandraException {

	private static final long serialVersionUID = 1L;

	/** Exit code of the node's JVM, or {@code null} if it was still running. */
	private final @Nullable Integer exitCode;

	/** Last lines of the node's log. */
	private final String logTail;

	/**
	 * Creates an exception.
	 * @param message the description of the failure, without the log tail
	 * @param exitCode the exit code of the node's JVM, or {@code null} if it did not exit
	 * @param logTail the last lines of the node's log
	 * @param cause the underlying failure, or {@code null}
	 */
	public EmbeddedCassandraStartupException(String message, @Nullable Integer exitCode, String logTail,
			@Nullable Throwable cause) {
		super(message + System.lineSeparator() + "Last lines of the node's log:" + System.lineSeparator() + logTail,
				cause);
		this.exitCode = exitCode;
		this.logTail = logTail;
	}

	/**
	 * Returns the exit code of the node's JVM.
	 * @return the exit code, or empty if the JVM was still running (a timeout)
	 */
	public OptionalInt exitCode() {
		return (this.exitCode != null) ? OptionalInt.of(this.exitCode) : OptionalInt.empty();
	}

	/**
	 * Returns the last lines of the node's log at the time of the failure.
	 * @return the lines, separated by line breaks
	 */
	public String logTail() {
		return this.logTail;
	}

}
