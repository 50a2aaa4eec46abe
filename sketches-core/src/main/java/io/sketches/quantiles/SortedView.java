package io.sketches.quantiles;

import java.util.Arrays;

/**
 * All retained keys in order with their cumulative weights, built once from the levels and kept
 * until the next update or merge; every query is a binary search in it. The weight of an item of
 * level h is 2^h, so the last cumulative weight is the count.
 *
 * <p>Built in two steps: the levels above 0 merged into one view, which {@link Levels} keeps until
 * its next compaction (updates between queries only add to level 0), then level 0 sorted and merged
 * into it in one pass. So the first query after an update costs a sort of level 0 and one pass over
 * the retained items.
 */
final class SortedView {
  private static final SortedView EMPTY = new SortedView(new long[0], new long[0]);

  private final long[] keys;
  private final long[] cumulativeWeights;

  private SortedView(long[] keys, long[] cumulativeWeights) {
    this.keys = keys;
    this.cumulativeWeights = cumulativeWeights;
  }

  /** The view of all levels: the levels above 0 (kept by {@code levels}) with level 0 merged in. */
  static SortedView of(Levels levels) {
    SortedView upper = levels.upperView();
    if (upper == null) {
      upper = ofUpperLevels(levels);
      levels.keepUpperView(upper);
    }
    int begin = levels.offsets[0];
    int size = levels.size(0);
    if (size == 0) {
      return upper;
    }
    long[] run = Arrays.copyOfRange(levels.items, begin, begin + size);
    Arrays.sort(run);
    int length = upper.keys.length + size;
    long[] keys = new long[length];
    long[] weights = new long[length];
    int i = 0; // next of upper
    int j = 0; // next of level 0
    long below = 0; // the cumulative weight of upper's items taken
    for (int out = 0; out < length; out++) {
      if (j >= size || (i < upper.keys.length && upper.keys[i] <= run[j])) {
        keys[out] = upper.keys[i];
        below = upper.cumulativeWeights[i++];
      } else {
        keys[out] = run[j++];
      }
      weights[out] = below + j;
    }
    return new SortedView(keys, weights);
  }

  /** Merges the sorted levels above 0 from the top down. */
  private static SortedView ofUpperLevels(Levels levels) {
    int retained = levels.retained() - levels.size(0);
    if (retained == 0) {
      return EMPTY;
    }
    long[] keys = new long[retained];
    long[] weights = new long[retained];
    long[] scratchKeys = new long[retained];
    long[] scratchWeights = new long[retained];
    int length = 0;
    for (int h = levels.numLevels - 1; h >= 1; h--) {
      int begin = levels.offsets[h];
      int size = levels.size(h);
      if (size == 0) {
        continue;
      }
      long[] run = levels.items;
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
