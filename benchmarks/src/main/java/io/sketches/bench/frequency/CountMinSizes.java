package io.sketches.bench.frequency;

import io.sketches.frequency.CountMinSketch;

/**
 * The sketches the frequency benchmarks compare, all from the same advertised guarantee (ε =
 * 0.001, δ = 0.01). Ours sizes as Cormode–Muthukrishnan: width ⌈e/ε⌉ = 2719, depth ⌈ln(1/δ)⌉ =
 * 5, 13,595 counters. Spark and stream-lib size by width ⌈2/ε⌉ = 2000 and depth ⌈log₂(1/δ)⌉ = 7
 * (a Markov bound of 1/2 per row), 14,000 counters: the same guarantee costs them 3% more memory
 * and 40% more rows touched per update. {@link #oursThreeRows()} is a third shape for the same
 * guarantee: 3 × 7389 (Markov ratio e² per row, failure e^-6 ≤ δ), 60% more memory and 3 rows.
 */
final class CountMinSizes {
  static final double EPSILON = 0.001;
  static final double DELTA = 0.01;

  private CountMinSizes() {}

  static CountMinSketch ours() {
    return CountMinSketch.withError(EPSILON, DELTA, 42);
  }

  /** Same (ε, δ) with fewer rows: width ⌈e²/ε⌉, depth ⌈ln(1/δ)/2⌉. */
  static CountMinSketch oursThreeRows() {
    int width = (int) Math.ceil(Math.exp(2) / EPSILON);
    int depth = (int) Math.ceil(Math.log(1 / DELTA) / 2);
    return CountMinSketch.create(depth, width, 42);
  }

  static org.apache.spark.util.sketch.CountMinSketch spark() {
    return org.apache.spark.util.sketch.CountMinSketch.create(EPSILON, 1 - DELTA, 42);
  }

  static com.clearspring.analytics.stream.frequency.CountMinSketch streamlib() {
    return new com.clearspring.analytics.stream.frequency.CountMinSketch(EPSILON, 1 - DELTA, 42);
  }
}
