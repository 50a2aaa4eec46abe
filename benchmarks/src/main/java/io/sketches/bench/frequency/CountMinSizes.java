package io.sketches.bench.frequency;

import io.sketches.frequency.CountMinSketch;

/**
 * The sketches the frequency benchmarks compare, all from the same advertised guarantee (ε = 0.001,
 * δ = 0.01). Ours is {@code withError}'s shape: 3 × ⌈δ^(-1/3)/ε⌉ = 3 × 4642 (Markov ratio δ^(-1/3)
 * ≈ 4.64 per row, failure (εw)^-3 ≤ δ), 13,926 counters. Spark and stream-lib size by width ⌈2/ε⌉ =
 * 2000 and depth ⌈log₂(1/δ)⌉ = 7 (a Markov bound of 1/2 per row), 14,000 counters. {@link
 * #oursCormodeMuthukrishnan()} is a third shape for the same guarantee, Cormode and
 * Muthukrishnan's: width ⌈e/ε⌉ = 2719, depth ⌈ln(1/δ)⌉ = 5, 13,595 counters (2.4 % fewer than ours,
 * 5 rows).
 */
final class CountMinSizes {
  static final double EPSILON = 0.001;
  static final double DELTA = 0.01;

  private CountMinSizes() {}

  static CountMinSketch ours() {
    return CountMinSketch.withError(EPSILON, DELTA, 42);
  }

  /** Same (ε, δ) in Cormode and Muthukrishnan's shape: ⌈ln(1/δ)⌉ rows of ⌈e/ε⌉. */
  static CountMinSketch oursCormodeMuthukrishnan() {
    int depth = (int) Math.ceil(Math.log(1 / DELTA));
    int width = (int) Math.ceil(Math.E / EPSILON);
    return CountMinSketch.create(depth, width, 42);
  }

  static org.apache.spark.util.sketch.CountMinSketch spark() {
    return org.apache.spark.util.sketch.CountMinSketch.create(EPSILON, 1 - DELTA, 42);
  }

  static com.clearspring.analytics.stream.frequency.CountMinSketch streamlib() {
    return new com.clearspring.analytics.stream.frequency.CountMinSketch(EPSILON, 1 - DELTA, 42);
  }
}
