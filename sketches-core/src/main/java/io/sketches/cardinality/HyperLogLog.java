package io.sketches.cardinality;

import static com.google.common.base.Preconditions.checkArgument;

import io.sketches.Sketch;
import io.sketches.hash.ItemHash;

/**
 * A HyperLogLog distinct counter (Flajolet, Fusy, Gandouet, Meunier 2007) with a sparse
 * representation for small cardinalities (Heule, Nunkesser, Hall 2013), Ertl's corrected raw
 * estimator (Ertl 2017, "New cardinality estimation algorithms for HyperLogLog sketches") and the
 * martingale, or historic inverse probability (HIP), estimator (Ting 2014, "Streamed approximate
 * counting of distinct elements"; Cohen 2015, "All-distances sketches, revisited: HIP estimators").
 *
 * <p><b>Error.</b> With m = 2^p registers the relative standard error is
 * <ul>
 *   <li>√(ln 2)/√m ≈ 0.833/√m for a sketch that has only seen one stream (martingale estimator,
 *       unbiased at every n), and
 *   <li>√(3 ln 2 − 1)/√m ≈ 1.039/√m after any merge (corrected raw estimator: no bias bump at any
 *       n, no empirical tables).
 * </ul>
 * {@link #lowerBound(int)} and {@link #upperBound(int)} give the normal-approximation interval of
 * k = 1, 2, 3 standard errors for whichever estimator applies.
 *
 * <p><b>Hash layout.</b> Every item goes through {@link ItemHash}, so an {@code int} 5 and a
 * {@code long} 5 count once. Of the 64-bit hash h, the top p bits are the register index and the
 * register value is 1 + the number of leading zeros of the remaining 64 − p bits, capped at
 * 65 − p (the layout of hash4j's HyperLogLog and Ertl's paper).
 *
 * <p><b>Representation.</b> While at most m/8 registers are non-zero they live in a small hash
 * table; then in one byte per register (fastest update). Serialized: sparse as delta-coded
 * varints, dense 6-bit packed (0.75·m bytes); see {@code docs/hyperloglog.md}. Whether a sketch is
 * sparse depends only on its registers, so the same items in any order and any grouping of merges
 * give the same bytes (up to the martingale estimate, which depends on the order).
 *
 * <p><b>Merge.</b> A merge takes register-wise maxima and switches the martingale estimator off
 * (it is only defined for one stream), except that merging with an empty sketch changes nothing.
 * Sketches of different precision merge at the smaller one: the result equals the sketch built at
 * that precision directly.
 *
 * <p>Not thread-safe.
 */
public final class HyperLogLog implements Sketch<HyperLogLog> {
  public static final int MIN_PRECISION = 4;
  public static final int MAX_PRECISION = 18;
  public static final int DEFAULT_PRECISION = 12;

  /** √(ln 2): relative standard error × √m of the martingale estimator (Ting 2014, Sect. 4). */
  static final double MARTINGALE_RELATIVE_STANDARD_ERROR_TIMES_SQRT_M = Math.sqrt(Math.log(2.0));

  private int precision;
  /** One byte per register once dense; null while sparse. */
  private byte[] registers;
  /** The non-zero registers while sparse; null once dense. */
  private SparseRegisters sparse;
  /** registerCounts[k] = number of registers holding k; index 0 counts the zero registers. */
  private final int[] registerCounts = new int[66];
  /**
   * Σ 2^(64−p−r) over registers with 0 &lt; r &lt; 65−p, an exact unsigned fixed-point sum: with
   * the zero registers it gives the probability that a new item changes the state.
   */
  private long changeMass;
  private boolean martingale = true;
  private double martingaleEstimate;

  private HyperLogLog(int precision) {
    reset(precision);
  }

  /** An empty sketch of precision 12 (4,096 registers, ≈ 1.6% error merged, 1.3% single-stream). */
  public static HyperLogLog create() {
    return new HyperLogLog(DEFAULT_PRECISION);
  }

  /**
   * An empty sketch with m = 2^precision registers.
   *
   * @throws IllegalArgumentException unless precision is in [4, 18]
   */
  public static HyperLogLog create(int precision) {
    checkPrecision(precision);
    return new HyperLogLog(precision);
  }

  private static void checkPrecision(int precision) {
    checkArgument(precision >= MIN_PRECISION && precision <= MAX_PRECISION,
        "precision must be in [%s, %s]: %s", MIN_PRECISION, MAX_PRECISION, precision);
  }

  private void reset(int newPrecision) {
    precision = newPrecision;
    registers = null;
    sparse = new SparseRegisters();
    java.util.Arrays.fill(registerCounts, 0);
    registerCounts[0] = 1 << newPrecision;
    changeMass = 0;
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
    int index = (int) (hash >>> -precision);
    int value = Long.numberOfLeadingZeros(hash << precision | 1L << (precision - 1)) + 1;
    byte[] dense = registers;
    if (dense != null) {
      int old = dense[index];
      if (value > old) {
        dense[index] = (byte) value;
        registerRaised(old, value);
      }
    } else {
      raiseSparse(index, value);
    }
    return this;
  }

  private void raiseSparse(int index, int value) {
    int old = sparse.raise(index, value);
    if (value > old) {
      registerRaised(old, value);
      if (old == 0 && sparse.size() > sparseLimit(precision)) {
        densify();
      }
    }
  }

  /** Raises a register without touching the martingale estimate (merge, downsize, reading). */
  void raiseRegister(int index, int value) {
    boolean wasMartingale = martingale;
    martingale = false;
    if (registers != null) {
      int old = registers[index];
      if (value > old) {
        registers[index] = (byte) value;
        registerRaised(old, value);
      }
    } else {
      raiseSparse(index, value);
    }
    martingale = wasMartingale;
  }

  private void registerRaised(int old, int value) {
    if (martingale) {
      // Ting 2014, eq. (6): add the inverse of the probability that this item changed the state.
      martingaleEstimate += 1.0 / changeProbability();
    }
    registerCounts[old]--;
    registerCounts[value]++;
    changeMass = changeMass - changeTerm(old) + changeTerm(value);
  }

  /** 2^(64−p−r): the probability, scaled by 2^(64−p), that an item hitting r raises it. */
  private long changeTerm(int value) {
    return value == 0 || value > 64 - precision ? 0 : 1L << (64 - precision - value);
  }

  /** The probability that the next new distinct item changes some register. */
  double changeProbability() {
    // changeMass ≤ m·2^(63−p) = 2^63: negative only at exactly 2^63 (every register is 1).
    double mass = changeMass < 0 ? 0x1p63 : changeMass;
    return (registerCounts[0] + Math.scalb(mass, precision - 64)) / (1 << precision);
  }

  /** The most registers a sparse sketch holds: m/8, so it never outgrows the dense form. */
  static int sparseLimit(int precision) {
    return 1 << (precision - 3);
  }

  private void densify() {
    byte[] dense = new byte[1 << precision];
    sparse.copyInto(dense);
    registers = dense;
    sparse = null;
  }

  /** The distinct count estimate: martingale while single-stream, else corrected raw. */
  public double estimate() {
    return martingale ? martingaleEstimate : CorrectedRawEstimator.estimate(registerCounts, precision);
  }

  /**
   * The relative standard error of {@link #estimate()}: merged, the asymptotic 1.039/√m of the
   * corrected raw estimator; single-stream, the martingale estimator's standard error at the
   * estimated n ({@link MartingaleVariance}), which rises from 0 towards 0.833/√m.
   */
  public double relativeStandardError() {
    if (martingale) {
      return Math.sqrt(MartingaleVariance.relativeVariance(martingaleEstimate, precision));
    }
    return CorrectedRawEstimator.RELATIVE_STANDARD_ERROR_TIMES_SQRT_M / Math.sqrt(1 << precision);
  }

  /**
   * A lower bound that the true distinct count exceeds with the normal probability of {@code
   * stdDevs} standard errors (84.1%, 97.7%, 99.87%), and never below the number of non-zero
   * registers (each was set by a different item).
   *
   * @param stdDevs 1, 2 or 3
   */
  public double lowerBound(int stdDevs) {
    int k = checkStdDevs(stdDevs);
    return Math.max(nonZeroRegisters(), estimate() / (1 + k * relativeStandardError()));
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
    return estimate() / (1 - k * relativeStandardError());
  }

  private static int checkStdDevs(int stdDevs) {
    checkArgument(stdDevs >= 1 && stdDevs <= 3, "stdDevs must be 1, 2 or 3: %s", stdDevs);
    return stdDevs;
  }

  public int precision() {
    return precision;
  }

  public boolean isEmpty() {
    return registerCounts[0] == 1 << precision;
  }

  /** Whether {@link #estimate()} is the martingale (single-stream) estimator. */
  public boolean usesMartingale() {
    return martingale;
  }

  /**
   * Switches the martingale estimator off, as a merge would; the sketch then estimates with the
   * corrected raw estimator. A sketch built by Spark over any partitioning equals the core sketch
   * of the same items after this call. An empty sketch has nothing to discard and is unchanged.
   *
   * @return this sketch
   */
  public HyperLogLog discardMartingale() {
    if (!isEmpty()) {
      martingale = false;
      martingaleEstimate = 0;
    }
    return this;
  }

  /**
   * Folds {@code other} into this sketch. If either is empty the result is the other one (its
   * martingale estimate included); otherwise registers are maxed and the martingale estimator is
   * switched off. A larger precision is folded down to the smaller one ({@link #downsize}).
   */
  @Override
  public HyperLogLog merge(HyperLogLog other) {
    checkArgument(other != null, "other sketch must not be null: %s", other);
    int target = Math.min(precision, other.precision);
    if (other.isEmpty()) {
      return downsize(target);
    }
    if (isEmpty()) {
      copyFrom(other);
      return downsize(target);
    }
    HyperLogLog source = other.precision > target ? other.copy().downsize(target) : other;
    downsize(target);
    martingale = false;
    martingaleEstimate = 0;
    if (source.registers != null) {
      if (registers == null) {
        densify();
      }
      mergeDense(source.registers);
    } else {
      for (int token : source.sparse.sortedTokens()) {
        raiseRegister(token >>> SparseRegisters.VALUE_BITS, token & SparseRegisters.VALUE_MASK);
      }
    }
    return this;
  }

  private void mergeDense(byte[] theirs) {
    byte[] mine = registers;
    int[] counts = registerCounts;
    for (int i = 0; i < mine.length; i++) {
      int value = theirs[i];
      int old = mine[i];
      if (value > old) {
        mine[i] = (byte) value;
        counts[old]--;
        counts[value]++;
      }
    }
    // The change mass only feeds the martingale estimator, which a merge has switched off.
    changeMass = 0;
  }

  private void copyFrom(HyperLogLog other) {
    precision = other.precision;
    registers = other.registers == null ? null : other.registers.clone();
    sparse = other.sparse == null ? null : other.sparse.copy();
    System.arraycopy(other.registerCounts, 0, registerCounts, 0, registerCounts.length);
    changeMass = other.changeMass;
    martingale = other.martingale;
    martingaleEstimate = other.martingaleEstimate;
  }

  @Override
  public HyperLogLog copy() {
    HyperLogLog copy = new HyperLogLog(precision);
    copy.copyFrom(this);
    return copy;
  }

  /**
   * Folds this sketch to a smaller precision: register j of precision p' takes the maximum over
   * the 2^(p−p') registers it covers, each value recomputed from the index bits that became rank
   * bits. The result equals the sketch built at p' from the same items. A martingale estimate is
   * kept (it stays unbiased; its error is that of the larger precision so far).
   *
   * @return this sketch
   * @throws IllegalArgumentException unless newPrecision is in [4, precision()]
   */
  public HyperLogLog downsize(int newPrecision) {
    checkArgument(newPrecision >= MIN_PRECISION && newPrecision <= precision,
        "precision must be in [%s, %s]: %s", MIN_PRECISION, precision, newPrecision);
    if (newPrecision == precision) {
      return this;
    }
    int shift = precision - newPrecision;
    int[] tokens = tokens();
    reset(newPrecision);
    int lowMask = (1 << shift) - 1;
    for (int token : tokens) {
      int index = token >>> SparseRegisters.VALUE_BITS;
      int low = index & lowMask;
      int value = low != 0
          ? Integer.numberOfLeadingZeros(low) - (32 - shift) + 1
          : (token & SparseRegisters.VALUE_MASK) + shift;
      raiseRegister(index >>> shift, value);
    }
    return this;
  }

  /** Every non-zero register as an {@code index << 6 | value} token, sorted by index. */
  int[] tokens() {
    if (sparse != null) {
      return sparse.sortedTokens();
    }
    int[] tokens = new int[nonZeroRegisters()];
    int count = 0;
    for (int i = 0; i < registers.length; i++) {
      if (registers[i] != 0) {
        tokens[count++] = i << SparseRegisters.VALUE_BITS | registers[i];
      }
    }
    return tokens;
  }

  int nonZeroRegisters() {
    return (1 << precision) - registerCounts[0];
  }

  boolean isDense() {
    return registers != null;
  }

  /** The dense registers (a copy), for the format and tests. */
  byte[] registers() {
    if (registers != null) {
      return registers.clone();
    }
    byte[] dense = new byte[1 << precision];
    sparse.copyInto(dense);
    return dense;
  }

  double martingaleEstimate() {
    return martingaleEstimate;
  }

  /** Restores the martingale state read from bytes. */
  void restoreMartingale(boolean on, double estimate) {
    martingale = on;
    martingaleEstimate = on ? estimate : 0;
  }

  /** A sketch with the given dense registers (already validated), martingale on. */
  static HyperLogLog ofRegisters(int precision, byte[] dense) {
    HyperLogLog sketch = new HyperLogLog(precision);
    sketch.martingale = false;
    sketch.registers = dense;
    sketch.sparse = null;
    for (byte value : dense) {
      sketch.registerCounts[0]--;
      sketch.registerCounts[value]++;
      sketch.changeMass += sketch.changeTerm(value);
    }
    sketch.martingale = true;
    return sketch;
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
    return String.format("HyperLogLog[p=%d, %s, %s, estimate=%.1f]", precision,
        registers != null ? "dense" : "sparse " + sparse.size(),
        martingale ? "martingale" : "merged", estimate());
  }
}
