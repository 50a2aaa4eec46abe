/**
 * The SQL catalog of the module: {@link io.sketches.spark.catalog.FunctionTable}, the one table of
 * {@code sk_*} functions (signature, arguments and their literal checks, usage and examples for
 * {@code DESCRIBE FUNCTION EXTENDED}), and {@link io.sketches.spark.catalog.Registration}, which
 * registers it in a session or through the session extension.
 */
package io.sketches.spark.catalog;
