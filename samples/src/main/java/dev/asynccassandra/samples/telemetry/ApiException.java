package dev.asynccassandra.samples.telemetry;

import org.springframework.http.HttpStatus;

/**
 * A request the service refuses, answered with {@link #status()} and a JSON body
 * {@code {"error": ..., "message": ...}} by {@link ErrorResponses}.
 */
public final class ApiException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final HttpStatus status;

	private final String error;

	private ApiException(HttpStatus status, String error, String message) {
		super(message, null, false, false);
		this.status = status;
		this.error = error;
	}

	/**
	 * An invalid request (400).
	 * @param message what is wrong, for the client
	 * @return the exception
	 */
	public static ApiException badRequest(String message) {
		return new ApiException(HttpStatus.BAD_REQUEST, "bad_request", message);
	}

	/**
	 * A missing resource (404).
	 * @param message what is missing, for the client
	 * @return the exception
	 */
	public static ApiException notFound(String message) {
		return new ApiException(HttpStatus.NOT_FOUND, "not_found", message);
	}

	/**
	 * The HTTP status of the answer.
	 * @return the status
	 */
	public HttpStatus status() {
		return this.status;
	}

	/**
	 * The machine-readable error code of the answer.
	 * @return the code
	 */
	public String error() {
		return this.error;
	}

}
