package io.sketches.frequency;

import io.sketches.format.SketchReader;

/**
 * The invariants an honest Count-Min sketch keeps across its counters, checked cell by cell in
 * increasing cell order as a reader meets them, in constant memory: no counter beyond the absolute
 * weight in magnitude and none negative unless turnstile; in each row the magnitudes add up to at
 * most the absolute weight (each update adds at most |count| to one cell of the row); each row of a
 * plain sketch sums exactly to the total weight; each row of a conservative one is positive and at
 * most the total, and all rows together at least the total (each conservative update raises the
 * item's smallest counter by its full count, the others by at most that).
 */
final class CountMinRows {
  private final SketchReader in;
  private final int depth;
  private final int width;
  private final long total;
  private final long absolute;
  private final boolean turnstile;
  private final boolean conservative;

  private int row;
  private long rowSum;
  private long rowMagnitude;

  /** Σ of the row sums seen so far, stopped at the total (conservative only). */
  private long rowSumsUpToTotal;

  CountMinRows(
      SketchReader in,
      int depth,
      int width,
      long total,
      long absolute,
      boolean turnstile,
      boolean conservative) {
    this.in = in;
    this.depth = depth;
    this.width = width;
    this.total = total;
    this.absolute = absolute;
    this.turnstile = turnstile;
    this.conservative = conservative;
  }

  /**
   * The counter of {@code cell}; cells come in increasing order, zero ones may be skipped. Runs
   * once per cell read, so it checks with plain branches: {@link SketchReader#check}'s arguments
   * would be boxed at every call.
   */
  void add(int cell, long counter) {
    while (row < cell / width) {
      closeRow();
    }
    if (!turnstile && counter < 0) {
      throw in.fail("a cash-register sketch has a negative counter %d", counter);
    }
    long magnitude = counter == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(counter);
    if (counter == Long.MIN_VALUE || magnitude > absolute - rowMagnitude) {
      throw in.fail(
          "row %d: counters of magnitude %d and %d pass the absolute weight %d",
          row, rowMagnitude, magnitude, absolute);
    }
    rowMagnitude += magnitude;
    rowSum += counter; // |rowSum| ≤ rowMagnitude ≤ absolute: no overflow
  }

  /** Checks the rows after the last counter. */
  void finish() {
    while (row < depth) {
      closeRow();
    }
    in.check(
        !conservative || rowSumsUpToTotal == total,
        "the rows of a conservative sketch sum to less than its total weight %d",
        total);
  }

  private void closeRow() {
    if (conservative) {
      in.check(
          rowSum > 0 && rowSum <= total,
          "row %d of a conservative sketch sums to %d, not in [1, total weight %d]",
          row,
          rowSum,
          total);
      rowSumsUpToTotal += Math.min(rowSum, total - rowSumsUpToTotal);
    } else {
      in.check(rowSum == total, "row %d sums to %d, not the total weight %d", row, rowSum, total);
    }
    row++;
    rowSum = 0;
    rowMagnitude = 0;
  }
}
