package io.sketches.quantiles;

import io.sketches.Sketch;

/**
 * Quantiles and ranks of a stream of longs or doubles: a KLL sketch (Z. Karnin, K. Lang, E.
 * Liberty, "Optimal Quantile Approximation in Streams", FOCS 2016) with the lazy compaction of
 * Apache DataSketches and the reduced randomness of N. Ivkin, E. Liberty, K. Lang, Z. Karnin, V.
 * Braverman, "Streaming Quantiles Algorithms with Small Space and Update Time" (2019).
 *
 * <p><b>Ranks.</b> Inclusive, as DataSketches' default: {@code rank(v)} is the fraction of the
 * stream's items that are ≤ v; {@code quantile(r)} is the smallest retained item q whose inclusive
 * rank is ≥ r ({@code quantile(0)} is the minimum, {@code quantile(1)} the maximum).
 *
 * <p><b>Guarantee.</b> With probability at least {@link #RANK_ERROR_CONFIDENCE}, the rank of every
 * item answered, and the rank of every value asked, is within {@link #normalizedRankError()} of the
 * true normalized rank, for all ranks at once. Exact until the first compaction (at least the first
 * k items).
 *
 * <p>SKELETON: the bodies are not written yet.
 */
public final class QuantileSketch implements Sketch<QuantileSketch> {
  /** The default k, as DataSketches' KLL and Spark's {@code kll_sketch_agg}. */
  public static final int DEFAULT_K = 200;

  /** The smallest k. */
  public static final int MIN_K = 8;

  /** The largest k. */
  public static final int MAX_K = 65535;

  /** The probability with which {@link #normalizedRankError()} bounds every rank at once. */
  public static final double RANK_ERROR_CONFIDENCE = 0.99;

  private QuantileSketch() {}

  private static UnsupportedOperationException notYet() {
    return new UnsupportedOperationException("QuantileSketch skeleton: not implemented yet");
  }

  /** A sketch with k = {@value #DEFAULT_K} and the default seed. */
  public static QuantileSketch create() {
    throw notYet();
  }

  /**
   * A sketch with the given k and the default seed.
   *
   * @throws IllegalArgumentException if k is not in [{@value #MIN_K}, {@value #MAX_K}]
   */
  public static QuantileSketch create(int k) {
    throw notYet();
  }

  /**
   * A sketch with the given k whose coins come from {@code seed}: the same seed and the same items
   * in the same order give the same bytes.
   *
   * @throws IllegalArgumentException if k is not in [{@value #MIN_K}, {@value #MAX_K}]
   */
  public static QuantileSketch create(int k, long seed) {
    throw notYet();
  }

  /**
   * Adds one double. The first update of an empty sketch makes it a sketch of doubles.
   *
   * @throws IllegalArgumentException if the value is NaN or this is a sketch of longs; the sketch
   *     is then unchanged
   */
  public QuantileSketch update(double value) {
    throw notYet();
  }

  /**
   * Adds one long. The first update of an empty sketch makes it a sketch of longs.
   *
   * @throws IllegalArgumentException if this is a sketch of doubles; the sketch is then unchanged
   */
  public QuantileSketch update(long value) {
    throw notYet();
  }

  /** What this sketch holds: {@link ItemKind#NONE} while empty. */
  public ItemKind itemKind() {
    throw notYet();
  }

  /** The accuracy parameter. */
  public int k() {
    throw notYet();
  }

  /** The number of items seen (merged sketches included). */
  public long count() {
    throw notYet();
  }

  /** Whether no item has been seen. */
  public boolean isEmpty() {
    throw notYet();
  }

  /** The number of items kept. */
  public int retainedItems() {
    throw notYet();
  }

  /** The smallest item seen (exact), as a double; NaN when empty. */
  public double min() {
    throw notYet();
  }

  /** The largest item seen (exact), as a double; NaN when empty. */
  public double max() {
    throw notYet();
  }

  /**
   * The smallest long seen.
   *
   * @throws IllegalStateException if the sketch is empty or of doubles
   */
  public long minLong() {
    throw notYet();
  }

  /**
   * The largest long seen.
   *
   * @throws IllegalStateException if the sketch is empty or of doubles
   */
  public long maxLong() {
    throw notYet();
  }

  /**
   * The smallest retained item whose inclusive rank is ≥ {@code rank}, as a double; NaN when empty.
   *
   * @throws IllegalArgumentException if rank is not in [0, 1]
   */
  public double quantile(double rank) {
    throw notYet();
  }

  /** {@link #quantile(double)} of each rank. */
  public double[] quantiles(double... ranks) {
    throw notYet();
  }

  /**
   * As {@link #quantile(double)}, the exact long item.
   *
   * @throws IllegalStateException if the sketch is empty or of doubles
   * @throws IllegalArgumentException if rank is not in [0, 1]
   */
  public long quantileLong(double rank) {
    throw notYet();
  }

  /** {@link #quantileLong(double)} of each rank. */
  public long[] quantilesLong(double... ranks) {
    throw notYet();
  }

  /**
   * The estimated fraction of items ≤ value; NaN when empty.
   *
   * @throws IllegalArgumentException if value is NaN
   */
  public double rank(double value) {
    throw notYet();
  }

  /** The estimated fraction of items ≤ value; NaN when empty. */
  public double rank(long value) {
    throw notYet();
  }

  /**
   * The estimated fraction of items ≤ each split point, then 1.0: {@code splitPoints.length + 1}
   * entries; all NaN when empty.
   *
   * @throws IllegalArgumentException if the split points are not strictly increasing or hold NaN
   */
  public double[] cdf(double... splitPoints) {
    throw notYet();
  }

  /**
   * The estimated fraction of items in each interval (−∞, s₀], (s₀, s₁], ..., (sₘ₋₁, +∞): {@code
   * splitPoints.length + 1} entries summing to 1; all NaN when empty.
   *
   * @throws IllegalArgumentException if the split points are not strictly increasing or hold NaN
   */
  public double[] pmf(double... splitPoints) {
    throw notYet();
  }

  /** As {@link #cdf(double...)} with long split points (exact comparison with long items). */
  public double[] cdf(long... splitPoints) {
    throw notYet();
  }

  /** As {@link #pmf(double...)} with long split points (exact comparison with long items). */
  public double[] pmf(long... splitPoints) {
    throw notYet();
  }

  /**
   * ε such that, with probability at least {@link #RANK_ERROR_CONFIDENCE}, every rank this sketch
   * answers is within ε of the true one, for all ranks at once; 0 while the sketch is exact.
   */
  public double normalizedRankError() {
    throw notYet();
  }

  /** {@link #normalizedRankError()} of a sketch of this k that has compacted, known a priori. */
  public static double normalizedRankError(int k) {
    throw notYet();
  }

  /**
   * Folds {@code other} into this sketch. Sketches of different k merge to the smaller k.
   *
   * @throws io.sketches.IncompatibleSketchException if one holds longs and the other doubles (an
   *     empty sketch merges with either); this sketch is then unchanged
   */
  @Override
  public QuantileSketch merge(QuantileSketch other) {
    throw notYet();
  }

  @Override
  public QuantileSketch copy() {
    throw notYet();
  }

  @Override
  public byte[] toByteArray() {
    throw notYet();
  }

  /**
   * The sketch stored in {@code bytes} by {@link #toByteArray()}.
   *
   * @throws io.sketches.SketchFormatException for anything that is not a valid quantile sketch
   */
  public static QuantileSketch fromByteArray(byte[] bytes) {
    throw notYet();
  }
}
