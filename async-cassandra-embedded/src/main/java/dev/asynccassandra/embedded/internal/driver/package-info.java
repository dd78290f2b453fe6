/**
 * Driver sessions used to probe and watch embedded nodes; may change without notice.
 */
@NullMarked
package dev.asynccassandra.embedded.internal.driver;

import org.jspecify.annotations.NullMarked;
