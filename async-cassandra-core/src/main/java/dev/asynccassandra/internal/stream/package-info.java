/**
 * The paging engine behind row streams: a backpressured publisher over pages fetched one
 * at a time through a {@link dev.asynccassandra.internal.stream.PageFetcher}. Internal:
 * may change without notice.
 */
@NullMarked
package dev.asynccassandra.internal.stream;

import org.jspecify.annotations.NullMarked;
