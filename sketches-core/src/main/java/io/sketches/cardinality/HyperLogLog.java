package io.sketches.cardinality;

import static com.google.common.base.Preconditions.checkArgument;

import io.sketches.Sketch;
import io.sketches.hash.ItemHash;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

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
 * While sparse (up to m/8 distinct items, roughly) both are nearly exact: linear counting over
 * 2^24 fine registers (Whang et al. 1990), or the martingale.
 * {@link #lowerBound(int)} and {@link #upperBound(int)} give the normal-approximation interval of
 * k = 1, 2, 3 standard errors for whichever estimator applies.
 *
 * <p><b>Hash layout.</b> Every item goes through {@link ItemHash}, so an {@code int} 5 and a
 * {@code long} 5 count once. Of the 64-bit hash h, the top p bits are the register index and the
 * register value is 1 + the number of leading zeros of the remaining 64 − p bits, capped at
 * 65 − p (the layout of hash4j's HyperLogLog and Ertl's paper).
 *
 * <p><b>Representation.</b> Sparse first (Heule et al. 2013): a small hash table of fine register
 * indexes, the top 24 bits of the hash, with the register value where the fine index does not
 * already determine it; the estimate is then linear counting over 2^24 fine registers (merged) or
 * the martingale, both nearly exact. Past m/8 entries the sketch turns dense: one byte per
 * register (fastest update). Serialized: sparse as delta-coded varints, dense 6-bit packed (0.75·m
 * bytes); see {@code docs/hyperloglog.md}. Whether a sketch is sparse depends only on the set of
 * entries, so the same items in any order and any grouping of merges give the same bytes (up to
 * the martingale estimate, which depends on the order).
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

  /** Bits of the fine register index of sparse entries: the top 24 bits of the hash. */
  static final int SPARSE_PRECISION = 24;
  /** Largest fine value: 1 + leading zeros of the 40 bits after the fine index. */
  static final int SPARSE_MAX_VALUE = 65 - SPARSE_PRECISION;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  /** √(ln 2): relative standard error × √m of the martingale estimator (Ting 2014, Sect. 4). */
  static final double MARTINGALE_RELATIVE_STANDARD_ERROR_TIMES_SQRT_M = Math.sqrt(Math.log(2.0));

  private int precision;
  /** One byte per register once dense; null while sparse. */
  private byte[] registers;
  /**
   * While sparse: fine index → fine value, where the fine value is kept (≥ 1) only if the 24 − p
   * index bits below the register index are all zero, else 0 (the register value is then a
   * function of the fine index alone). Null once dense.
   */
  private SparseRegisters sparse;
  /** Dense: registerCounts[k] = number of registers holding k; index 0 counts the zero registers. */
  private final int[] registerCounts = new int[66];
  /** Set by a dense merge, which only takes maxima; registerCounts is recounted when next read. */
  private boolean countsStale;
  /**
   * The exact unsigned fixed-point sum behind the state-change probability: dense, Σ 2^(64−p−r)
   * over registers with 0 &lt; r &lt; 65−p; sparse, Σ 2^(40−v) over kept fine values v &lt; 41.
   */
  private long changeMass;
  private boolean martingale = true;
  private double martingaleEstimate;

  // Per-precision constants of the dense update, set with the precision.
  /** 1L << (p − 1): caps the register value at 65 − p (the bit below the 64 − p rank bits). */
  private long rankSentinel;
  /** changeTerms[r] = 2^(64−p−r) for 0 &lt; r &lt; 65−p, else 0 (see {@link #changeTerm}). */
  private long[] changeTerms;
  /** m = 2^p as a double. */
  private double registerCountAsDouble;
  /** 2^(p−64): scales the change mass to register units. */
  private double changeMassScale;

  private static final long[][] CHANGE_TERMS = new long[MAX_PRECISION + 1][];

  static {
    for (int p = MIN_PRECISION; p <= MAX_PRECISION; p++) {
      CHANGE_TERMS[p] = new long[66];
      for (int value = 1; value < 65 - p; value++) {
        CHANGE_TERMS[p][value] = 1L << (64 - p - value);
      }
    }
  }

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
    checkArgument(precision >= MIN_PRECISION && precision <= MAX_PRECISION,
        "precision must be in [%s, %s]: %s", MIN_PRECISION, MAX_PRECISION, precision);
    return new HyperLogLog(precision);
  }

  /**
   * The smallest precision whose merged relative standard error, 1.039/√m ({@link
   * #relativeStandardError()} after a merge), is at most {@code relativeStandardError}: 9 for
   * 0.05, 12 for 0.0173, 14 for 0.01. The same rule as Spark's {@code approx_count_distinct(expr,
   * relativeSD)} (p = ⌈2·log₂(1.106/rsd)⌉), with this sketch's smaller constant; both give 9 for
   * Spark's default 0.05.
   *
   * @throws IllegalArgumentException unless relativeStandardError is in (0, 1) and reachable at
   *     precision 18 (at least 1.039/512 ≈ 0.00203)
   */
  public static int precisionFor(double relativeStandardError) {
    checkArgument(relativeStandardError > 0 && relativeStandardError < 1,
        "relative standard error must be in (0, 1): %s", relativeStandardError);
    double factor = CorrectedRawEstimator.RELATIVE_STANDARD_ERROR_TIMES_SQRT_M;
    for (int p = MIN_PRECISION; p <= MAX_PRECISION; p++) {
      if (factor / Math.sqrt(1 << p) <= relativeStandardError) {
        return p;
      }
    }
    throw new IllegalArgumentException(String.format("relative standard error %s needs more than"
        + " precision %d (at least %.5f)", relativeStandardError, MAX_PRECISION,
        factor / Math.sqrt(1 << MAX_PRECISION)));
  }

  private void reset(int newPrecision) {
    setPrecision(newPrecision);
    registers = null;
    sparse = new SparseRegisters();
    java.util.Arrays.fill(registerCounts, 0);
    registerCounts[0] = 1 << newPrecision;
    countsStale = false;
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
    byte[] dense = registers;
    if (dense == null) {
      return updateSparse(hash);
    }
    // One rotation: the register index (top p bits of the hash) lands in the low p bits, the rank
    // bits on top; the sentinel at bit p − 1 caps the leading zeros at 64 − p. Masking with
    // length − 1 (= m − 1) lets the JIT drop the bounds check.
    long rotated = Long.rotateLeft(hash, precision);
    int index = (int) rotated & (dense.length - 1);
    // value = 1 + leading zeros, so value > old ⇔ leading zeros ≥ old.
    int leadingZeros = Long.numberOfLeadingZeros(rotated | rankSentinel);
    int old = dense[index];
    if (leadingZeros >= old) {
      dense[index] = (byte) (leadingZeros + 1);
      registerRaised(old, leadingZeros + 1);
    }
    return this;
  }

  private HyperLogLog updateSparse(long hash) {
    int fineIndex = (int) (hash >>> -SPARSE_PRECISION);
    raiseEntry(fineIndex, (fineIndex & lowMask()) != 0 ? 0
        : Long.numberOfLeadingZeros(hash << SPARSE_PRECISION | 1L << (SPARSE_PRECISION - 1)) + 1);
    return this;
  }

  /** The fine index bits below the register index. */
  private int lowMask() {
    return (1 << (SPARSE_PRECISION - precision)) - 1;
  }

  /** Adds or raises a sparse entry (fineValue already canonical: 0 unless the low bits are 0). */
  private void raiseEntry(int fineIndex, int fineValue) {
    if (registers != null) {
      raiseRegister(fineIndex >>> (SPARSE_PRECISION - precision), registerValue(fineIndex, fineValue));
      return;
    }
    int entriesBefore = sparse.size();
    int old = sparse.raise(fineIndex, fineValue);
    if (old == SparseRegisters.ABSENT || fineValue > old) {
      if (martingale) {
        // Ting 2014, eq. (6): add the inverse of the probability that this item changed the state.
        martingaleEstimate += 1.0 / sparseChangeProbability(entriesBefore);
      }
      changeMass = changeMass - sparseChangeTerm(Math.max(old, 0)) + sparseChangeTerm(fineValue);
      if (old == SparseRegisters.ABSENT && sparse.size() > sparseLimit(precision)) {
        densify();
      }
    }
  }

  /** The register value at precision p of a sparse entry. */
  private int registerValue(int fineIndex, int fineValue) {
    int shift = SPARSE_PRECISION - precision;
    int low = fineIndex & lowMask();
    return low != 0 ? Integer.numberOfLeadingZeros(low) - (32 - shift) + 1 : shift + fineValue;
  }

  private static long sparseChangeTerm(int fineValue) {
    return fineValue == 0 || fineValue >= SPARSE_MAX_VALUE ? 0 : 1L << (SPARSE_MAX_VALUE - 1 - fineValue);
  }

  /** P(a new item changes a sparse state): a new fine index, or a larger kept fine value. */
  private double sparseChangeProbability(int entries) {
    double m = 1 << SPARSE_PRECISION;
    return ((m - entries) + Math.scalb((double) changeMass, 1 - SPARSE_MAX_VALUE)) / m;
  }

  /** Raises a dense register without touching the martingale estimate (merge, downsize). */
  private void raiseRegister(int index, int value) {
    int old = registers[index];
    if (value > old) {
      registers[index] = (byte) value;
      boolean wasMartingale = martingale;
      martingale = false;
      registerRaised(old, value);
      martingale = wasMartingale;
    }
  }

  private void registerRaised(int old, int value) {
    int[] counts = registerCounts;
    if (martingale) {
      // Ting 2014, eq. (6): add the inverse of the probability that this item changed the state,
      // m / (zeros + mass·2^(p−64)) (= 1 / changeProbability(), bit for bit: the scalings are
      // exact powers of two). The histogram is never stale while single-stream.
      double mass = changeMass < 0 ? 0x1p63 : changeMass;
      martingaleEstimate += registerCountAsDouble / (counts[0] + mass * changeMassScale);
    }
    if (!countsStale) {
      counts[old]--;
      counts[value]++;
    }
    long[] terms = changeTerms;
    changeMass += terms[value] - terms[old];
  }

  /** 2^(64−p−r): the probability, scaled by 2^(64−p), that an item hitting r raises it. */
  private long changeTerm(int value) {
    return value == 0 || value > 64 - precision ? 0 : 1L << (64 - precision - value);
  }

  /** The probability that the next new distinct item changes a dense sketch. */
  private double changeProbability() {
    // changeMass ≤ m·2^(63−p) = 2^63: negative only at exactly 2^63 (every register is 1).
    double mass = changeMass < 0 ? 0x1p63 : changeMass;
    return (counts()[0] + Math.scalb(mass, precision - 64)) / (1 << precision);
  }

  /** The register histogram of a dense sketch, recounted first if a merge left it stale. */
  private int[] counts() {
    if (countsStale) {
      // Four interleaved histograms, so consecutive increments rarely hit the same counter and
      // wait on each other's store; values are at most 61, so 64 slots each.
      int[] partial = new int[4 * 64];
      byte[] dense = registers;
      for (int i = 0; i < dense.length; i += 4) {
        partial[dense[i]]++;
        partial[64 + dense[i + 1]]++;
        partial[128 + dense[i + 2]]++;
        partial[192 + dense[i + 3]]++;
      }
      java.util.Arrays.fill(registerCounts, 0);
      for (int k = 0; k < 64; k++) {
        registerCounts[k] = partial[k] + partial[64 + k] + partial[128 + k] + partial[192 + k];
      }
      countsStale = false;
    }
    return registerCounts;
  }

  /** The most entries a sparse sketch holds: m/8, so it never outgrows the dense form. */
  static int sparseLimit(int precision) {
    return 1 << (precision - 3);
  }

  private void densify() {
    int[] tokens = sparse.sortedTokens();
    registers = new byte[1 << precision];
    sparse = null;
    for (int token : tokens) {
      int fineIndex = token >>> SparseRegisters.VALUE_BITS;
      int index = fineIndex >>> (SPARSE_PRECISION - precision);
      registers[index] = (byte) Math.max(registers[index],
          registerValue(fineIndex, token & SparseRegisters.VALUE_MASK));
    }
    recount();
  }

  /** Recomputes the histogram and the change mass from the dense registers. */
  private void recount() {
    countsStale = true;
    counts();
    changeMass = 0;
    for (byte value : registers) {
      changeMass += changeTerm(value);
    }
  }

  /**
   * The distinct count estimate: the martingale estimate while single-stream; else linear counting
   * over the 2^24 fine registers while sparse, and the corrected raw estimator once dense.
   */
  public double estimate() {
    if (martingale) {
      return martingaleEstimate;
    }
    if (sparse != null) {
      double fine = 1 << SPARSE_PRECISION;
      return -fine * Math.log1p(-sparse.size() / fine);
    }
    return CorrectedRawEstimator.estimate(counts(), precision);
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
    if (sparse != null) {
      double fine = 1 << SPARSE_PRECISION;
      double t = estimate / fine;
      return Math.sqrt(fine * (Math.expm1(t) - t)) / estimate;
    }
    if (martingale) {
      return Math.sqrt(MartingaleVariance.relativeVariance(estimate, precision));
    }
    return CorrectedRawEstimator.RELATIVE_STANDARD_ERROR_TIMES_SQRT_M / Math.sqrt(1 << precision);
  }

  /**
   * A lower bound that the true distinct count exceeds with the normal probability of {@code
   * stdDevs} standard errors (84.1%, 97.7%, 99.87%), and never below the number of distinct
   * entries or non-zero registers (each was set by a different item).
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
    return sparse != null ? sparse.size() : (1 << precision) - counts()[0];
  }

  public int precision() {
    return precision;
  }

  public boolean isEmpty() {
    return distinctItemsSeen() == 0;
  }

  /** Whether {@link #estimate()} is the martingale (single-stream) estimator. */
  public boolean usesMartingale() {
    return martingale;
  }

  /**
   * Switches the martingale estimator off, as a merge would; the sketch then estimates with
   * linear counting (sparse) or the corrected raw estimator (dense). A sketch built by Spark over
   * any partitioning equals the core sketch of the same items after this call. An empty sketch has
   * nothing to discard and is unchanged.
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
   * martingale estimate included); otherwise entries and registers are maxed and the martingale
   * estimator is switched off. A larger precision is folded down to the smaller one ({@link
   * #downsize}).
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
        raiseEntry(token >>> SparseRegisters.VALUE_BITS, token & SparseRegisters.VALUE_MASK);
      }
    }
    return this;
  }

  /**
   * Folds the sketch serialized in {@code bytes} into this one: the same result as {@code
   * merge(fromByteArray(bytes))}, byte for byte, without building the other sketch (for rollups
   * of stored sketches). The bytes are validated in full, exactly as {@link #fromByteArray} does,
   * before this sketch changes, so refused bytes leave it unchanged.
   *
   * @return this sketch
   * @throws io.sketches.SketchFormatException if the bytes are not a valid HyperLogLog
   */
  public HyperLogLog mergeBytes(byte[] bytes) {
    HyperLogLogBody other = HyperLogLogBody.parse(bytes);
    if (other.isEmpty()) {
      return downsize(Math.min(precision, other.precision));
    }
    // (a dense sketch is never empty; isEmpty() would recount a histogram that merges leave stale)
    boolean empty = registers == null && sparse.size() == 0;
    if (other.precision != precision || empty) {
      return merge(other.toSketch()); // rare in a rollup: the general path
    }
    martingale = false;
    martingaleEstimate = 0;
    if (other.isDense()) {
      if (registers == null) {
        densify();
      }
      mergeDense(other.registers);
    } else {
      mergeTokens(other.tokens);
    }
    return this;
  }

  /**
   * Raises the entries of another sketch's sparse tokens, martingale already off: as {@link
   * #raiseEntry} does, but without the change mass (it only feeds the martingale estimator), and
   * turning dense without sorting the entries; dense registers are raised without keeping the
   * histogram, which the next estimate recounts, as after a dense merge.
   */
  private void mergeTokens(int[] tokens) {
    changeMass = 0;
    int i = 0;
    if (registers == null) {
      int limit = sparseLimit(precision);
      while (i < tokens.length && registers == null) {
        int token = tokens[i++];
        if (sparse.raise(token >>> SparseRegisters.VALUE_BITS, token & SparseRegisters.VALUE_MASK)
            == SparseRegisters.ABSENT && sparse.size() > limit) {
          registers = new byte[1 << precision];
          raiseRegisters(sparse.tokens()); // any order: registers take maxima
          sparse = null;
        }
      }
    }
    if (i < tokens.length) {
      raiseRegisters(i == 0 ? tokens : java.util.Arrays.copyOfRange(tokens, i, tokens.length));
    }
  }

  /** Raises the dense registers to the values of sparse tokens; the histogram goes stale. */
  private void raiseRegisters(int[] tokens) {
    byte[] dense = registers;
    int shift = SPARSE_PRECISION - precision;
    for (int token : tokens) {
      int fineIndex = token >>> SparseRegisters.VALUE_BITS;
      int index = fineIndex >>> shift;
      int value = registerValue(fineIndex, token & SparseRegisters.VALUE_MASK);
      if (value > dense[index]) {
        dense[index] = (byte) value;
      }
    }
    countsStale = true;
  }

  private void mergeDense(byte[] theirs) {
    byte[] mine = registers;
    // Eight registers at a time (SWAR): values are < 128, so (a | 0x80) − b never borrows across
    // bytes and its high bit says a ≥ b. The histogram is recounted lazily, once, by the next
    // estimate, however many merges come before it.
    for (int i = 0; i < mine.length; i += Long.BYTES) {
      long a = (long) LONGS.get(mine, i);
      long b = (long) LONGS.get(theirs, i);
      long keepMine = ((((a | HIGH_BITS) - b) & HIGH_BITS) >>> 7) * 0xFF;
      LONGS.set(mine, i, (a & keepMine) | (b & ~keepMine));
    }
    countsStale = true;
    // The change mass only feeds the martingale estimator, which a merge has switched off.
    changeMass = 0;
  }

  /** Sets the precision and the per-precision constants of the dense update, always together. */
  private void setPrecision(int newPrecision) {
    precision = newPrecision;
    rankSentinel = 1L << (newPrecision - 1);
    changeTerms = CHANGE_TERMS[newPrecision];
    registerCountAsDouble = 1 << newPrecision;
    changeMassScale = Math.scalb(1.0, newPrecision - 64);
  }

  private void copyFrom(HyperLogLog other) {
    setPrecision(other.precision);
    registers = other.registers == null ? null : other.registers.clone();
    sparse = other.sparse == null ? null : other.sparse.copy();
    System.arraycopy(other.registerCounts, 0, registerCounts, 0, registerCounts.length);
    countsStale = other.countsStale;
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
   * bits; sparse entries keep their fine indexes. The result equals the sketch built at p' from the
   * same items. A martingale estimate is kept (it stays unbiased; its error is that of the larger
   * precision so far).
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
    if (sparse != null) {
      int[] tokens = sparse.sortedTokens();
      reset(newPrecision);
      boolean wasMartingale = martingale;
      martingale = false;
      int lowMask = lowMask();
      for (int token : tokens) {
        int fineIndex = token >>> SparseRegisters.VALUE_BITS;
        raiseEntry(fineIndex, (fineIndex & lowMask) != 0 ? 0 : token & SparseRegisters.VALUE_MASK);
      }
      martingale = wasMartingale;
      return this;
    }
    int shift = precision - newPrecision;
    byte[] old = registers;
    reset(newPrecision);
    registers = new byte[1 << newPrecision];
    sparse = null;
    int lowMask = (1 << shift) - 1;
    for (int index = 0; index < old.length; index++) {
      if (old[index] != 0) {
        int low = index & lowMask;
        int value = low != 0 ? Integer.numberOfLeadingZeros(low) - (32 - shift) + 1 : old[index] + shift;
        registers[index >>> shift] = (byte) Math.max(registers[index >>> shift], value);
      }
    }
    recount();
    return this;
  }

  /**
   * Whether the sketch holds dense registers (m bytes in memory, 0.75·m serialized) rather than
   * sparse entries; it turns dense past m/8 distinct entries and never goes back.
   */
  public boolean isDense() {
    return registers != null;
  }

  /** Sparse entries as {@code fineIndex << 6 | fineValue} tokens sorted by fine index. */
  int[] sparseTokens() {
    return sparse.sortedTokens();
  }

  /** The dense registers at precision p (a copy; derived from the entries while sparse). */
  byte[] registers() {
    if (registers != null) {
      return registers.clone();
    }
    return copy().densifyForView();
  }

  private byte[] densifyForView() {
    densify();
    return registers;
  }

  double martingaleEstimate() {
    return martingaleEstimate;
  }

  /** Restores the martingale state read from bytes. */
  void restoreMartingale(boolean on, double estimate) {
    martingale = on;
    martingaleEstimate = on ? estimate : 0;
  }

  /** A sketch with the given sparse entries (already validated), martingale off. */
  static HyperLogLog ofSparseTokens(int precision, int[] tokens) {
    HyperLogLog sketch = new HyperLogLog(precision);
    sketch.martingale = false;
    for (int token : tokens) {
      sketch.raiseEntry(token >>> SparseRegisters.VALUE_BITS, token & SparseRegisters.VALUE_MASK);
    }
    return sketch;
  }

  /** A sketch with the given dense registers (already validated), martingale off. */
  static HyperLogLog ofRegisters(int precision, byte[] dense) {
    HyperLogLog sketch = new HyperLogLog(precision);
    sketch.martingale = false;
    sketch.registers = dense;
    sketch.sparse = null;
    sketch.recount();
    return sketch;
  }

  /**
   * A merged (not single-stream) sketch with the given dense registers (already validated): left
   * as a dense merge leaves a sketch, the histogram recounted by the first estimate that needs it
   * and no change mass (it only feeds the martingale estimator, which stays off).
   */
  static HyperLogLog ofMergedRegisters(int precision, byte[] dense) {
    HyperLogLog sketch = new HyperLogLog(precision);
    sketch.martingale = false;
    sketch.registers = dense;
    sketch.sparse = null;
    sketch.countsStale = true;
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
