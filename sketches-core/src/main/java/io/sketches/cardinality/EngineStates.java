package io.sketches.cardinality;

import static com.google.common.base.Preconditions.checkArgument;

import io.sketches.internal.hll.HllLayout;
import io.sketches.internal.hll.HllSketches;
import java.util.Arrays;

/**
 * The validated factories of {@link HllSketches}, for state an engine kept in its own memory: the
 * checks of {@link ForeignStateChecks}, as for bytes, with {@link IllegalArgumentException}s naming
 * the offending value (the engine wraps them in its own error).
 */
final class EngineStates implements HllSketches.Assembler {
  @Override
  public HyperLogLog ofSparseEntries(int precision, int[] entries, int count) {
    ForeignStateChecks.checkPrecision(precision, EngineStates::illegalArgument);
    int limit = HllLayout.sparseLimit(precision);
    checkArgument(
        count >= 0 && count <= limit && count <= entries.length,
        "count must be in [0, %s]: %s",
        Math.min(limit, entries.length),
        count);
    int[] sorted = Arrays.copyOf(entries, count);
    Arrays.sort(sorted);
    int previous = -1;
    for (int entry : sorted) {
      ForeignStateChecks.checkEntry(precision, entry, EngineStates::illegalArgument);
      int fineIndex = HllLayout.fineIndex(entry);
      checkArgument(fineIndex != previous, "fine index %s appears twice", fineIndex);
      previous = fineIndex;
    }
    return HyperLogLog.of(SparseRegisters.of(precision, sorted), false, 0);
  }

  @Override
  public HyperLogLog ofRegisters(int precision, byte[] registers) {
    ForeignStateChecks.checkPrecision(precision, EngineStates::illegalArgument);
    checkArgument(
        registers.length == 1 << precision,
        "a sketch of precision %s has %s registers: %s",
        precision,
        1 << precision,
        registers.length);
    ForeignStateChecks.checkRegisters(precision, registers, EngineStates::illegalArgument);
    return HyperLogLog.of(new DenseRegisters(precision, registers), false, 0);
  }

  private static IllegalArgumentException illegalArgument(String format, Object... args) {
    return new IllegalArgumentException(String.format(format, args));
  }
}
