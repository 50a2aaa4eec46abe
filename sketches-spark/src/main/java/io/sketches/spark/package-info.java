/**
 * Spark SQL integration: every core sketch as an aggregate function for batch and Structured
 * Streaming, registered by {@code SketchFunctions.register(spark)} or the session extension.
 */
package io.sketches.spark;
