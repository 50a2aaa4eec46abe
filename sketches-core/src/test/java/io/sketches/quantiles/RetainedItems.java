package io.sketches.quantiles;

import java.util.Arrays;

/** The retained keys of a sketch, read through its bytes (the tests' view of the levels). */
final class RetainedItems {
  private RetainedItems() {}

  /** Every retained key, each level sorted, level 0 first. */
  static long[] of(QuantileSketch sketch) {
    QuantilesFormat.State state =
        QuantilesFormat.read(sketch.toByteArray(), QuantileSketch.DEFAULT_SEED);
    Levels levels = state.levels();
    return Arrays.copyOfRange(levels.items, levels.offsets[0], levels.offsets[levels.numLevels]);
  }
}
