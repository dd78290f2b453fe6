package dev.asynccassandra.samples.telemetry;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadingTests {

	@Test
	void jsonLineIsOneObjectAndANewline() {
		Reading reading = new Reading("s-1", Instant.parse("2026-01-01T00:00:00.250Z"), -1.5E-3);

		assertThat(reading.toJsonLine())
			.isEqualTo("{\"sensorId\":\"s-1\",\"timestamp\":\"2026-01-01T00:00:00.250Z\",\"value\":-0.0015}\n");
	}

}
