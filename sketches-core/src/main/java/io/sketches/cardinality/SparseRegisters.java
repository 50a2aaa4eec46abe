package io.sketches.cardinality;

import io.sketches.internal.hll.FineEntryTable;
import io.sketches.internal.hll.HllLayout;
import java.util.Arrays;

/**
 * The sparse registers of a HyperLogLog (Heule, Nunkesser, Hall 2013): fine entries ({@link
 * HllLayout}) in an {@code int[]} hash table that doubles when half full. The sketch turns dense
 * once it holds more than m/8 entries, so the table never costs more than the m bytes of dense
 * registers. While sparse the estimate is linear counting over the 2^24 fine registers (Whang et
 * al. 1990), or the martingale: both nearly exact.
 */
final class SparseRegisters extends FineEntryTable implements Registers {
  private static final int INITIAL_SLOTS = 8;
  private static final int FINE_REGISTERS = 1 << HllLayout.FINE_INDEX_BITS;

  private final int precision;
  private int[] slots;
  private int size;

  /** Σ 2^(40−v) over kept fine values v &lt; 41: with the entry count, the change probability. */
  private long changeMass;

  SparseRegisters(int precision) {
    this(precision, INITIAL_SLOTS);
  }

  private SparseRegisters(int precision, int slotCount) {
    this.precision = precision;
    this.slots = new int[slotCount];
  }

  private SparseRegisters(SparseRegisters other) {
    this.precision = other.precision;
    this.slots = other.slots.clone();
    this.size = other.size;
    this.changeMass = other.changeMass;
  }

  /**
   * The sparse state (or dense, past m/8) of validated entries of this precision. The table is
   * sized for them at once (at most half full, as {@link #insert} keeps it): growing by doubling
   * would allocate twice the final table, and a reader's allocation is bounded by its input.
   */
  static Registers of(int precision, int[] entries) {
    int held = Math.min(entries.length, HllLayout.sparseLimit(precision));
    int slotCount = INITIAL_SLOTS;
    while (held * 2 > slotCount) {
      slotCount *= 2;
    }
    return new SparseRegisters(precision, slotCount).mergeEntries(entries);
  }

  /** Raises entry by entry, tracking the change mass, until dense; the rest all at once. */
  @Override
  public Registers mergeEntries(int[] entries) {
    Registers merged = this;
    int i = 0;
    while (i < entries.length && merged instanceof SparseRegisters) {
      merged = merged.raiseEntry(entries[i++], MergedEstimator.INSTANCE);
    }
    return i == entries.length
        ? merged
        : merged.mergeEntries(Arrays.copyOfRange(entries, i, entries.length));
  }

  @Override
  public int precision() {
    return precision;
  }

  int size() {
    return size;
  }

  @Override
  public Registers update(long hash, CardinalityEstimator estimator) {
    return raiseEntry(HllLayout.entry(precision, hash), estimator);
  }

  @Override
  public Registers raiseEntry(int entry, CardinalityEstimator estimator) {
    int old = raise(entry);
    int value = entry & HllLayout.VALUE_MASK;
    if (old == ABSENT || value > old) {
      estimator.stateChanging(this); // size and change mass still describe the old state
      changeMass = changeMass - changeTerm(Math.max(old, 0)) + changeTerm(value);
      if (old == ABSENT && ++size > HllLayout.sparseLimit(precision)) {
        return dense();
      }
    }
    return this;
  }

  private static long changeTerm(int fineValue) {
    return fineValue == 0 || fineValue >= HllLayout.MAX_FINE_VALUE
        ? 0
        : 1L << (HllLayout.MAX_FINE_VALUE - 1 - fineValue);
  }

  /** P(a new item changes the state) = P(a new fine index, or a larger kept fine value). */
  @Override
  public double inverseChangeProbability() {
    double m = FINE_REGISTERS;
    return 1.0 / (((m - size) + Math.scalb((double) changeMass, 1 - HllLayout.MAX_FINE_VALUE)) / m);
  }

  @Override
  public DenseRegisters dense() {
    int[] entries = new int[size];
    entries(entries);
    return DenseRegisters.ofEntries(precision, entries);
  }

  @Override
  public int distinctItemsSeen() {
    return size;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  /** Linear counting over the 2^24 fine registers (Whang et al. 1990). */
  double linearCountingEstimate() {
    double fine = FINE_REGISTERS;
    return -fine * Math.log1p(-size / fine);
  }

  /** The relative standard error of linear counting at n: √(m'(e^t − t − 1))/n, t = n/m'. */
  static double linearCountingRelativeStandardError(double estimate) {
    double fine = FINE_REGISTERS;
    double t = estimate / fine;
    return Math.sqrt(fine * (Math.expm1(t) - t)) / estimate;
  }

  /** Sparse entries keep their fine indexes; fine values are dropped where no longer kept. */
  @Override
  public Registers downsize(int newPrecision) {
    int[] entries = sortedEntries();
    for (int i = 0; i < entries.length; i++) {
      entries[i] =
          HllLayout.canonicalEntry(
              newPrecision, HllLayout.fineIndex(entries[i]), entries[i] & HllLayout.VALUE_MASK);
    }
    return of(newPrecision, entries);
  }

  @Override
  public SparseRegisters copy() {
    return new SparseRegisters(this);
  }

  /** The entries sorted by fine index (the canonical order of the serialized form). */
  int[] sortedEntries() {
    int[] entries = new int[size];
    entries(entries);
    Arrays.sort(entries);
    return entries;
  }

  @Override
  protected int slotCount() {
    return slots.length;
  }

  @Override
  protected int slot(int t) {
    return slots[t];
  }

  @Override
  protected void store(int t, int entry) {
    slots[t] = entry;
  }

  /**
   * Always admits (the sketch counts the entry and turns dense past m/8); doubles when half full.
   */
  @Override
  protected boolean insert(int t, int entry) {
    slots[t] = entry;
    if ((size + 1) * 2 > slots.length) {
      int[] old = slots;
      slots = new int[old.length * 2];
      for (int held : old) {
        if (held != 0) {
          place(held);
        }
      }
    }
    return true;
  }
}
