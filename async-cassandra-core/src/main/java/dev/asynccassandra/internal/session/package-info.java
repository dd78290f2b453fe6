/**
 * The session: argument checks, the session's threads, row-stream admission and close.
 * Requests go to {@code internal.request}, which never refers back to this package. May
 * change without notice.
 */
@NullMarked
package dev.asynccassandra.internal.session;

import org.jspecify.annotations.NullMarked;
