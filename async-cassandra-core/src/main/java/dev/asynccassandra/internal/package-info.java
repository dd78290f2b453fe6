/**
 * Implementation of async-cassandra, in packages that name its parts: {@code session}
 * (the session and its close), {@code request} (the request path), {@code stream} (the
 * paging engine of row streams), {@code error} (mapping failures) and {@code event}
 * (query events off the query path). Everything under {@code internal} may change without
 * notice; use the {@code api} packages.
 */
@NullMarked
package dev.asynccassandra.internal;

import org.jspecify.annotations.NullMarked;
