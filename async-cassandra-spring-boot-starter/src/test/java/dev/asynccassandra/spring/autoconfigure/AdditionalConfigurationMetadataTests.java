package dev.asynccassandra.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the hand-written and the generated configuration metadata.
 */
class AdditionalConfigurationMetadataTests {

	@Test
	void handWrittenMetadataShouldParseAndDocumentTheHealthSwitch() throws IOException {
		try (InputStream json = new ClassPathResource("META-INF/additional-spring-configuration-metadata.json")
			.getInputStream()) {
			List<Map<String, Object>> properties = JsonPath.parse(json).read("$.properties");
			assertThat(properties).extracting((property) -> property.get("name"))
				.contains("management.health.async-cassandra.enabled");
			assertThat(properties).allSatisfy((property) -> assertThat(property).containsKey("name"));
		}
	}

	@Test
	void generatedMetadataShouldDescribeEveryProperty() throws IOException {
		try (InputStream json = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			List<Map<String, Object>> properties = JsonPath.parse(json).read("$.properties");
			assertThat(properties).extracting((property) -> property.get("name"))
				.contains("async-cassandra.request.timeout", "async-cassandra.executor.threads",
						"async-cassandra.metrics.enabled", "async-cassandra.shutdown.timeout",
						"async-cassandra.embedded.enabled", "async-cassandra.embedded.native-port",
						"management.health.async-cassandra.enabled");
			assertThat(properties).allSatisfy((property) -> assertThat(property.get("description")).asString()
				.isNotBlank()
				.doesNotStartWith("The ")
				.doesNotStartWith("A "));
		}
	}

}
