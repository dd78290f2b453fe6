/**
 * A load command that drives a running sample at a fixed rate and prints throughput and
 * latency percentiles.
 */
@NullMarked
package dev.asynccassandra.samples.load;

import org.jspecify.annotations.NullMarked;
