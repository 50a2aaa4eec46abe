package io.sketches.quantiles;

import java.util.Arrays;

/**
 * All retained keys in order with their cumulative weights, built once from the levels and kept
 * until the next update or merge; every query is a binary search in it. The weight of an item of
 * level h is 2^h, so the last cumulative weight is the count.
 */
final class SortedView {
  private final long[] keys;
  private final long[] cumulativeWeights;

  private SortedView(long[] keys, long[] cumulativeWeights) {
    this.keys = keys;
    this.cumulativeWeights = cumulativeWeights;
  }

  /** Merges the sorted levels (level 0 sorted first) from the top down. */
  static SortedView of(Levels levels) {
    int retained = levels.retained();
    long[] keys = new long[retained];
    long[] weights = new long[retained];
    long[] scratchKeys = new long[retained];
    long[] scratchWeights = new long[retained];
    int length = 0;
    for (int h = levels.numLevels - 1; h >= 0; h--) {
      int begin = levels.offsets[h];
      int size = levels.size(h);
      if (size == 0) {
        continue;
      }
      long[] run = levels.items;
      if (h == 0) {
        run = Arrays.copyOfRange(levels.items, begin, begin + size);
        Arrays.sort(run);
        begin = 0;
      }
      long weight = 1L << h;
      int i = 0;
      int j = begin;
      int end = begin + size;
      int out = 0;
      while (i < length || j < end) {
        if (j >= end || (i < length && keys[i] <= run[j])) {
          scratchKeys[out] = keys[i];
          scratchWeights[out++] = weights[i++];
        } else {
          scratchKeys[out] = run[j++];
          scratchWeights[out++] = weight;
        }
      }
      long[] swap = keys;
      keys = scratchKeys;
      scratchKeys = swap;
      swap = weights;
      weights = scratchWeights;
      scratchWeights = swap;
      length = out;
    }
    long total = 0;
    for (int i = 0; i < length; i++) {
      total += weights[i];
      weights[i] = total;
    }
    return new SortedView(keys, weights);
  }

  long count() {
    return cumulativeWeights.length == 0 ? 0 : cumulativeWeights[cumulativeWeights.length - 1];
  }

  /** The total weight of the keys ≤ {@code key}. */
  long weightAtOrBelow(long key) {
    int low = 0;
    int high = keys.length; // first index with keys[index] > key, by bisection
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (keys[middle] <= key) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low == 0 ? 0 : cumulativeWeights[low - 1];
  }

  /**
   * The smallest key whose cumulative weight is ≥ {@code naturalRank}; the largest key if none
   * (DataSketches' inclusive search).
   */
  long keyAtNaturalRank(long naturalRank) {
    int low = 0;
    int high = keys.length - 1;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (cumulativeWeights[middle] >= naturalRank) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return keys[low];
  }
}
