package io.sketches.frequency;

import java.util.Arrays;

/**
 * The non-zero counters of a Count-Min sketch read from its sparse form, kept as read (strictly
 * increasing cell positions and their non-zero values) until an update or a merge into the sketch
 * needs the dense table. So reading a sparse sketch allocates in proportion to its bytes, not to
 * its shape (a 60-byte sketch may announce 2^24 cells), and a point query binary-searches it.
 * Immutable: copies of a sketch share it.
 */
final class SparseCells {
  private final int[] positions;
  private final long[] values;

  /** Takes the arrays as they are: positions strictly increasing, values non-zero. */
  SparseCells(int[] positions, long[] values) {
    this.positions = positions;
    this.values = values;
  }

  int size() {
    return positions.length;
  }

  int position(int index) {
    return positions[index];
  }

  long value(int index) {
    return values[index];
  }

  /** The counter of {@code cell}, 0 if it is not among the non-zero ones. */
  long valueAt(int cell) {
    int index = Arrays.binarySearch(positions, cell);
    return index >= 0 ? values[index] : 0;
  }

  /** Adds every non-zero counter into the dense table {@code cells}. */
  void addTo(long[] cells) {
    for (int i = 0; i < positions.length; i++) {
      cells[positions[i]] += values[i];
    }
  }
}
