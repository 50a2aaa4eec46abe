package io.sketches.quantiles;

/**
 * What a {@link QuantileSketch} holds: nothing yet, longs, or doubles. The first update fixes it; a
 * sketch of one kind refuses items and merges of the other.
 */
public enum ItemKind {
  /** An empty sketch: it accepts either kind, and merges with a sketch of either kind. */
  NONE,
  /** Longs, kept exactly (also above 2^53). */
  LONGS,
  /** Doubles (finite or infinite, never NaN); −0.0 is kept as 0.0. */
  DOUBLES
}
