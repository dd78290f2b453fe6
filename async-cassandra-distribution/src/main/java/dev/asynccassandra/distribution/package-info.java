/**
 * Checks the Maven Central bundle of the published modules before it is uploaded. Not
 * published itself.
 */
@NullMarked
package dev.asynccassandra.distribution;

import org.jspecify.annotations.NullMarked;
