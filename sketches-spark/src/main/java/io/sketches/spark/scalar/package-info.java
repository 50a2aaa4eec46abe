/**
 * Scalar functions over stored sketch bytes: {@link io.sketches.spark.scalar.SketchScalar}, the one
 * Catalyst expression, and {@link io.sketches.spark.scalar.StoredSketchFunction}, what each
 * function ({@code sk_estimate}, {@code sk_bounds}, {@code sk_frequency}, {@code sk_sample_values},
 * {@code sk_centers}, {@code sk_coefficients}, {@code sk_predict}, {@code sk_cluster_id}) computes
 * from a sketch read by the core registry of type ids ({@link
 * io.sketches.format.Sketches#fromByteArray}); {@link io.sketches.spark.scalar.TypedSampleValues}
 * is {@code sk_sample_values} with the items' SQL type named in the call, {@link
 * io.sketches.spark.scalar.StoredTopK} is {@code sk_top_k}, {@link
 * io.sketches.spark.scalar.StoredQuantile} is {@code sk_quantile} and {@link
 * io.sketches.spark.scalar.StoredRanks} {@code sk_rank} and {@code sk_cdf}, and {@link
 * io.sketches.spark.scalar.StoredItems} checks typed reads against how the bytes store items.
 */
package io.sketches.spark.scalar;
