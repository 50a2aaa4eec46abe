package io.sketches.cardinality;

import io.sketches.internal.hll.ByteArrayRegisters;
import io.sketches.internal.hll.HllLayout;
import java.util.Arrays;

/**
 * The dense registers of a HyperLogLog: one byte per register ({@link ByteArrayRegisters}), with
 * what the estimators read — the register histogram (Ertl 2017's corrected raw estimator) and the
 * change mass (the martingale's change probability, Ting 2014). Both follow each raise, or are
 * recounted, once, when next read after a merge or a read from bytes left them stale.
 */
final class DenseRegisters implements Registers {
  private static final long[][] CHANGE_TERMS = new long[HyperLogLog.MAX_PRECISION + 1][];

  static {
    for (int p = HyperLogLog.MIN_PRECISION; p <= HyperLogLog.MAX_PRECISION; p++) {
      CHANGE_TERMS[p] = new long[66];
      for (int value = 1; value < 65 - p; value++) {
        CHANGE_TERMS[p][value] = 1L << (64 - p - value);
      }
    }
  }

  private final int precision;
  private final ByteArrayRegisters registers;

  /** The registers' array, read directly by the update (one load fewer on its path). */
  private final byte[] bytes;

  /** counts[k] = number of registers holding k; index 0 counts the zero registers. */
  private final int[] counts = new int[66];

  /** Whether counts and changeMass are to be recounted from the registers before they are read. */
  private boolean stale = true;

  /**
   * The exact unsigned fixed-point sum behind the change probability: Σ 2^(64−p−r) over registers
   * with 0 &lt; r &lt; 65−p.
   */
  private long changeMass;

  // Per-precision constants.
  /** {@link HllLayout#rankSentinel}: caps the register value at 65 − p. */
  private final long rankSentinel;

  /** changeTerms[r] = 2^(64−p−r) for 0 &lt; r &lt; 65−p, else 0. */
  private final long[] changeTerms;

  /** m = 2^p as a double. */
  private final double registerCountAsDouble;

  /** 2^(p−64): scales the change mass to register units. */
  private final double changeMassScale;

  /** Dense registers over {@code bytes} (validated, taken over, not copied); counted when read. */
  DenseRegisters(int precision, byte[] bytes) {
    this.precision = precision;
    this.registers = new ByteArrayRegisters(bytes);
    this.bytes = bytes;
    this.rankSentinel = HllLayout.rankSentinel(precision);
    this.changeTerms = CHANGE_TERMS[precision];
    this.registerCountAsDouble = 1 << precision;
    this.changeMassScale = Math.scalb(1.0, precision - 64);
  }

  /**
   * The dense registers of sparse entries (validated, of this precision, in any order), counted at
   * once: a sparse sketch that outgrows its table is usually single-stream, and its martingale
   * reads the histogram at the next raise.
   */
  static DenseRegisters ofEntries(int precision, int[] entries) {
    DenseRegisters dense = new DenseRegisters(precision, new byte[1 << precision]);
    dense.registers.raiseEntries(precision, entries, entries.length);
    return dense.counted();
  }

  /**
   * These registers with the histogram and change mass counted now, for an estimator that observes
   * every raise: the update loop then never recounts (a recount reachable from the raise path costs
   * the JIT-compiled loop a call site, measured at ≈ 0.4 ns per item over a 2^20-item fill).
   */
  DenseRegisters counted() {
    if (stale) {
      recount();
    }
    return this;
  }

  @Override
  public int precision() {
    return precision;
  }

  /** The registers themselves (not a copy). */
  byte[] bytes() {
    return bytes;
  }

  @Override
  public DenseRegisters update(long hash, CardinalityEstimator estimator) {
    // One rotation for index and value; masking with the array's length − 1 drops the bounds check.
    long rotated = HllLayout.rotate(precision, hash);
    int index = HllLayout.rotatedIndex(rotated, bytes.length - 1);
    int value = HllLayout.rotatedValue(rotated, rankSentinel);
    if (value > bytes[index]) { // most items raise nothing: one load and compare
      raise(index, value, estimator);
    }
    return this;
  }

  @Override
  public DenseRegisters raiseEntry(int entry, CardinalityEstimator estimator) {
    raise(
        HllLayout.entryRegisterIndex(precision, entry),
        HllLayout.entryRegisterValue(precision, entry),
        estimator);
    return this;
  }

  /** The sketch's estimator, told of each raise by {@link #raise(int, int)}. */
  private CardinalityEstimator observer = MergedEstimator.INSTANCE;

  /** Sets the estimator {@link #raise(int, int)} announces raises to (the sketch's). */
  void observedBy(CardinalityEstimator estimator) {
    observer = estimator;
  }

  /** Raises register {@code index} to {@code value} if larger, announced to the observer. */
  void raise(int index, int value) {
    raise(index, value, observer);
  }

  /** Raises register {@code index} to {@code value} if larger, announced to the estimator. */
  void raise(int index, int value, CardinalityEstimator estimator) {
    int old = bytes[index];
    if (value > old) {
      estimator.stateChanging(this); // before the raise: the martingale reads the old state
      bytes[index] = (byte) value;
      if (!stale) {
        counts[old]--;
        counts[value]++;
      }
      long[] terms = changeTerms;
      changeMass += terms[value] - terms[old];
    }
  }

  @Override
  public double inverseChangeProbability() {
    // m / (zeros + mass·2^(p−64)) (the scalings are exact powers of two). changeMass ≤
    // m·2^(63−p) = 2^63: negative only at exactly 2^63 (every register is 1).
    // Fresh while a martingale observes (counted()); this branch of its own stays untaken, so the
    // JIT compiles no recount call into the update loop.
    if (stale) {
      recount();
    }
    int zeros = counts[0];
    double mass = changeMass < 0 ? 0x1p63 : changeMass;
    return registerCountAsDouble / (zeros + mass * changeMassScale);
  }

  /** Raises every register to at least the same register of {@code other} (merges). */
  DenseRegisters maxWith(ByteArrayRegisters other) {
    registers.maxWith(other);
    stale = true; // recounted once by the next estimate, however many merges come before it
    return this;
  }

  /** Raises the registers to the entries all at once; the histogram is recounted when read. */
  @Override
  public DenseRegisters mergeEntries(int[] entries) {
    registers.raiseEntries(precision, entries, entries.length);
    stale = true;
    return this;
  }

  ByteArrayRegisters words() {
    return registers;
  }

  @Override
  public DenseRegisters dense() {
    return this;
  }

  @Override
  public int distinctItemsSeen() {
    return (1 << precision) - counts()[0];
  }

  /**
   * Never: dense registers come from more than m/8 sparse entries, from bytes or engine state whose
   * registers are not all zero (refused otherwise), or from such registers by merges and
   * downsizing, which keep a non-zero register non-zero.
   */
  @Override
  public boolean isEmpty() {
    return false;
  }

  /** The register histogram, recounted first (with the change mass) if stale. */
  int[] counts() {
    if (stale) {
      recount();
    }
    return counts;
  }

  private void recount() {
    // Four interleaved histograms, so consecutive increments rarely hit the same counter and wait
    // on each other's store; values are at most 61, so 64 slots each.
    int[] partial = new int[4 * 64];
    byte[] dense = bytes();
    long mass = 0;
    for (int i = 0; i < dense.length; i += 4) {
      partial[dense[i]]++;
      partial[64 + dense[i + 1]]++;
      partial[128 + dense[i + 2]]++;
      partial[192 + dense[i + 3]]++;
    }
    Arrays.fill(counts, 0);
    for (int k = 0; k < 64; k++) {
      counts[k] = partial[k] + partial[64 + k] + partial[128 + k] + partial[192 + k];
      mass += counts[k] * changeTerms[k];
    }
    changeMass = mass;
    stale = false;
  }

  /**
   * Register j of precision p' takes the maximum over the 2^(p−p') registers it covers, each value
   * recomputed from the index bits that became rank bits ({@link HllLayout#foldedValue}).
   */
  @Override
  public DenseRegisters downsize(int newPrecision) {
    int shift = precision - newPrecision;
    byte[] old = bytes();
    DenseRegisters folded = new DenseRegisters(newPrecision, new byte[1 << newPrecision]);
    int lowMask = (1 << shift) - 1;
    for (int index = 0; index < old.length; index++) {
      if (old[index] != 0) {
        folded.registers.raise(
            index >>> shift, HllLayout.foldedValue(shift, index & lowMask, old[index]));
      }
    }
    return folded;
  }

  @Override
  public DenseRegisters copy() {
    DenseRegisters copy = new DenseRegisters(precision, bytes().clone());
    System.arraycopy(counts, 0, copy.counts, 0, counts.length);
    copy.stale = stale;
    copy.changeMass = changeMass;
    return copy;
  }
}
