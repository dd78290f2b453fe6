package dev.asynccassandra.failure;

/**
 * A failed HTTP request of the sample-service load, named for the figures: {@code 503}
 * followed by the Cassandra exception the service named in its answer (for example
 * {@code 503(UnavailableException)}), another status code alone, {@value #CLIENT_TIMEOUT}
 * when the client gave up waiting, or the I/O failure's type.
 */
final class HttpFailure extends RuntimeException {

	/** The name of a request the client gave up waiting for. */
	static final String CLIENT_TIMEOUT = "client-timeout";

	private static final long serialVersionUID = 1L;

	private final String name;

	HttpFailure(String name) {
		super(name, null, false, false);
		this.name = name;
	}

	/**
	 * A non-2xx answer, named by its status and, for a Cassandra failure, the exception
	 * the service names in its message ({@code "Cassandra could not complete the request:
	 * X"}).
	 * @param status the status code
	 * @param body the answer's body
	 * @return the failure
	 */
	static HttpFailure status(int status, String body) {
		String marker = "Cassandra could not complete the request: ";
		int at = body.indexOf(marker);
		if (at < 0) {
			return new HttpFailure(String.valueOf(status));
		}
		int start = at + marker.length();
		int end = start;
		while (end < body.length() && Character.isJavaIdentifierPart(body.charAt(end))) {
			end++;
		}
		return new HttpFailure(status + "(" + body.substring(start, end) + ")");
	}

	String name() {
		return this.name;
	}

	/**
	 * Whether the name is a status code of 500 or above, with or without a cause.
	 * @param name a failure name
	 * @return whether it is a 5xx answer
	 */
	static boolean is5xx(String name) {
		return !name.isEmpty() && name.charAt(0) == '5' && name.length() >= 3 && Character.isDigit(name.charAt(1))
				&& Character.isDigit(name.charAt(2));
	}

}
