package io.sketches.cardinality;

import static com.google.common.base.Preconditions.checkArgument;

import io.sketches.Sketch;
import io.sketches.hash.ItemHash;
import io.sketches.internal.hll.ByteArrayRegisters;
import io.sketches.internal.hll.HllLayout;
import io.sketches.internal.hll.HllSketches;

/**
 * A HyperLogLog distinct counter (Flajolet, Fusy, Gandouet, Meunier 2007) with a sparse
 * representation for small cardinalities (Heule, Nunkesser, Hall 2013), Ertl's corrected raw
 * estimator (Ertl 2017, "New cardinality estimation algorithms for HyperLogLog sketches") and the
 * martingale, or historic inverse probability (HIP), estimator (Ting 2014, "Streamed approximate
 * counting of distinct elements"; Cohen 2015, "All-distances sketches, revisited: HIP estimators").
 *
 * <p><b>Error.</b> With m = 2^p registers the relative standard error is
 *
 * <ul>
 *   <li>√(ln 2)/√m ≈ 0.833/√m for a sketch that has only seen one stream (martingale estimator,
 *       unbiased at every n), and
 *   <li>√(3 ln 2 − 1)/√m ≈ 1.039/√m after any merge (corrected raw estimator: no bias bump at any
 *       n, no empirical tables).
 * </ul>
 *
 * While sparse (up to m/8 distinct items, roughly) both are nearly exact: linear counting over 2^24
 * fine registers (Whang et al. 1990), or the martingale. {@link #lowerBound(int)} and {@link
 * #upperBound(int)} give the normal-approximation interval of k = 1, 2, 3 standard errors for
 * whichever estimator applies.
 *
 * <p><b>Hash layout.</b> Every item goes through {@link ItemHash}, so an {@code int} 5 and a {@code
 * long} 5 count once. Of the 64-bit hash h, the top p bits are the register index and the register
 * value is 1 + the number of leading zeros of the remaining 64 − p bits, capped at 65 − p (the
 * layout of hash4j's HyperLogLog and Ertl's paper).
 *
 * <p><b>Representation.</b> Sparse first (Heule et al. 2013): a small hash table of fine register
 * indexes, the top 24 bits of the hash, with the register value where the fine index does not
 * already determine it; the estimate is then linear counting over 2^24 fine registers (merged) or
 * the martingale, both nearly exact. Past m/8 entries the sketch turns dense: one byte per register
 * (fastest update). Serialized: sparse as delta-coded varints, dense 6-bit packed (0.75·m bytes);
 * see {@code docs/hyperloglog.md}. Whether a sketch is sparse depends only on the set of entries,
 * so the same items in any order and any grouping of merges give the same bytes (up to the
 * martingale estimate, which depends on the order).
 *
 * <p><b>Merge.</b> A merge takes register-wise maxima and switches the martingale estimator off (it
 * is only defined for one stream), except that merging with an empty sketch changes nothing.
 * Sketches of different precision merge at the smaller one: the result equals the sketch built at
 * that precision directly.
 *
 * <p><b>Structure.</b> This class is a façade over the {@link Registers} ({@link SparseRegisters}
 * or {@link DenseRegisters}, the hash layout in {@link HllLayout}) and a {@link
 * CardinalityEstimator} ({@link MartingaleEstimator} or {@link MergedEstimator}) that the registers
 * tell of each state change.
 *
 * <p>Not thread-safe.
 *
 * <p><b>Size.</b> About 420 lines, half of them this Javadoc and that of the public methods: the
 * façade only delegates to the registers ({@link Registers}) and the estimator ({@link
 * CardinalityEstimator}), plus the dense update's fast path.
 */
public final class HyperLogLog implements Sketch<HyperLogLog> {
  public static final int MIN_PRECISION = 4;
  public static final int MAX_PRECISION = 18;
  public static final int DEFAULT_PRECISION = 12;

  /** √(ln 2): relative standard error × √m of the martingale estimator (Ting 2014, Sect. 4). */
  static final double MARTINGALE_RELATIVE_STANDARD_ERROR_TIMES_SQRT_M = Math.sqrt(Math.log(2.0));

  static {
    HllSketches.install(new EngineStates());
  }

  private Registers registers;

  /**
   * While dense, the registers' array, their precision and its {@link HllLayout#rankSentinel} (null
   * while sparse): the dense update, the hot loop, reads them from this object and calls into the
   * registers only for a raise (one dependent load fewer per item than going through them).
   */
  private byte[] denseBytes;

  private DenseRegisters dense;

  private int densePrecision;
  private long rankSentinel;
  private CardinalityEstimator estimator;

  private HyperLogLog(Registers registers, CardinalityEstimator estimator) {
    setState(registers, estimator);
  }

  private void setRegisters(Registers newRegisters) {
    setState(newRegisters, estimator);
  }

  /**
   * The one place registers and estimator change: dense registers are told their observer here, so
   * the update's raise path loads nothing from this object but the registers (an estimator read in
   * the loop costs the JIT-compiled loop a load and a spill per item: ≈ 0.15 ns of a 2^20-item
   * fill).
   */
  private void setState(Registers newRegisters, CardinalityEstimator newEstimator) {
    registers = newRegisters;
    estimator = newEstimator;
    dense = newRegisters instanceof DenseRegisters denseRegisters ? denseRegisters : null;
    denseBytes = dense != null ? dense.bytes() : null;
    if (dense != null) {
      dense.observedBy(newEstimator);
    }
    densePrecision = newRegisters.precision();
    rankSentinel = HllLayout.rankSentinel(densePrecision);
  }

  /**
   * The sketch of validated state: registers, and the martingale estimate if single-stream (an
   * empty sketch is single-stream by definition, with estimate 0). The one way to a sketch from
   * state read from bytes or assembled by an engine.
   */
  static HyperLogLog of(Registers registers, boolean martingale, double martingaleEstimate) {
    boolean empty = registers instanceof SparseRegisters sparse && sparse.size() == 0;
    return new HyperLogLog(
        martingale && registers instanceof DenseRegisters dense ? dense.counted() : registers,
        martingale || empty
            ? new MartingaleEstimator(martingale ? martingaleEstimate : 0)
            : MergedEstimator.INSTANCE);
  }

  /** An empty sketch of precision 12 (4,096 registers, ≈ 1.6% error merged, 1.3% single-stream). */
  public static HyperLogLog create() {
    return create(DEFAULT_PRECISION);
  }

  /**
   * An empty sketch with m = 2^precision registers.
   *
   * @throws IllegalArgumentException unless precision is in [4, 18]
   */
  public static HyperLogLog create(int precision) {
    checkArgument(
        precision >= MIN_PRECISION && precision <= MAX_PRECISION,
        "precision must be in [%s, %s]: %s",
        MIN_PRECISION,
        MAX_PRECISION,
        precision);
    return new HyperLogLog(new SparseRegisters(precision), new MartingaleEstimator(0));
  }

  /**
   * The smallest precision whose merged relative standard error, 1.039/√m ({@link
   * #relativeStandardError()} after a merge), is at most {@code relativeStandardError}: 9 for 0.05,
   * 12 for 0.0173, 14 for 0.01. The same rule as Spark's {@code approx_count_distinct(expr,
   * relativeSD)} (p = ⌈2·log₂(1.106/rsd)⌉), with this sketch's smaller constant; both give 9 for
   * Spark's default 0.05.
   *
   * @throws IllegalArgumentException unless relativeStandardError is in (0, 1) and reachable at
   *     precision 18 (at least 1.039/512 ≈ 0.00203)
   */
  public static int precisionFor(double relativeStandardError) {
    checkArgument(
        relativeStandardError > 0 && relativeStandardError < 1,
        "relative standard error must be in (0, 1): %s",
        relativeStandardError);
    double factor = CorrectedRawEstimator.RELATIVE_STANDARD_ERROR_TIMES_SQRT_M;
    for (int p = MIN_PRECISION; p <= MAX_PRECISION; p++) {
      if (factor / Math.sqrt(1 << p) <= relativeStandardError) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        String.format(
            "relative standard error %s needs more than" + " precision %d (at least %.5f)",
            relativeStandardError, MAX_PRECISION, factor / Math.sqrt(1 << MAX_PRECISION)));
  }

  public HyperLogLog update(long item) {
    return updateHash(ItemHash.hash(item));
  }

  public HyperLogLog update(double item) {
    return updateHash(ItemHash.hash(item));
  }

  /** Counts the UTF-8 encoding of {@code item}. */
  public HyperLogLog update(CharSequence item) {
    checkArgument(item != null, "item must not be null: %s", item);
    return updateHash(ItemHash.hash(item));
  }

  public HyperLogLog update(byte[] item) {
    checkArgument(item != null, "item must not be null: %s", (Object) item);
    return updateHash(ItemHash.hash(item));
  }

  /**
   * Counts an item by its 64-bit hash, which must be {@link ItemHash} of the item (or equally well
   * mixed) for the error guarantees to hold and for the sketch to merge with others.
   */
  public HyperLogLog updateHash(long hash) {
    byte[] bytes = denseBytes;
    if (bytes != null) {
      // One rotation for index and value; masking with the array's length − 1 drops the bounds
      // check. Most items raise nothing: one load and compare.
      long rotated = HllLayout.rotate(densePrecision, hash);
      int index = HllLayout.rotatedIndex(rotated, bytes.length - 1);
      int value = HllLayout.rotatedValue(rotated, rankSentinel);
      if (value > bytes[index]) {
        dense.raise(index, value);
      }
    } else {
      setRegisters(registers.update(hash, estimator));
    }
    return this;
  }

  /** The most entries a sparse sketch holds: m/8, so it never outgrows the dense form. */
  static int sparseLimit(int precision) {
    return HllLayout.sparseLimit(precision);
  }

  /**
   * The distinct count estimate: the martingale estimate while single-stream; else linear counting
   * over the 2^24 fine registers while sparse, and the corrected raw estimator once dense.
   */
  public double estimate() {
    return estimator.estimate(registers);
  }

  /**
   * The relative standard error of {@link #estimate()}. Sparse: that of linear counting over 2^24
   * fine registers, √(m'(e^t − t − 1))/n with t = n/m' (Whang et al. 1990), which also bounds the
   * martingale there. Dense and merged: the asymptotic 1.039/√m of the corrected raw estimator.
   * Dense and single-stream: the martingale's standard error at the estimated n ({@link
   * MartingaleVariance}), which rises towards 0.833/√m.
   */
  public double relativeStandardError() {
    double estimate = estimate();
    if (estimate <= 0) {
      return 0;
    }
    if (registers instanceof SparseRegisters) {
      return SparseRegisters.linearCountingRelativeStandardError(estimate);
    }
    return estimator.denseRelativeStandardError(estimate, precision());
  }

  /**
   * A lower bound that the true distinct count exceeds with the normal probability of {@code
   * stdDevs} standard errors (84.1%, 97.7%, 99.87%), and never below the number of distinct entries
   * or non-zero registers (each was set by a different item).
   *
   * @param stdDevs 1, 2 or 3
   */
  public double lowerBound(int stdDevs) {
    int k = checkStdDevs(stdDevs);
    return Math.max(distinctItemsSeen(), estimate() / (1 + k * relativeStandardError()));
  }

  /**
   * An upper bound that the true distinct count stays below with the normal probability of {@code
   * stdDevs} standard errors.
   *
   * @param stdDevs 1, 2 or 3
   */
  public double upperBound(int stdDevs) {
    // est ≈ n(1 + σZ), so n ≤ est/(1 − kσ) ⇔ Z ≥ −k. With m ≥ 16, kσ ≤ 0.78 < 1.
    int k = checkStdDevs(stdDevs);
    return Math.max(distinctItemsSeen(), estimate() / (1 - k * relativeStandardError()));
  }

  private static int checkStdDevs(int stdDevs) {
    checkArgument(stdDevs >= 1 && stdDevs <= 3, "stdDevs must be 1, 2 or 3: %s", stdDevs);
    return stdDevs;
  }

  /** A sure lower bound on the distinct count: sparse entries, or non-zero dense registers. */
  int distinctItemsSeen() {
    return registers.distinctItemsSeen();
  }

  public int precision() {
    return registers.precision();
  }

  /** Whether no item was seen; O(1), so a fold of merges never recounts the register histogram. */
  public boolean isEmpty() {
    return registers.isEmpty();
  }

  /** Whether {@link #estimate()} is the martingale (single-stream) estimator. */
  public boolean usesMartingale() {
    return estimator instanceof MartingaleEstimator;
  }

  /**
   * Switches the martingale estimator off, as a merge would; the sketch then estimates with linear
   * counting (sparse) or the corrected raw estimator (dense). A sketch built by Spark over any
   * partitioning equals the core sketch of the same items after this call. An empty sketch has
   * nothing to discard and is unchanged.
   *
   * @return this sketch
   */
  public HyperLogLog discardMartingale() {
    if (!isEmpty()) {
      setState(registers, MergedEstimator.INSTANCE);
    }
    return this;
  }

  /**
   * Folds {@code other} into this sketch. If either is empty the result is the other one (its
   * martingale estimate included); otherwise entries and registers are maxed and the martingale
   * estimator is switched off. A larger precision is folded down to the smaller one ({@link
   * #downsize}).
   */
  @Override
  public HyperLogLog merge(HyperLogLog other) {
    checkArgument(other != null, "other sketch must not be null: %s", other);
    int target = Math.min(precision(), other.precision());
    if (other.isEmpty()) {
      return downsize(target);
    }
    if (isEmpty()) {
      setState(other.registers.copy(), other.estimator.copy());
      return downsize(target);
    }
    Registers theirs =
        other.registers.precision() > target ? other.registers.downsize(target) : other.registers;
    downsize(target);
    setState(
        theirs instanceof DenseRegisters theirDense
            ? registers.dense().maxWith(theirDense.words())
            : registers.mergeEntries(((SparseRegisters) theirs).sortedEntries()),
        MergedEstimator.INSTANCE);
    return this;
  }

  /**
   * Folds the sketch serialized in {@code bytes} into this one: the same result as {@code
   * merge(fromByteArray(bytes))}, byte for byte, without building the other sketch (for rollups of
   * stored sketches). The bytes are validated in full, exactly as {@link #fromByteArray} does,
   * before this sketch changes, so refused bytes leave it unchanged.
   *
   * @return this sketch
   * @throws io.sketches.SketchFormatException if the bytes are not a valid HyperLogLog
   */
  public HyperLogLog mergeBytes(byte[] bytes) {
    HyperLogLogBody other = HyperLogLogBody.parse(bytes);
    if (other.isEmpty()) {
      return downsize(Math.min(precision(), other.precision));
    }
    if (other.precision != precision() || isEmpty()) {
      return merge(other.toSketch()); // rare in a rollup: the general path
    }
    setState(
        other.isDense()
            ? registers.dense().maxWith(new ByteArrayRegisters(other.registers))
            : registers.mergeEntries(other.tokens),
        MergedEstimator.INSTANCE);
    return this;
  }

  @Override
  public HyperLogLog copy() {
    return new HyperLogLog(registers.copy(), estimator.copy());
  }

  /**
   * Folds this sketch to a smaller precision: register j of precision p' takes the maximum over the
   * 2^(p−p') registers it covers, each value recomputed from the index bits that became rank bits;
   * sparse entries keep their fine indexes. The result equals the sketch built at p' from the same
   * items. A martingale estimate is kept (it stays unbiased; its error is that of the larger
   * precision so far).
   *
   * @return this sketch
   * @throws IllegalArgumentException unless newPrecision is in [4, precision()]
   */
  public HyperLogLog downsize(int newPrecision) {
    checkArgument(
        newPrecision >= MIN_PRECISION && newPrecision <= precision(),
        "precision must be in [%s, %s]: %s",
        MIN_PRECISION,
        precision(),
        newPrecision);
    if (newPrecision != precision()) {
      setRegisters(registers.downsize(newPrecision));
    }
    return this;
  }

  /**
   * Whether the sketch holds dense registers (m bytes in memory, 0.75·m serialized) rather than
   * sparse entries; it turns dense past m/8 distinct entries and never goes back.
   */
  public boolean isDense() {
    return registers instanceof DenseRegisters;
  }

  /** Sparse entries as {@code fineIndex << 6 | fineValue} sorted by fine index. */
  int[] sparseTokens() {
    return ((SparseRegisters) registers).sortedEntries();
  }

  /** The dense registers at precision p (a copy; derived from the entries while sparse). */
  byte[] registers() {
    return registers instanceof DenseRegisters dense
        ? dense.bytes().clone()
        : registers.dense().bytes();
  }

  double martingaleEstimate() {
    return estimator instanceof MartingaleEstimator martingale ? martingale.estimate() : 0;
  }

  @Override
  public byte[] toByteArray() {
    return HyperLogLogFormat.write(this);
  }

  /**
   * Reads a sketch written by {@link #toByteArray()}.
   *
   * @throws io.sketches.SketchFormatException if the bytes are not a valid HyperLogLog
   */
  public static HyperLogLog fromByteArray(byte[] bytes) {
    return HyperLogLogFormat.read(bytes);
  }

  @Override
  public String toString() {
    return String.format(
        "HyperLogLog[p=%d, %s, %s, estimate=%.1f]",
        precision(),
        registers instanceof SparseRegisters sparse ? "sparse " + sparse.size() : "dense",
        usesMartingale() ? "martingale" : "merged",
        estimate());
  }
}
