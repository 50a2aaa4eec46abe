package io.sketches.cardinality;

import static com.google.common.base.Preconditions.checkArgument;

import io.sketches.internal.hll.HllLayout;
import io.sketches.internal.hll.HllSketches;
import java.util.Arrays;

/**
 * The validated factories of {@link HllSketches}, for state an engine kept in its own memory:
 * the checks of {@link HyperLogLogBody} on foreign state, with {@link IllegalArgumentException}s
 * naming the offending value (the engine wraps them in its own error).
 */
final class EngineStates implements HllSketches.Assembler {
  @Override
  public HyperLogLog ofSparseEntries(int precision, int[] entries, int count) {
    checkPrecision(precision);
    int limit = HllLayout.sparseLimit(precision);
    checkArgument(count >= 0 && count <= limit && count <= entries.length,
        "count must be in [0, %s]: %s", Math.min(limit, entries.length), count);
    int[] sorted = Arrays.copyOf(entries, count);
    Arrays.sort(sorted);
    int lowMask = HllLayout.lowMask(precision);
    int previous = -1;
    for (int entry : sorted) {
      checkArgument(entry >>> (HllLayout.VALUE_BITS + HllLayout.FINE_INDEX_BITS) == 0,
          "a sparse entry has a 24-bit fine index: %s", entry);
      int fineIndex = HllLayout.fineIndex(entry);
      int value = entry & HllLayout.VALUE_MASK;
      boolean valueKept = (fineIndex & lowMask) == 0;
      checkArgument(valueKept ? value >= 1 && value <= HllLayout.MAX_FINE_VALUE : value == 0,
          "fine value of sparse entry %s must be %s: %s", entry,
          valueKept ? "in [1, " + HllLayout.MAX_FINE_VALUE + "]" : "0", value);
      checkArgument(fineIndex != previous, "fine index %s appears twice", fineIndex);
      previous = fineIndex;
    }
    return HyperLogLog.of(SparseRegisters.of(precision, sorted), false, 0);
  }

  @Override
  public HyperLogLog ofRegisters(int precision, byte[] registers) {
    checkPrecision(precision);
    checkArgument(registers.length == 1 << precision, "a sketch of precision %s has %s registers: %s",
        precision, 1 << precision, registers.length);
    int maxValue = HllLayout.maxRegisterValue(precision);
    boolean nonZero = false;
    for (int i = 0; i < registers.length; i++) {
      checkArgument(registers[i] >= 0 && registers[i] <= maxValue,
          "register %s must be in [0, %s]: %s", i, maxValue, registers[i]);
      nonZero |= registers[i] != 0;
    }
    checkArgument(nonZero, "a dense sketch has a non-zero register");
    return HyperLogLog.of(new DenseRegisters(precision, registers), false, 0);
  }

  private static void checkPrecision(int precision) {
    checkArgument(precision >= HyperLogLog.MIN_PRECISION && precision <= HyperLogLog.MAX_PRECISION,
        "precision must be in [%s, %s]: %s", HyperLogLog.MIN_PRECISION, HyperLogLog.MAX_PRECISION,
        precision);
  }
}
