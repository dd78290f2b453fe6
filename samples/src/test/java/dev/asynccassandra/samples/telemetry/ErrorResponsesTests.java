package dev.asynccassandra.samples.telemetry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.servererrors.SyntaxError;
import dev.asynccassandra.api.error.QueryTimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ServerWebInputException;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorResponsesTests {

	private final ErrorResponses responses = new ErrorResponses();

	@Test
	void cassandraFailureIsServiceUnavailableWithItsKind() {
		ResponseEntity<Map<String, String>> response = this.responses
			.failed(new CompletionException(new NoNodeAvailableException()));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(response.getBody()).containsEntry("error", "cassandra_unavailable")
			.containsEntry("kind", "RETRYABLE")
			.containsEntry("message", "Cassandra could not complete the request: NoNodeAvailableException");
		assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
	}

	@Test
	void timeoutOfAWriteIsUnknownOutcomeWithoutRetryAfter() {
		ResponseEntity<Map<String, String>> response = this.responses
			.failed(new DriverTimeoutException("Query timed out after PT2S"));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(response.getBody()).containsEntry("kind", "UNKNOWN_OUTCOME");
		assertThat(response.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
	}

	@Test
	void asyncCassandraExceptionsAreCassandraFailures() {
		ResponseEntity<Map<String, String>> response = this.responses
			.failed(new QueryTimeoutException(Duration.ofSeconds(10)));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(response.getBody()).containsKey("kind");
	}

	@Test
	void invalidQueryIsNotRetryable() {
		ResponseEntity<Map<String, String>> response = this.responses.failed(new SyntaxError(null, "bad cql"));

		assertThat(response.getBody()).containsEntry("kind", "NOT_RETRYABLE");
	}

	@Test
	void otherFailuresAreInternalErrorsWithoutDetails() {
		ResponseEntity<Map<String, String>> response = this.responses.failed(new IllegalStateException("secret=42"));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(response.getBody()).containsExactly(Map.entry("error", "internal_error"),
				Map.entry("message", "unexpected server error"));
	}

	@Test
	void unreadableBodyIsBadRequest() {
		ResponseEntity<Map<String, String>> response = this.responses
			.unreadable(new ServerWebInputException("Failed to read HTTP message", null, new DecodingException("x")));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getBody()).containsEntry("message",
				"request body is missing or is not valid JSON of the expected shape");
	}

	@Test
	void refusalKeepsItsStatusAndMessage() {
		ResponseEntity<Map<String, String>> response = this.responses.refused(ApiException.notFound("no such sensor"));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(response.getBody()).containsExactly(Map.entry("error", "not_found"),
				Map.entry("message", "no such sensor"));
	}

}
