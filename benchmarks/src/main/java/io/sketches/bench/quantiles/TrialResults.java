package io.sketches.bench.quantiles;

import java.util.Arrays;

/**
 * What one sketch gave over the seeded trials of one configuration: each trial's worst rank error
 * over all items, its serialized bytes and stated error, and (when asked) the worst error per rank
 * bucket.
 */
final class TrialResults {
  final double[] worst;
  final double[] stated;
  final double[] bytes;
  final double[][] perBucket;

  TrialResults(int trials, int buckets) {
    worst = new double[trials];
    stated = new double[trials];
    bytes = new double[trials];
    perBucket = new double[buckets == 0 ? 0 : trials][];
  }

  int trials() {
    return worst.length;
  }

  /** The nearest-rank q-quantile of the trials' worst errors (q = 1: the maximum). */
  double worstQuantile(double q) {
    return orderStatistic(worst, nearestRank(q, worst.length));
  }

  /**
   * About a 68% interval for the q-quantile of the worst error: the order statistics at T·q ±
   * √(T·q·(1 − q)) (the number of trials below the true quantile is binomial), nearest rank.
   */
  double[] worstQuantileInterval(double q) {
    int t = worst.length;
    double spread = Math.sqrt(t * q * (1 - q));
    int low = Math.max(1, (int) Math.floor(t * q - spread));
    int high = Math.min(t, (int) Math.ceil(t * q + spread));
    return new double[] {orderStatistic(worst, low), orderStatistic(worst, high)};
  }

  /** Fraction of trials whose worst error is within the stated error. */
  double coverage() {
    int covered = 0;
    for (int t = 0; t < worst.length; t++) {
      covered += worst[t] <= stated[t] ? 1 : 0;
    }
    return (double) covered / worst.length;
  }

  double meanBytes() {
    return Arrays.stream(bytes).average().orElse(Double.NaN);
  }

  double meanStated() {
    return Arrays.stream(stated).average().orElse(Double.NaN);
  }

  /** Mean over trials of bucket b's worst error. */
  double bucketMean(int b) {
    return Arrays.stream(perBucket).mapToDouble(row -> row[b]).average().orElse(Double.NaN);
  }

  /** Nearest-rank q-quantile over trials of bucket b's worst error. */
  double bucketQuantile(int b, double q) {
    double[] column = Arrays.stream(perBucket).mapToDouble(row -> row[b]).toArray();
    return orderStatistic(column, nearestRank(q, column.length));
  }

  /** The nearest rank ⌈q·T⌉ (1-based), at least 1. */
  static int nearestRank(double q, int t) {
    return Math.max(1, (int) Math.ceil(q * t - 1e-9));
  }

  /** The r-th smallest (1-based). */
  static double orderStatistic(double[] values, int r) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[r - 1];
  }
}
