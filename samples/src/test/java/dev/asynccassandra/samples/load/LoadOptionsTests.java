package dev.asynccassandra.samples.load;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LoadOptionsTests {

	@Test
	void defaultsWithoutArguments() {
		assertThat(LoadOptions.parse()).isEqualTo(LoadOptions.DEFAULTS);
	}

	@Test
	void parsesEqualsAndSpaceSeparatedOptions() {
		LoadOptions options = LoadOptions.parse("--url=http://host:9090/", "--rate", "500", "--duration=2m",
				"--sensors=3", "--read-percent=25");

		assertThat(options)
			.isEqualTo(new LoadOptions(URI.create("http://host:9090"), 500, Duration.ofMinutes(2), 3, 25));
	}

	@Test
	void parsesDurations() {
		assertThat(LoadOptions.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(LoadOptions.parseDuration("20s")).isEqualTo(Duration.ofSeconds(20));
		assertThat(LoadOptions.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
		assertThat(LoadOptions.parseDuration("45")).isEqualTo(Duration.ofSeconds(45));
		assertThat(LoadOptions.parseDuration("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void rejectsInvalidOptions() {
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--rate=0"))
			.withMessageContaining("--rate");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--rate=fast"))
			.withMessageContaining("whole number");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--duration=soon"))
			.withMessageContaining("duration");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--color=red"))
			.withMessageContaining("Unknown option");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--rate"))
			.withMessageContaining("Missing value");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("rate=5"))
			.withMessageContaining("Unexpected argument");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--read-percent=101"));
	}

}
