package dev.asynccassandra.spring.autoconfigure;

import java.time.Duration;

import dev.asynccassandra.api.stream.StreamOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;

/**
 * The rules of {@link AsyncCassandraProperties}, applied when Spring Boot binds them.
 * Each error names the property in its configuration form (Boot's report prefixes it with
 * {@value AsyncCassandraProperties#PREFIX} and adds where the value came from), the bound
 * value and the rule.
 */
final class PropertyRules {

	private static final int MAX_PORT = 65535;

	private PropertyRules() {
	}

	static void validate(AsyncCassandraProperties properties, Errors errors) {
		positiveIfSet(errors, "request.timeout", properties.getRequest().getTimeout());
		Integer maxInFlight = properties.getRequest().getMaxInFlight();
		if (maxInFlight != null && maxInFlight < 1) {
			reject(errors, "request.max-in-flight", maxInFlight,
					"must be at least 1 (leave it unset to size it from the driver's pool)");
		}
		if (properties.getRequest().getMaxQueued() < 0) {
			reject(errors, "request.max-queued", properties.getRequest().getMaxQueued(),
					"must not be negative (0 disables the queue)");
		}
		Integer threads = properties.getExecutor().getThreads();
		if (threads != null && threads < 1) {
			reject(errors, "executor.threads", threads, "must be at least 1");
		}
		AsyncCassandraProperties.Stream stream = properties.getStream();
		if (stream.getPageSize() < 0) {
			reject(errors, "stream.page-size", stream.getPageSize(),
					"must not be negative (0 keeps the driver's page size)");
		}
		if (stream.getPrefetchPages() < StreamOptions.MIN_PREFETCH_PAGES) {
			reject(errors, "stream.prefetch-pages", stream.getPrefetchPages(),
					"must be at least " + StreamOptions.MIN_PREFETCH_PAGES);
		}
		positiveIfSet(errors, "stream.page-timeout", stream.getPageTimeout());
		int maxStatementNames = properties.getMetrics().getMaxStatementNames();
		if (maxStatementNames < 0) {
			reject(errors, "metrics.max-statement-names", maxStatementNames, "must not be negative");
		}
		notNegative(errors, "shutdown.timeout", properties.getShutdown().getTimeout());
		AsyncCassandraProperties.Startup startup = properties.getStartup();
		boolean delaysValid = atLeastOneMillisecond(errors, "startup.retry-delay", startup.getRetryDelay())
				& atLeastOneMillisecond(errors, "startup.max-retry-delay", startup.getMaxRetryDelay());
		if (delaysValid && startup.getMaxRetryDelay().compareTo(startup.getRetryDelay()) < 0) {
			reject(errors, "startup.max-retry-delay", startup.getMaxRetryDelay(), "must not be less than "
					+ AsyncCassandraProperties.PREFIX + ".startup.retry-delay (" + startup.getRetryDelay() + ")");
		}
		AsyncCassandraProperties.Embedded embedded = properties.getEmbedded();
		port(errors, "embedded.native-port", embedded.getNativePort());
		port(errors, "embedded.storage-port", embedded.getStoragePort());
		positive(errors, "embedded.startup-timeout", embedded.getStartupTimeout());
	}

	private static void positiveIfSet(Errors errors, String property, @Nullable Duration value) {
		if (value != null && (value.isZero() || value.isNegative())) {
			reject(errors, property, value, "must be positive when set (leave it unset for the default)");
		}
	}

	private static void positive(Errors errors, String property, @Nullable Duration value) {
		if (value == null || value.isZero() || value.isNegative()) {
			reject(errors, property, value, "must be positive");
		}
	}

	private static void notNegative(Errors errors, String property, @Nullable Duration value) {
		if (value == null || value.isNegative()) {
			reject(errors, property, value, "must not be negative");
		}
	}

	private static boolean atLeastOneMillisecond(Errors errors, String property, @Nullable Duration value) {
		if (value == null || value.compareTo(Duration.ofMillis(1)) < 0) {
			reject(errors, property, value, "must be at least 1ms");
			return false;
		}
		return true;
	}

	private static void port(Errors errors, String property, int port) {
		if (port < 0 || port > MAX_PORT) {
			reject(errors, property, port, "must be between 0 and " + MAX_PORT + " (0 picks a free port)");
		}
	}

	private static void reject(Errors errors, String property, @Nullable Object value, String rule) {
		if (errors instanceof BindingResult result) {
			// The property's configuration name, so that the report and the origin lookup
			// use the name the user wrote.
			result.addError(new FieldError(errors.getObjectName(), property, value, false,
					new String[] { "async-cassandra.invalid" }, null, rule));
		}
		else {
			errors.reject("async-cassandra.invalid",
					AsyncCassandraProperties.PREFIX + "." + property + " " + rule + ", was " + value);
		}
	}

}
