package dev.asynccassandra.api;

/**
 * A snapshot of a session's counters, cheap enough to read at every metrics scrape.
 * <p>
 * Each value is read independently, so a snapshot taken under load is not a consistent
 * cut across counters; every single value is exact at the moment it was read.
 *
 * @param inFlight requests and open row streams admitted and not yet finished
 * @param openStreams row streams subscribed and not yet terminated
 * @param eventsDelivered query events handed to the listeners since the session opened
 * @param eventsDropped query events discarded because the event queue was full
 * @param eventQueueSize query events waiting for delivery right now
 * @param eventQueueCapacity the bound of the event queue ({@code 0} without listeners)
 * @param listenerFailures listener invocations that threw
 */
public record SessionStatistics(long inFlight, long openStreams, long eventsDelivered, long eventsDropped,
		int eventQueueSize, int eventQueueCapacity, long listenerFailures) {

}
