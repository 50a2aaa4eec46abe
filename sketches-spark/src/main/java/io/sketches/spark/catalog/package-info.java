/**
 * The SQL catalog of the module: {@link io.sketches.spark.catalog.FunctionTable}, the one table of
 * {@code sk_*} functions (signature, arguments and their literal checks, usage and examples for
 * {@code DESCRIBE FUNCTION EXTENDED}), {@link io.sketches.spark.catalog.Registration}, which
 * registers it in a session or through the session extension, and {@link
 * io.sketches.spark.catalog.Arguments}, whose refusals are Spark's own error conditions ({@code
 * WRONG_NUM_ARGS}, {@code DATATYPE_MISMATCH.*}).
 */
package io.sketches.spark.catalog;
