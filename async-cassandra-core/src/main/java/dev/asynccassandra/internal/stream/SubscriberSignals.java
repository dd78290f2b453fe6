package dev.asynccassandra.internal.stream;

import java.util.concurrent.Flow;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one signal to a subscriber, containing a subscriber that throws: rule 2.13 makes
 * that a violation by the subscriber, which the publisher logs and treats as a
 * cancellation.
 */
final class SubscriberSignals {

	private static final Logger logger = LoggerFactory.getLogger(SubscriberSignals.class);

	private SubscriberSignals() {
	}

	static boolean onSubscribe(Flow.Subscriber<?> subscriber, Flow.Subscription subscription) {
		try {
			subscriber.onSubscribe(subscription);
			return true;
		}
		catch (Throwable ex) {
			logViolation(subscriber, "onSubscribe", ex);
			return false;
		}
	}

	static <T> boolean onNext(Flow.Subscriber<? super T> subscriber, T element) {
		try {
			subscriber.onNext(element);
			return true;
		}
		catch (Throwable ex) {
			logViolation(subscriber, "onNext", ex);
			return false;
		}
	}

	static void onComplete(Flow.Subscriber<?> subscriber) {
		try {
			subscriber.onComplete();
		}
		catch (Throwable ex) {
			logViolation(subscriber, "onComplete", ex);
		}
	}

	static void onError(Flow.Subscriber<?> subscriber, Throwable error) {
		try {
			subscriber.onError(error);
		}
		catch (Throwable ex) {
			logViolation(subscriber, "onError", ex);
		}
	}

	private static void logViolation(Flow.Subscriber<?> subscriber, String signal, Throwable ex) {
		logger.error("{} violated Reactive Streams rule 2.13 by throwing from {}; stream cancelled", subscriber, signal,
				ex);
	}

}
