package dev.asynccassandra.api.error;

/**
 * What a failed request means for the caller's next step, as decided by
 * {@link FailureClassifier}.
 * <p>
 * The three kinds answer two questions at once: could the request have changed data, and
 * can the same request succeed if sent again? <pre class="code">
 * switch (FailureClassifier.classify(failure, statement.isIdempotent() == Boolean.TRUE)) {
 *     case RETRYABLE -&gt; retryWithBackoff();
 *     case NOT_RETRYABLE -&gt; reportBadRequest();
 *     case UNKNOWN_OUTCOME -&gt; readBackThenDecide();
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public enum FailureKind {

	/**
	 * Sending the same request again is safe and may succeed: either nothing was applied
	 * (the request was refused or never sent, or it was a read), or the request is
	 * idempotent so applying it twice changes nothing. The cause is expected to be
	 * transient (a node down, overloaded or bootstrapping, a lost connection, a timeout);
	 * retry with a backoff and a bound.
	 */
	RETRYABLE,

	/**
	 * Sending the same request again would fail the same way: the request, the schema,
	 * the permissions, the credentials or the configuration must change first (syntax
	 * error, invalid query, unauthorized, unknown codec, bad argument...). Nothing needs
	 * to be undone unless the failure says so.
	 */
	NOT_RETRYABLE,

	/**
	 * The request may or may not have been applied, fully or on some replicas only (a
	 * write timeout, a lightweight transaction whose result is unknown, a client-side
	 * timeout or a lost connection on a write that is not idempotent). Retrying blindly
	 * could apply it twice; read the data back, or retry only if applying it twice is
	 * harmless.
	 */
	UNKNOWN_OUTCOME

}
