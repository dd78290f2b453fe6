/**
 * The request path: planning a call into a statement and what the request carries,
 * admission, the timeout backstop, completion on the captured executor and the query
 * event. Nothing here depends on the session package; the session drives this package
 * through {@link dev.asynccassandra.internal.request.RequestLauncher}. May change without
 * notice.
 */
@NullMarked
package dev.asynccassandra.internal.request;

import org.jspecify.annotations.NullMarked;
