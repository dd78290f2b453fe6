package dev.asynccassandra.spring.autoconfigure;

import java.time.Duration;

import dev.asynccassandra.api.AsyncSession;
import org.jspecify.annotations.Nullable;

import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;

/**
 * Checks {@link AsyncCassandraProperties} when Spring Boot binds them. The values that
 * end in a builder of the core are checked by that builder, through the same mapping that
 * builds sessions ({@link SessionOptionsMapping}); only the starter's own settings
 * (metrics, startup retries) have rules here. The values of the executor and of the
 * embedded node are checked, by the core and the embedded module, when they are used at
 * startup ({@link OptionMapper#failing()}). Each error names the property in its
 * configuration form (Boot's report prefixes it with
 * {@value AsyncCassandraProperties#PREFIX} and adds where the value came from), the bound
 * value and the rule.
 */
final class PropertyRules {

	private PropertyRules() {
	}

	static void validate(AsyncCassandraProperties properties, Errors errors) {
		SessionOptionsMapping.map(properties, AsyncSession.builder(), OptionMapper.checking(errors));
		int maxStatementNames = properties.getMetrics().getMaxStatementNames();
		if (maxStatementNames < 0) {
			reject(errors, "metrics.max-statement-names", maxStatementNames, "must not be negative");
		}
		AsyncCassandraProperties.Startup startup = properties.getStartup();
		boolean delaysValid = atLeastOneMillisecond(errors, "startup.retry-delay", startup.getRetryDelay())
				& atLeastOneMillisecond(errors, "startup.max-retry-delay", startup.getMaxRetryDelay());
		if (delaysValid && startup.getMaxRetryDelay().compareTo(startup.getRetryDelay()) < 0) {
			reject(errors, "startup.max-retry-delay", startup.getMaxRetryDelay(), "must not be less than "
					+ AsyncCassandraProperties.PREFIX + ".startup.retry-delay (" + startup.getRetryDelay() + ")");
		}
	}

	private static boolean atLeastOneMillisecond(Errors errors, String property, @Nullable Duration value) {
		if (value == null || value.compareTo(Duration.ofMillis(1)) < 0) {
			reject(errors, property, value, "must be at least 1ms");
			return false;
		}
		return true;
	}

	static void reject(Errors errors, String property, @Nullable Object value, String rule) {
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
