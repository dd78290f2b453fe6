package dev.asynccassandra.samples.telemetry;

import java.util.LinkedHashMap;
import java.util.Map;

import com.datastax.oss.driver.api.core.DriverException;
import dev.asynccassandra.api.error.AsyncCassandraException;
import dev.asynccassandra.api.error.FailureClassifier;
import dev.asynccassandra.api.error.FailureKind;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.codec.CodecException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

/**
 * Turns every failure of the telemetry API into a JSON answer {@code {"error": ...,
 * "message": ...}}, never a stack trace:
 * <ul>
 * <li>refused requests ({@link ApiException}): their 400 or 404;</li>
 * <li>unreadable requests (bad JSON, wrong types, missing body): 400;</li>
 * <li>Cassandra failures: 503 with {@code "kind"} from {@link FailureClassifier}
 * ({@code RETRYABLE}, {@code NOT_RETRYABLE}, {@code UNKNOWN_OUTCOME}), and
 * {@code Retry-After} when retrying may help;</li>
 * <li>anything else: 500 with a generic message (details are logged).</li>
 * </ul>
 */
@RestControllerAdvice
public class ErrorResponses {

	private static final Log logger = LogFactory.getLog(ErrorResponses.class);

	/**
	 * A refused request.
	 * @param ex the refusal
	 * @return its status and message
	 */
	@ExceptionHandler(ApiException.class)
	public ResponseEntity<Map<String, String>> refused(ApiException ex) {
		return answer(ex.status(), ex.error(), String.valueOf(ex.getMessage()), null);
	}

	/**
	 * A request that could not be read: bad JSON, wrong types, missing body or parameter.
	 * @param ex the failure
	 * @return 400
	 */
	@ExceptionHandler(ServerWebInputException.class)
	public ResponseEntity<Map<String, String>> unreadable(ServerWebInputException ex) {
		String message = (ex.getCause() instanceof CodecException)
				? "request body is missing or is not valid JSON of the expected shape"
				: "invalid request: " + ex.getReason();
		return answer(HttpStatus.BAD_REQUEST, "bad_request", message, null);
	}

	/**
	 * Other HTTP-level refusals (unknown path, wrong method or media type).
	 * @param ex the refusal
	 * @return its status
	 */
	@ExceptionHandler(ResponseStatusException.class)
	public ResponseEntity<Map<String, String>> status(ResponseStatusException ex) {
		HttpStatusCode status = ex.getStatusCode();
		String reason = (ex.getReason() != null) ? ex.getReason() : "request refused";
		if (ex instanceof UnsupportedMediaTypeStatusException) {
			reason = "Content-Type must be application/json";
		}
		return answer(status, "http_" + status.value(), reason, null);
	}

	/**
	 * Any other failure: a Cassandra failure becomes 503 with its kind, the rest 500.
	 * @param ex the failure
	 * @return 503 or 500
	 */
	@ExceptionHandler(Throwable.class)
	public ResponseEntity<Map<String, String>> failed(Throwable ex) {
		Throwable cassandraFailure = cassandraFailure(ex);
		if (cassandraFailure != null) {
			FailureKind kind = FailureClassifier.classify(cassandraFailure);
			logger.warn("Cassandra request failed (" + kind + "): " + cassandraFailure);
			return answer(HttpStatus.SERVICE_UNAVAILABLE, "cassandra_unavailable",
					"Cassandra could not complete the request: " + cassandraFailure.getClass().getSimpleName(), kind);
		}
		logger.error("Unexpected failure", ex);
		return answer(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "unexpected server error", null);
	}

	private static @Nullable Throwable cassandraFailure(Throwable ex) {
		Throwable current = ex;
		for (int depth = 0; current != null && depth < FailureClassifier.MAX_CAUSE_DEPTH; depth++) {
			if (current instanceof AsyncCassandraException || current instanceof DriverException) {
				return current;
			}
			current = current.getCause();
		}
		return null;
	}

	private static ResponseEntity<Map<String, String>> answer(HttpStatusCode status, String error, String message,
			@Nullable FailureKind kind) {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("error", error);
		body.put("message", message);
		ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
		if (kind != null) {
			body.put("kind", kind.name());
			if (kind == FailureKind.RETRYABLE) {
				response.header(HttpHeaders.RETRY_AFTER, "1");
			}
		}
		return response.body(body);
	}

}
