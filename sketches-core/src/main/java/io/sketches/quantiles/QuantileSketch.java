package io.sketches.quantiles;

import static com.google.common.base.Preconditions.checkArgument;

import io.sketches.IncompatibleSketchException;
import io.sketches.Sketch;

/**
 * Quantiles and ranks of a stream of longs or doubles: a KLL sketch (Z. Karnin, K. Lang and E.
 * Liberty, "Optimal Quantile Approximation in Streams", FOCS 2016) with the lazy compaction of
 * Apache DataSketches' KLL and the reduced randomness of N. Ivkin, E. Liberty, K. Lang, Z. Karnin
 * and V. Braverman, "Streaming Quantiles Algorithms with Small Space and Update Time" (Sensors
 * 22(24), 2022; arXiv 1907.00236, 2019), §3.
 *
 * <h2>Ranks</h2>
 *
 * Inclusive, DataSketches' default: for a stream of n items, {@code rank(v)} is the fraction of
 * items ≤ v, and {@code quantile(r)} is the smallest retained item q whose inclusive rank is ≥ r
 * (of the weighted retained items: the first whose cumulative weight is ≥ ⌈r·n⌉), with {@code
 * quantile(0)} the minimum and {@code quantile(1)} the maximum of the stream. A sketch of longs
 * answers the double methods ({@code min()}, {@code quantile}) with the nearest double, inexact
 * beyond 2^53; its long methods ({@code minLong()}, {@code quantileLong}, {@code rank(long)}) are
 * exact. While the sketch has not compacted (at least its first k items) every answer is exact:
 * {@code quantile(r)} is the ⌈r·n⌉-th smallest item of the stream.
 *
 * <h2>Guarantee</h2>
 *
 * With probability at least {@value #RANK_ERROR_CONFIDENCE}, for all values v at once, the
 * estimated rank of v is within ε = {@link #normalizedRankError()} of its true rank; so {@code
 * quantile(r)} has a true rank within ε of r, for all r at once. ε is {@link
 * #normalizedRankError(int) a/k^b} with a and b fitted to a simulation (see there); KLL proves ε =
 * O(1/k) for a fixed failure probability (Karnin et al. 2016, Theorem 4). Merges keep the bound of
 * the smaller k. The coins are pseudo-random functions of the seed and the data: the bound holds
 * for data chosen without knowledge of the seed.
 *
 * <h2>Algorithm</h2>
 *
 * A stack of compactors (see {@code Levels}): level h holds items of weight 2^h, sorted above level
 * 0, with capacities max(8, ⌈k·(2/3)^(H−h)⌉) below the top level H; when the levels together are
 * full, the lowest level at capacity is compacted (sorted, and every other item, the even or the
 * odd ones by one coin, promoted with double weight). A level's compactions are paired, the second
 * using the opposite coin of the first (Ivkin et al. §3), which cancels their errors for every
 * value both touch. Merge concatenates the levels (merging sorted runs) and compacts until they
 * fit. Items are kept as order-preserving {@code long} keys ({@code ItemKeys}): a sketch of longs
 * keeps them exactly, also above 2^53.
 *
 * <h2>Cost</h2>
 *
 * Update: an array store, plus amortized O(log k) for the compactions (a sort of level 0, merges of
 * sorted runs), no allocation once the sketch is full. About 3k items retained when compacted (at
 * most Σ max(8, ⌈k·(2/3)^d⌉) over the levels). Queries build a sorted view of the retained items
 * once (until the next update or merge) and binary-search it; after updates that did not compact,
 * only level 0 is sorted and merged into the kept view of the levels above it. The bytes hold the
 * retained items only, each level sorted and coded by its gaps (see {@code docs/format.md}): about
 * log2(range / items) + 2 bits an item. Measured at k = 200 over 10^6 items: 3,900 bytes for
 * uniform doubles in [0, 1), 4,000 for Gaussian doubles, 1,350 for the integers 0..10^6 − 1 as
 * doubles; DataSketches' KLL writes 5,000 for each (8 bytes an item).
 *
 * <p>Deterministic: the same items in the same order (and the same parts merged in the same order)
 * give the same bytes, and a deserialized sketch continues exactly as the original. Merge is
 * commutative and associative in its guarantee (every order keeps the bound), not bit for bit:
 * compactions happen at different points. Not thread-safe.
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

  /** The seed of {@link #create()} and {@link #create(int)}. */
  static final long DEFAULT_SEED = 0x51_7A_11_7E_5EEDL;

  /**
   * ε(k) = {@value #ERROR_SCALE} / k^{@value #ERROR_EXPONENT}: see {@link
   * #normalizedRankError(int)}.
   */
  static final double ERROR_SCALE = 1.45;

  static final double ERROR_EXPONENT = 0.935;

  private final long seed;
  private ItemKind kind;
  private long count;
  private long minKey;
  private long maxKey;
  private Levels levels;
  private SortedView view;

  private QuantileSketch(
      ItemKind kind, long seed, long count, long minKey, long maxKey, Levels levels) {
    this.kind = kind;
    this.seed = seed;
    this.count = count;
    this.minKey = minKey;
    this.maxKey = maxKey;
    this.levels = levels;
  }

  /** A sketch with k = {@value #DEFAULT_K} and the default seed. */
  public static QuantileSketch create() {
    return create(DEFAULT_K);
  }

  /**
   * A sketch with the given k and the default seed.
   *
   * @throws IllegalArgumentException if k is not in [{@value #MIN_K}, {@value #MAX_K}]
   */
  public static QuantileSketch create(int k) {
    return create(k, DEFAULT_SEED);
  }

  /**
   * A sketch with the given k whose coins come from {@code seed}: the same seed and the same items
   * in the same order give the same bytes.
   *
   * @throws IllegalArgumentException if k is not in [{@value #MIN_K}, {@value #MAX_K}]
   */
  public static QuantileSketch create(int k, long seed) {
    checkArgument(k >= MIN_K && k <= MAX_K, "k must be in [%s, %s]: %s", MIN_K, MAX_K, k);
    return new QuantileSketch(ItemKind.NONE, seed, 0, 0, 0, new Levels(k, seed));
  }

  /**
   * Adds one double. The first update of an empty sketch makes it a sketch of doubles; −0.0 is kept
   * as 0.0.
   *
   * @throws IllegalArgumentException if the value is NaN or this is a sketch of longs; the sketch
   *     is then unchanged
   * @throws ArithmeticException if the count would pass 2^63 − 1; the sketch is then unchanged
   */
  public QuantileSketch update(double value) {
    if (kind != ItemKind.DOUBLES || Double.isNaN(value) || count == Long.MAX_VALUE) {
      checkArgument(!Double.isNaN(value), "a quantile sketch cannot hold NaN");
      checkKind(ItemKind.DOUBLES, "a double " + value);
    }
    add(ItemKeys.keyOf(value));
    return this;
  }

  /**
   * Adds one long. The first update of an empty sketch makes it a sketch of longs.
   *
   * @throws IllegalArgumentException if this is a sketch of doubles; the sketch is then unchanged
   * @throws ArithmeticException if the count would pass 2^63 − 1; the sketch is then unchanged
   */
  public QuantileSketch update(long value) {
    if (kind != ItemKind.LONGS || count == Long.MAX_VALUE) {
      checkKind(ItemKind.LONGS, "a long " + value);
    }
    add(value);
    return this;
  }

  /** The slow path of an update: a first item, another kind, or a full count. */
  private void checkKind(ItemKind wanted, String item) {
    if (kind != wanted && kind != ItemKind.NONE) {
      throw new IllegalArgumentException("a quantile sketch of " + kind + " cannot take " + item);
    }
    if (count == Long.MAX_VALUE) {
      throw new ArithmeticException("the count of a quantile sketch would pass 2^63 - 1");
    }
    kind = wanted;
  }

  private void add(long key) {
    if (count == 0) {
      minKey = key;
      maxKey = key;
    } else if (key < minKey) {
      minKey = key;
    } else if (key > maxKey) {
      maxKey = key;
    }
    levels.append(key, count);
    count++;
    view = null;
  }

  /** What this sketch holds: {@link ItemKind#NONE} while empty. */
  public ItemKind itemKind() {
    return kind;
  }

  /** The accuracy parameter: about 3k items are retained, see {@link #normalizedRankError(int)}. */
  public int k() {
    return levels.k;
  }

  /** The seed of the coins. */
  public long seed() {
    return seed;
  }

  /** The number of items seen (merged sketches included). */
  public long count() {
    return count;
  }

  /** Whether no item has been seen. */
  public boolean isEmpty() {
    return count == 0;
  }

  /** The number of items kept: all of them until the first compaction, then about 3k. */
  public int retainedItems() {
    return count == 0 ? 0 : levels.retained();
  }

  /** Whether every answer is exact: nothing has been compacted. */
  public boolean isExact() {
    return count == retainedItems();
  }

  /** The smallest item seen (exact), as a double; NaN when empty. */
  public double min() {
    return count == 0 ? Double.NaN : toDouble(minKey);
  }

  /** The largest item seen (exact), as a double; NaN when empty. */
  public double max() {
    return count == 0 ? Double.NaN : toDouble(maxKey);
  }

  /**
   * The smallest long seen.
   *
   * @throws IllegalStateException if the sketch is empty or of doubles
   */
  public long minLong() {
    requireLongs("minLong()");
    return minKey;
  }

  /**
   * The largest long seen.
   *
   * @throws IllegalStateException if the sketch is empty or of doubles
   */
  public long maxLong() {
    requireLongs("maxLong()");
    return maxKey;
  }

  private void requireLongs(String query) {
    if (kind != ItemKind.LONGS) {
      throw new IllegalStateException(
          query + " needs a non-empty sketch of longs; this one holds " + kind);
    }
  }

  private double toDouble(long key) {
    return kind == ItemKind.LONGS ? (double) key : ItemKeys.doubleOf(key);
  }

  /**
   * The smallest retained item whose inclusive rank is ≥ {@code rank}, as a double ({@link #min()}
   * for 0, {@link #max()} for 1); NaN when empty.
   *
   * @throws IllegalArgumentException if rank is not in [0, 1]
   */
  public double quantile(double rank) {
    checkRank(rank);
    return count == 0 ? Double.NaN : toDouble(quantileKey(rank));
  }

  /** {@link #quantile(double)} of each rank. */
  public double[] quantiles(double... ranks) {
    checkArgument(ranks != null, "ranks must not be null");
    for (double rank : ranks) {
      checkRank(rank);
    }
    double[] quantiles = new double[ranks.length];
    for (int i = 0; i < ranks.length; i++) {
      quantiles[i] = quantile(ranks[i]);
    }
    return quantiles;
  }

  /**
   * As {@link #quantile(double)}, the exact long item.
   *
   * @throws IllegalStateException if the sketch is empty or of doubles
   * @throws IllegalArgumentException if rank is not in [0, 1]
   */
  public long quantileLong(double rank) {
    checkRank(rank);
    requireLongs("quantileLong()");
    return quantileKey(rank);
  }

  /** {@link #quantileLong(double)} of each rank. */
  public long[] quantilesLong(double... ranks) {
    checkArgument(ranks != null, "ranks must not be null");
    for (double rank : ranks) {
      checkRank(rank);
    }
    requireLongs("quantilesLong()");
    long[] quantiles = new long[ranks.length];
    for (int i = 0; i < ranks.length; i++) {
      quantiles[i] = quantileKey(ranks[i]);
    }
    return quantiles;
  }

  private static void checkRank(double rank) {
    checkArgument(rank >= 0 && rank <= 1, "rank must be in [0, 1]: %s", rank);
  }

  private long quantileKey(double rank) {
    if (rank == 0) {
      return minKey;
    }
    if (rank == 1) {
      return maxKey;
    }
    return sortedView().keyAtNaturalRank((long) Math.ceil(rank * count));
  }

  private SortedView sortedView() {
    if (view == null) {
      view = SortedView.of(levels);
    }
    return view;
  }

  /**
   * The estimated fraction of items ≤ value; NaN when empty.
   *
   * @throws IllegalArgumentException if value is NaN
   */
  public double rank(double value) {
    checkArgument(!Double.isNaN(value), "rank of NaN");
    return count == 0 ? Double.NaN : rankOfKey(doubleThreshold(value), lowerThanAll(value));
  }

  /** The estimated fraction of items ≤ value; NaN when empty. */
  public double rank(long value) {
    return count == 0 ? Double.NaN : rankOfKey(longThreshold(value), false);
  }

  /** The key t with: item ≤ value iff key(item) ≤ t, for this sketch's kind. */
  private long doubleThreshold(double value) {
    return kind == ItemKind.LONGS ? ItemKeys.longFloor(value) : ItemKeys.keyOf(value);
  }

  private boolean lowerThanAll(double value) {
    return kind == ItemKind.LONGS && ItemKeys.belowAllLongs(value);
  }

  private long longThreshold(long value) {
    return kind == ItemKind.LONGS ? value : ItemKeys.doubleFloorKey(value);
  }

  private double rankOfKey(long threshold, boolean belowAll) {
    if (belowAll || threshold < minKey) {
      return 0;
    }
    if (threshold >= maxKey) {
      return 1;
    }
    return (double) sortedView().weightAtOrBelow(threshold) / count;
  }

  /**
   * The estimated fraction of items ≤ each split point, then 1.0: {@code splitPoints.length + 1}
   * entries; all NaN when empty.
   *
   * @throws IllegalArgumentException if the split points are not strictly increasing or hold NaN
   */
  public double[] cdf(double... splitPoints) {
    checkArgument(splitPoints != null, "split points must not be null");
    for (int i = 0; i < splitPoints.length; i++) {
      checkArgument(!Double.isNaN(splitPoints[i]), "split point %s is NaN", i);
      checkArgument(
          i == 0 || splitPoints[i] > splitPoints[i - 1],
          "split points must be strictly increasing: %s then %s",
          i == 0 ? 0 : splitPoints[i - 1],
          splitPoints[i]);
    }
    double[] cdf = new double[splitPoints.length + 1];
    for (int i = 0; i < splitPoints.length; i++) {
      cdf[i] = rank(splitPoints[i]);
    }
    cdf[splitPoints.length] = count == 0 ? Double.NaN : 1.0;
    return cdf;
  }

  /** As {@link #cdf(double...)} with long split points (exact comparison with long items). */
  public double[] cdf(long... splitPoints) {
    checkArgument(splitPoints != null, "split points must not be null");
    for (int i = 1; i < splitPoints.length; i++) {
      checkArgument(
          splitPoints[i] > splitPoints[i - 1],
          "split points must be strictly increasing: %s then %s",
          splitPoints[i - 1],
          splitPoints[i]);
    }
    double[] cdf = new double[splitPoints.length + 1];
    for (int i = 0; i < splitPoints.length; i++) {
      cdf[i] = rank(splitPoints[i]);
    }
    cdf[splitPoints.length] = count == 0 ? Double.NaN : 1.0;
    return cdf;
  }

  /**
   * The estimated fraction of items in each interval (−∞, s₀], (s₀, s₁], ..., (sₘ₋₁, +∞): {@code
   * splitPoints.length + 1} entries summing to 1; all NaN when empty.
   *
   * @throws IllegalArgumentException if the split points are not strictly increasing or hold NaN
   */
  public double[] pmf(double... splitPoints) {
    return differences(cdf(splitPoints));
  }

  /** As {@link #pmf(double...)} with long split points (exact comparison with long items). */
  public double[] pmf(long... splitPoints) {
    return differences(cdf(splitPoints));
  }

  private static double[] differences(double[] cdf) {
    for (int i = cdf.length - 1; i > 0; i--) {
      cdf[i] -= cdf[i - 1];
    }
    return cdf;
  }

  /**
   * ε such that, with probability at least {@value #RANK_ERROR_CONFIDENCE}, every rank this sketch
   * answers is within ε of the true one, for all ranks at once: {@link #normalizedRankError(int)}
   * of {@link #k()}, and 0 while the sketch is {@link #isExact() exact}.
   */
  public double normalizedRankError() {
    return isExact() ? 0 : normalizedRankError(k());
  }

  /**
   * ε(k) = {@value #ERROR_SCALE} / k^{@value #ERROR_EXPONENT}, the error bound of a sketch of this
   * k that has compacted, for all ranks at once at confidence {@value #RANK_ERROR_CONFIDENCE}:
   * 0.057 at k = 32, 0.0102 at k = 200 (DataSketches' KLL states 0.0165 there, as 2.446 / k^0.9433,
   * for one rank at a time).
   *
   * <p>Fitted to measurements: the 99th percentile over trials of the largest |estimated − true|
   * normalized rank over all values of a trial, from the benchmarks' quantiles-accuracy study (k =
   * 50, 100, 200, 400, 800; 1,000 trials each of 10^6 distinct doubles in random order, one sketch)
   * and from {@code RankErrorSimulation} in the test sources (k = 8, 16, ..., 1024; n = 10^5 and
   * 10^6; one sketch and the merge of 8 contiguous parts; 400 trials). k·ε does not grow smoothly:
   * it steps with the weight of the top level, so powers of two alone under-state it (k = 200
   * measured 1.89/k where k = 128 and 256 lie near 1.7/k). The exponent 0.935 is the slope of log ε
   * over k = 50 .. 800; the scale is the largest measured p99·k^0.935 (1.34, at k = 200) raised by
   * 8 %, so every measured k lies below the curve. For k above 1024 the curve is an extrapolation.
   *
   * @throws IllegalArgumentException if k is not in [{@value #MIN_K}, {@value #MAX_K}]
   */
  public static double normalizedRankError(int k) {
    checkArgument(k >= MIN_K && k <= MAX_K, "k must be in [%s, %s]: %s", MIN_K, MAX_K, k);
    return ERROR_SCALE / Math.pow(k, ERROR_EXPONENT);
  }

  /**
   * Folds {@code other} into this sketch: concatenated levels, compacted to the capacities of the
   * smaller k, which the result keeps (as DataSketches).
   *
   * @throws IncompatibleSketchException if one holds longs and the other doubles (an empty sketch
   *     merges with either), or the seeds differ; this sketch is then unchanged
   * @throws ArithmeticException if the count would pass 2^63 − 1; this sketch is then unchanged
   */
  @Override
  public QuantileSketch merge(QuantileSketch other) {
    checkArgument(other != null, "other must not be null");
    IncompatibleSketchException.checkEqual("seed", seed, other.seed);
    if (kind != other.kind && kind != ItemKind.NONE && other.kind != ItemKind.NONE) {
      throw new IncompatibleSketchException(
          "cannot merge quantile sketches of different items: " + kind + " and " + other.kind);
    }
    long mergedCount = Math.addExact(count, other.count);
    if (other.count == 0) {
      if (other.k() < k()) {
        levels = Levels.merge(levels, other.levels, count);
        view = null;
      }
      return this;
    }
    long mergedMin = count == 0 ? other.minKey : Math.min(minKey, other.minKey);
    long mergedMax = count == 0 ? other.maxKey : Math.max(maxKey, other.maxKey);
    levels = Levels.merge(levels, other.levels, mergedCount);
    kind = other.kind;
    count = mergedCount;
    minKey = mergedMin;
    maxKey = mergedMax;
    view = null;
    return this;
  }

  @Override
  public QuantileSketch copy() {
    QuantileSketch copy = new QuantileSketch(kind, seed, count, minKey, maxKey, levels.copy());
    copy.view = view;
    return copy;
  }

  @Override
  public byte[] toByteArray() {
    return QuantilesFormat.write(kind, seed, minKey, maxKey, levels, DEFAULT_SEED);
  }

  /**
   * The sketch stored in {@code bytes} by {@link #toByteArray()}.
   *
   * @throws io.sketches.SketchFormatException for anything that is not a valid quantile sketch
   */
  public static QuantileSketch fromByteArray(byte[] bytes) {
    QuantilesFormat.State state = QuantilesFormat.read(bytes, DEFAULT_SEED);
    return new QuantileSketch(
        state.kind(), state.seed(), state.count(), state.minKey(), state.maxKey(), state.levels());
  }

  @Override
  public String toString() {
    return String.format(
        "QuantileSketch[k=%d, %s, count=%d, retained=%d, levels=%d]",
        k(), kind, count, retainedItems(), levels.numLevels);
  }
}
