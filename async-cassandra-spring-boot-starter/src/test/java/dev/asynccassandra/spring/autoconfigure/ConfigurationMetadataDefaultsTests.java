package dev.asynccassandra.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.jayway.jsonpath.JsonPath;
import dev.asynccassandra.api.AsyncSessionBuilder;
import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.embedded.api.EmbeddedCassandraConfig;
import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code async-cassandra.*} property's default is the one the core's or the
 * embedded module's builder applies, and its metadata states the default the code
 * applies: the {@code defaultValue} equals the value of a fresh
 * {@link AsyncCassandraProperties}, and a property without a static default (null in the
 * code) says in its description what applies when it is not set, unless the hand-written
 * metadata gives the default applied elsewhere.
 */
class ConfigurationMetadataDefaultsTests {

	@Test
	void everyPropertyDocumentsTheDefaultTheCodeApplies() throws IOException {
		BeanWrapper defaults = new BeanWrapperImpl(new AsyncCassandraProperties());
		List<Map<String, Object>> properties = properties("META-INF/spring-configuration-metadata.json");
		List<Object> handWritten = properties("META-INF/additional-spring-configuration-metadata.json").stream()
			.map((property) -> property.get("name"))
			.toList();
		List<Map<String, Object>> ours = properties.stream()
			.filter((property) -> property.get("name").toString().startsWith(AsyncCassandraProperties.PREFIX + "."))
			.toList();
		assertThat(ours).hasSizeGreaterThanOrEqualTo(19);
		assertThat(ours).allSatisfy((property) -> {
			String name = property.get("name").toString();
			Object codeDefault = defaults.getPropertyValue(beanPath(name));
			Object documented = property.get("defaultValue");
			if (codeDefault == null) {
				if (documented != null) {
					assertThat(handWritten).as("%s: a default applied outside the properties class", name)
						.contains(name);
				}
				else {
					assertThat(property.get("description")).as("%s: what applies when not set", name)
						.asString()
						.contains("When not set");
				}
			}
			else {
				assertThat(documented).as("%s: documented default", name).isNotNull();
				assertThat(normalize(codeDefault)).as("%s: documented default matches the code", name)
					.isEqualTo(normalize(parse(documented, codeDefault)));
			}
		});
	}

	@Test
	void defaultsEqualTheOnesTheCoreAndTheEmbeddedBuildersApply() throws IOException {
		AsyncCassandraProperties defaults = new AsyncCassandraProperties();
		StreamOptions stream = StreamOptions.defaults();
		assertThat(defaults.getRequest().getMaxQueued()).isEqualTo(AsyncSessionBuilder.DEFAULT_MAX_QUEUED_REQUESTS);
		assertThat(defaults.getStream().getPageSize()).isEqualTo(stream.pageSize());
		assertThat(defaults.getStream().getPrefetchPages()).isEqualTo(stream.prefetchPages());
		assertThat(defaults.getStream().getPageTimeout()).isEqualTo(stream.pageTimeout());
		// The embedded node's defaults are literals here (the module is optional):
		// each must be what the embedded builder applies.
		EmbeddedCassandraConfig node = EmbeddedCassandraConfig.builder().build();
		AsyncCassandraProperties.Embedded embedded = defaults.getEmbedded();
		assertThat(embedded.getNativePort()).isEqualTo(node.nativePort());
		assertThat(embedded.getStoragePort()).isEqualTo(node.storagePort());
		assertThat(embedded.getStartupTimeout()).isEqualTo(node.startupTimeout());
		assertThat(embedded.getShutdownTimeout()).isEqualTo(node.shutdownTimeout());
		assertThat(embedded.getKind().name()).isEqualTo(node.kind().name());
		assertThat(embedded.isCleanStart()).isEqualTo(node.cleanStart());
		assertThat(embedded.getDataDirectory()).as("unset: the builder's folder applies").isNull();
		Object documentedFolder = properties("META-INF/additional-spring-configuration-metadata.json").stream()
			.filter((property) -> property.get("name")
				.equals(AsyncCassandraProperties.PREFIX + ".embedded.data-directory"))
			.findFirst()
			.orElseThrow()
			.get("defaultValue");
		assertThat(Path.of(documentedFolder.toString()).toAbsolutePath()).isEqualTo(node.dataDirectory());
	}

	private static Object parse(Object documented, Object codeDefault) {
		if (codeDefault instanceof Duration) {
			return DurationStyle.detectAndParse(documented.toString());
		}
		return documented;
	}

	private static String normalize(Object value) {
		if (value instanceof Enum<?> constant) {
			// Metadata spells enum values the way users write them: durable, not DURABLE.
			return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
		}
		return Objects.toString(value);
	}

	private static String beanPath(String name) {
		String path = name.substring(AsyncCassandraProperties.PREFIX.length() + 1);
		StringBuilder camel = new StringBuilder();
		boolean upper = false;
		for (char c : path.toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				camel.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return camel.toString();
	}

	private static List<Map<String, Object>> properties(String resource) throws IOException {
		try (InputStream json = new ClassPathResource(resource).getInputStream()) {
			return JsonPath.parse(json).read("$.properties");
		}
	}

}
