package dev.asynccassandra.samples.telemetry;

/**
 * A registered sensor.
 *
 * @param sensorId the sensor's identifier
 * @param name a human-readable name
 * @param unit the unit of its readings, may be empty
 */
public record Sensor(String sensorId, String name, String unit) {

}
