/**
 * Resources shared by the JUnit 5 extension; may change without notice.
 */
@NullMarked
package dev.asynccassandra.embedded.internal.junit;

import org.jspecify.annotations.NullMarked;
