/**
 * A runnable async-cassandra sample application.
 */
package dev.asynccassandra.samples;
