package dev.asynccassandra.samples.telemetry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Beans of the telemetry service that are not components.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TelemetryProperties.class)
class TelemetryConfiguration {

	@Bean
	TelemetryValidation telemetryValidation(TelemetryProperties properties) {
		return new TelemetryValidation(properties.maxBatchSize(), properties.maxExportRange());
	}

}
