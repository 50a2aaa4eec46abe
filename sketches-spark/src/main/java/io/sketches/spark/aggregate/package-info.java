/**
 * The Catalyst aggregates: {@link io.sketches.spark.aggregate.SketchExpression}, the product and
 * equality boilerplate every expression of the module shares; {@link
 * io.sketches.spark.aggregate.SketchAggregate}, the object-buffer aggregate generic over a {@link
 * io.sketches.spark.aggregate.SketchSpec}; {@link io.sketches.spark.aggregate.HllAggregate} and
 * {@link io.sketches.spark.aggregate.HllBuffer}, grouped {@code sk_distinct} in a fixed-width
 * buffer; {@link io.sketches.spark.aggregate.GlobalHllRule}, the optimizer rule that picks between
 * them; and one small spec per sketch kind ({@code HllSpec}, {@code CountMinSpec}, {@code
 * HeavyHittersSpec}, {@code SampleSpec}, {@code QuantilesSpec}, {@code KMeansSpec}, {@code
 * LabeledSpec}, {@code MergeSpec}), with {@link io.sketches.spark.aggregate.TopK}, the top-k answer
 * that {@code sk_heavy_hitters} and {@code sk_top_k} share, and {@link
 * io.sketches.spark.aggregate.QuantileAnswer}, the typed quantiles that {@code sk_percentile} and
 * {@code sk_quantile} share.
 */
package io.sketches.spark.aggregate;
