package dev.asynccassandra.samples.telemetry;

import java.time.Instant;

/**
 * One measured value of a sensor.
 *
 * @param sensorId the sensor that measured it
 * @param timestamp when it was measured (millisecond precision is stored)
 * @param value the measured value, always finite
 */
public record Reading(String sensorId, Instant timestamp, double value) {

	/**
	 * This reading as one NDJSON line (a JSON object followed by a newline). Sensor ids
	 * are validated to a safe character set and values are finite, so no escaping is
	 * needed.
	 * @return the JSON line
	 */
	public String toJsonLine() {
		return "{\"sensorId\":\"" + this.sensorId + "\",\"timestamp\":\"" + this.timestamp + "\",\"value\":"
				+ this.value + "}\n";
	}

}
