/**
 * The one place where failures are mapped to what callers see. May change without notice.
 */
@NullMarked
package dev.asynccassandra.internal.error;

import org.jspecify.annotations.NullMarked;
