/**
 * Spark SQL integration: every core sketch as an aggregate function for batch and Structured
 * Streaming, registered by {@code SketchFunctions.register(spark)} or the session extension. A
 * failure while a query runs is a {@link io.sketches.spark.SketchesSparkException}, with a
 * condition and a SQLSTATE.
 */
package io.sketches.spark;
