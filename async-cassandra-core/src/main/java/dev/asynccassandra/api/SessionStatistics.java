package dev.asynccassandra.api;

/**
 * A snapshot of a session's counters, cheap enough to read at every metrics scrape.
 * <p>
 * Each value is read independently, so a snapshot taken under load is not a consistent
 * cut across counters; every single value is exact at the moment it was read.
 *
 * @param inFlight requests and open row streams admitted and not yet finished (requests
 * waiting in the admission queue included)
 * @param openStreams row streams subscribed and not yet terminated
 * @param eventsDelivered query events handed to the listeners since the session opened
 * @param eventsDropped query events discarded because the event queue was full
 * @param eventQueueSize query events waiting for delivery right now
 * @param eventQueueCapacity the bound of the event queue ({@code 0} without listeners)
 * @param listenerFailures listener invocations that threw
 * @param queuedRequests requests waiting in the admission queue for an in-flight slot
 * right now
 * @param maxRequestsInFlight the session's bound on requests at the driver
 */
public record SessionStatistics(long inFlight, long openStreams, long eventsDelivered, long eventsDropped,
		int eventQueueSize, int eventQueueCapacity, long listenerFailures, int queuedRequests,
		int maxRequestsInFlight) {

	/**
	 * A snapshot of a session without an admission queue in use.
	 * @param inFlight requests and open row streams admitted and not yet finished
	 * @param openStreams row streams subscribed and not yet terminated
	 * @param eventsDelivered query events handed to the listeners
	 * @param eventsDropped query events discarded because the event queue was full
	 * @param eventQueueSize query events waiting for delivery right now
	 * @param eventQueueCapacity the bound of the event queue
	 * @param listenerFailures listener invocations that threw
	 */
	public SessionStatistics(long inFlight, long openStreams, long eventsDelivered, long eventsDropped,
			int eventQueueSize, int eventQueueCapacity, long listenerFailures) {
		this(inFlight, openStreams, eventsDelivered, eventsDropped, eventQueueSize, eventQueueCapacity,
				listenerFailures, 0, Integer.MAX_VALUE);
	}

}
