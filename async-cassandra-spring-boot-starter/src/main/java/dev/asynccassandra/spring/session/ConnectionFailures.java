package dev.asynccassandra.spring.session;

import org.springframework.beans.BeansException;

/**
 * Finds what failed in a connection attempt: the bean factory wraps the driver's
 * exception in its own bean-creation exceptions.
 */
final class ConnectionFailures {

	private static final int MAX_SUMMARY_LENGTH = 300;

	private ConnectionFailures() {
	}

	static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while (cause instanceof BeansException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	static String summary(Throwable failure) {
		String message = failure.getMessage();
		String text = failure.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
		int newline = text.indexOf('\n');
		if (newline >= 0) {
			text = text.substring(0, newline);
		}
		return (text.length() > MAX_SUMMARY_LENGTH) ? text.substring(0, MAX_SUMMARY_LENGTH) + "..." : text;
	}

}
