package io.sketches.cardinality;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * The integration entry point for engines that keep a {@link HyperLogLog}'s state in their own
 * memory layout — the Spark module's fixed-width aggregation buffer — and hand it back to the
 * library as a sketch: the hash layout of the two representations, and factories that assemble a
 * sketch from them.
 *
 * <p>A {@link HyperLogLog} of precision p is, as a set, determined by its parts:
 * <ul>
 *   <li><b>sparse</b> (at most {@link #sparseLimit m/8} entries): entries {@code fineIndex << 6 |
 *       fineValue}, one per distinct fine index (the top {@value #FINE_INDEX_BITS} bits of the
 *       item hash), with a fine value of 0 unless the 24 − p fine index bits below the register
 *       index are all 0, and then 1 + the leading zeros of the 40 hash bits after the fine index
 *       (≤ 41). An item's entry is {@link #sparseEntry}; entries with equal fine index combine by
 *       maximum; the sketch turns dense when a new fine index would make m/8 + 1 entries.
 *   <li><b>dense</b>: m registers, register {@link #registerIndex} of an item raised to at least
 *       {@link #registerValue}; an entry raises register {@link #entryRegisterIndex} to {@link
 *       #entryRegisterValue}. Registers combine by maximum.
 * </ul>
 * Any engine that keeps these parts with these rules, in any order and grouping of updates and
 * merges, assembles the same sketch as {@link HyperLogLog} fed the same items and merged, after
 * {@link HyperLogLog#discardMartingale()}: byte-identical, with the same estimate. The assembled
 * sketch has no martingale estimator (an engine's state is a merge of partial states).
 */
public final class HyperLogLogParts {
  /** Bits of a sparse entry's fine index: the top 24 bits of the item hash. */
  public static final int FINE_INDEX_BITS = HyperLogLog.SPARSE_PRECISION;
  /** Bits of a sparse entry below the fine index, holding the fine value. */
  public static final int ENTRY_VALUE_BITS = SparseRegisters.VALUE_BITS;

  private HyperLogLogParts() {}

  /** The most sparse entries a sketch of this precision holds: m/8. */
  public static int sparseLimit(int precision) {
    checkPrecision(precision);
    return HyperLogLog.sparseLimit(precision);
  }

  /** The sparse entry of an item hash at precision p: {@code fineIndex << 6 | fineValue}. */
  public static int sparseEntry(int precision, long hash) {
    int fineIndex = (int) (hash >>> -FINE_INDEX_BITS);
    int lowMask = (1 << (FINE_INDEX_BITS - precision)) - 1;
    int value = (fineIndex & lowMask) != 0 ? 0
        : Long.numberOfLeadingZeros(hash << FINE_INDEX_BITS | 1L << (FINE_INDEX_BITS - 1)) + 1;
    return fineIndex << ENTRY_VALUE_BITS | value;
  }

  /** The dense register of an item hash: its top p bits. */
  public static int registerIndex(int precision, long hash) {
    return (int) (hash >>> -precision);
  }

  /** The value an item hash raises its register to: 1 + leading zeros of the other bits, ≤ 65 − p. */
  public static int registerValue(int precision, long hash) {
    return Long.numberOfLeadingZeros(hash << precision | 1L << (precision - 1)) + 1;
  }

  /** The dense register a sparse entry belongs to. */
  public static int entryRegisterIndex(int precision, int entry) {
    return entry >>> (ENTRY_VALUE_BITS + FINE_INDEX_BITS - precision);
  }

  /**
   * The register value a sparse entry stands for: from the fine index bits below the register
   * index if they are not all 0, else 24 − p + the fine value.
   */
  public static int entryRegisterValue(int precision, int entry) {
    int shift = FINE_INDEX_BITS - precision;
    int low = (entry >>> ENTRY_VALUE_BITS) & ((1 << shift) - 1);
    return low != 0 ? Integer.numberOfLeadingZeros(low) - (32 - shift) + 1
        : shift + (entry & SparseRegisters.VALUE_MASK);
  }

  /**
   * The sketch whose sparse entries are {@code entries[0, count)}, in any order.
   *
   * @throws IllegalArgumentException naming the offending value unless precision is in [4, 18],
   *     count is in [0, m/8], and every entry is canonical (fine index below 2^24; fine value 0
   *     if the fine index bits below the register index are not all 0, else in [1, 41]) with a
   *     fine index of its own
   */
  public static HyperLogLog ofSparseEntries(int precision, int[] entries, int count) {
    checkPrecision(precision);
    int limit = HyperLogLog.sparseLimit(precision);
    checkArgument(count >= 0 && count <= limit && count <= entries.length,
        "count must be in [0, %s]: %s", Math.min(limit, entries.length), count);
    int[] sorted = Arrays.copyOf(entries, count);
    Arrays.sort(sorted);
    int lowMask = (1 << (FINE_INDEX_BITS - precision)) - 1;
    int previous = -1;
    for (int entry : sorted) {
      checkArgument(entry >>> (ENTRY_VALUE_BITS + FINE_INDEX_BITS) == 0,
          "a sparse entry has a 24-bit fine index: %s", entry);
      int fineIndex = entry >>> ENTRY_VALUE_BITS;
      int value = entry & SparseRegisters.VALUE_MASK;
      boolean valueKept = (fineIndex & lowMask) == 0;
      checkArgument(valueKept ? value >= 1 && value <= HyperLogLog.SPARSE_MAX_VALUE : value == 0,
          "fine value of sparse entry %s must be %s: %s", entry,
          valueKept ? "in [1, " + HyperLogLog.SPARSE_MAX_VALUE + "]" : "0", value);
      checkArgument(fineIndex != previous, "fine index %s appears twice", fineIndex);
      previous = fineIndex;
    }
    return count == 0 ? HyperLogLog.create(precision)
        : HyperLogLog.ofSparseTokens(precision, sorted);
  }

  /**
   * The dense sketch with these m registers (the array is taken over, not copied).
   *
   * @throws IllegalArgumentException naming the offending value unless precision is in [4, 18],
   *     there are 2^precision registers, each in [0, 65 − p], and not all are 0
   */
  public static HyperLogLog ofRegisters(int precision, byte[] registers) {
    checkPrecision(precision);
    checkArgument(registers.length == 1 << precision, "a sketch of precision %s has %s registers: %s",
        precision, 1 << precision, registers.length);
    int maxValue = 65 - precision;
    boolean nonZero = false;
    for (int i = 0; i < registers.length; i++) {
      checkArgument(registers[i] >= 0 && registers[i] <= maxValue,
          "register %s must be in [0, %s]: %s", i, maxValue, registers[i]);
      nonZero |= registers[i] != 0;
    }
    checkArgument(nonZero, "a dense sketch has a non-zero register");
    return HyperLogLog.ofRegisters(precision, registers);
  }

  private static void checkPrecision(int precision) {
    checkArgument(precision >= HyperLogLog.MIN_PRECISION && precision <= HyperLogLog.MAX_PRECISION,
        "precision must be in [%s, %s]: %s", HyperLogLog.MIN_PRECISION, HyperLogLog.MAX_PRECISION,
        precision);
  }
}
