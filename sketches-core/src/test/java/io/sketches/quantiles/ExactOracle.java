package io.sketches.quantiles;

import java.util.Arrays;

/**
 * The exact answers the sketch approximates, from the sorted stream: inclusive rank(v) = #{x ≤ v} /
 * n; quantile(r) = the ⌈r·n⌉-th smallest item (the smallest for r = 0), DataSketches' inclusive
 * definition on a sketch that has not compacted.
 */
final class ExactOracle {
  private final long[] sortedKeys;

  ExactOracle(long[] keys) {
    sortedKeys = keys.clone();
    Arrays.sort(sortedKeys);
  }

  static ExactOracle ofDoubles(double[] values) {
    long[] keys = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      keys[i] = ItemKeys.keyOf(values[i]);
    }
    return new ExactOracle(keys);
  }

  int n() {
    return sortedKeys.length;
  }

  /** #{x ≤ key}. */
  long countAtOrBelow(long key) {
    int low = 0;
    int high = sortedKeys.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (sortedKeys[middle] <= key) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  double rank(long key) {
    return (double) countAtOrBelow(key) / n();
  }

  long quantileKey(double rank) {
    long natural = (long) Math.ceil(rank * n());
    return sortedKeys[(int) Math.max(0, natural - 1)];
  }

  long key(int index) {
    return sortedKeys[index];
  }

  /**
   * The largest |estimated − true| normalized rank over every distinct item of the stream: the
   * error for all ranks at once (between two distinct items both ranks are constant).
   */
  double worstRankError(QuantileSketch sketch, boolean doubles) {
    double worst = 0;
    for (int i = 0; i < sortedKeys.length; i++) {
      if (i + 1 < sortedKeys.length && sortedKeys[i + 1] == sortedKeys[i]) {
        continue;
      }
      double truth = (double) (i + 1) / n();
      double estimate =
          doubles ? sketch.rank(ItemKeys.doubleOf(sortedKeys[i])) : sketch.rank(sortedKeys[i]);
      worst = Math.max(worst, Math.abs(estimate - truth));
    }
    return worst;
  }
}
