package io.sketches.bench.quantiles;

import java.util.function.IntToDoubleFunction;

/**
 * The exact worst rank error of a quantile sketch of n distinct items (each once, in any order),
 * over every item, without asking the sketch n times. Items are named by their position v = 0, ...,
 * n − 1 in sorted order; {@code rank.applyAsDouble(v)} is the sketch's rank of the item at v.
 *
 * <p>The true inclusive rank of the item at v is R(v) = (v + 1)/n. The sketch's rank R̂ is a
 * nondecreasing step function (a sum of retained weights), so where R̂(a) = R̂(b) it is constant on
 * [a, b] and the error R̂(v) − R(v) falls linearly there: its largest |value| on [a, b] is at a or
 * b. Bisecting [a, b] only where R̂(a) ≠ R̂(b) therefore finds the maximum over all n items exactly
 * with O(m log(n/m)) rank queries for a sketch of m retained items (about 10^4 instead of 10^6 for
 * k = 200). {@link #bruteForce} asks every item, to check the bisection on real sketches.
 */
public final class RankErrors {
  private RankErrors() {}

  /**
   * The worst |R̂(v) − R(v)| over the items v of each of {@code buckets} equal ranges of true rank
   * (bucket b holds the positions ⌊b·n/B⌋ .. ⌊(b+1)·n/B⌋ − 1), for a sketch whose inclusive rank of
   * the item at position v is {@code rank.applyAsDouble(v)}.
   */
  public static double[] worstPerBucket(IntToDoubleFunction rank, int n, int buckets) {
    double[] worst = new double[buckets];
    for (int b = 0; b < buckets; b++) {
      int first = (int) ((long) b * n / buckets);
      int last = (int) ((long) (b + 1) * n / buckets) - 1;
      if (last >= first) {
        worst[b] = worst(rank, n, first, rank.applyAsDouble(first), last, rank.applyAsDouble(last));
      }
    }
    return worst;
  }

  /** The worst |R̂(v) − R(v)| over all n items. */
  public static double worst(IntToDoubleFunction rank, int n) {
    return max(worstPerBucket(rank, n, 1));
  }

  /** The worst error over items a..b, given R̂ at both ends. */
  private static double worst(
      IntToDoubleFunction rank, int n, int a, double rankA, int b, double rankB) {
    double worst = Math.max(error(rankA, a, n), error(rankB, b, n));
    if (b - a <= 1 || rankA == rankB) {
      return worst;
    }
    int middle = (a + b) >>> 1;
    double rankMiddle = rank.applyAsDouble(middle);
    return Math.max(
        worst,
        Math.max(
            worst(rank, n, a, rankA, middle, rankMiddle),
            worst(rank, n, middle, rankMiddle, b, rankB)));
  }

  private static double error(double estimated, int item, int n) {
    return Math.abs(estimated - (item + 1.0) / n);
  }

  /** The same maximum, asking the sketch at every item (n rank queries). */
  public static double[] bruteForce(IntToDoubleFunction rank, int n, int buckets) {
    double[] worst = new double[buckets];
    for (int b = 0; b < buckets; b++) {
      int first = (int) ((long) b * n / buckets);
      int last = (int) ((long) (b + 1) * n / buckets) - 1;
      for (int v = first; v <= last; v++) {
        worst[b] = Math.max(worst[b], error(rank.applyAsDouble(v), v, n));
      }
    }
    return worst;
  }

  static double max(double[] values) {
    double max = 0;
    for (double v : values) {
      max = Math.max(max, v);
    }
    return max;
  }
}
