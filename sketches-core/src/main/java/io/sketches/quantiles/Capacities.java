package io.sketches.quantiles;

/**
 * The level capacities of a KLL sketch with lazy compaction (Karnin, Lang and Liberty 2016, §3:
 * capacities shrink geometrically by c = 2/3 below the top level; DataSketches' schedule): level h
 * of a sketch with H + 1 levels holds max(8, ⌈k·(2/3)^(H−h)⌉) items, and the sketch compacts only
 * when all levels together hold their total.
 */
final class Capacities {
  /** The smallest capacity of a level (DataSketches' MIN_WIDTH, KLL's m). */
  static final int MIN_WIDTH = 8;

  /** Beyond this depth k·(2/3)^depth < 1 for every k ≤ 65535, so the level has MIN_WIDTH. */
  private static final int MAX_EXACT_DEPTH = 30;

  private static final long[] POWERS_OF_THREE = new long[MAX_EXACT_DEPTH + 1];

  static {
    POWERS_OF_THREE[0] = 1;
    for (int i = 1; i <= MAX_EXACT_DEPTH; i++) {
      POWERS_OF_THREE[i] = 3 * POWERS_OF_THREE[i - 1];
    }
  }

  private Capacities() {}

  /** The capacity of level {@code level} of {@code numLevels}, computed exactly in integers. */
  static int level(int k, int numLevels, int level) {
    int depth = numLevels - 1 - level;
    if (depth > MAX_EXACT_DEPTH) {
      return MIN_WIDTH;
    }
    long power = POWERS_OF_THREE[depth];
    long capacity = ((long) k << depth) / power + (((long) k << depth) % power == 0 ? 0 : 1);
    return (int) Math.max(MIN_WIDTH, capacity);
  }

  /** The sum of the level capacities: the items the sketch holds before it compacts. */
  static int total(int k, int numLevels) {
    int total = 0;
    for (int h = 0; h < numLevels; h++) {
      total += level(k, numLevels, h);
    }
    return total;
  }
}
