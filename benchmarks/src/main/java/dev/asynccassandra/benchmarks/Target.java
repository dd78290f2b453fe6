package dev.asynccassandra.benchmarks;

/**
 * Where the queries go.
 */
public enum Target {

	/** Simulacron in-process: isolates the client's overhead. */
	SIMULACRON,

	/** The embedded, real Cassandra node: end to end. */
	EMBEDDED

}
