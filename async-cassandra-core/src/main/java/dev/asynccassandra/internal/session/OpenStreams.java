package dev.asynccassandra.internal.session;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.asynccassandra.api.error.SessionClosedException;

/**
 * The row streams of a session that are subscribed and not yet ended, so that a forced
 * close can end them. A stream registers once it holds its in-flight slot and unregisters
 * when it ends, however it ends; nothing else references it from here.
 */
final class OpenStreams {

	private final Set<SessionRowPublisher<?>> streams = ConcurrentHashMap.newKeySet();

	private volatile boolean terminating;

	/**
	 * Registers an open stream.
	 * <p>
	 * Checks the closed state after adding the stream, so that a forced close racing the
	 * subscription either sees the stream in the registry or is seen here: without that
	 * re-check a stream admitted just before the close and registered just after its
	 * sweep would stay open and the session would never drain.
	 * @param stream the stream
	 * @return {@code true} if the stream may go on; {@code false} if a forced close has
	 * started and the caller must end the stream itself
	 */
	boolean register(SessionRowPublisher<?> stream) {
		this.streams.add(stream);
		return !this.terminating;
	}

	void unregister(SessionRowPublisher<?> stream) {
		this.streams.remove(stream);
	}

	/**
	 * Ends every open stream, now and registered later, with a
	 * {@link SessionClosedException}.
	 */
	void terminateAll() {
		this.terminating = true;
		for (SessionRowPublisher<?> stream : this.streams) {
			stream.terminate(new SessionClosedException(true));
		}
	}

	int count() {
		return this.streams.size();
	}

}
