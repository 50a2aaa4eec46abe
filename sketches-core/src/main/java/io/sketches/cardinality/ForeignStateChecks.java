package io.sketches.cardinality;

import io.sketches.internal.hll.HllLayout;

/**
 * The checks that HyperLogLog state from outside the library passes before it becomes a sketch,
 * written once for both ways in: read from bytes ({@link HyperLogLogBody}, which fails with a
 * {@link io.sketches.SketchFormatException}) and assembled by an engine ({@link EngineStates},
 * {@link IllegalArgumentException}). Each check names the offending value; the caller supplies the
 * exception.
 */
final class ForeignStateChecks {
  /** Makes the caller's exception from a {@link String#format} message. */
  @FunctionalInterface
  interface Failure {
    RuntimeException of(String format, Object... args);
  }

  private ForeignStateChecks() {}

  /**
   * Checks that dense registers of precision p are in [0, 65 − p] and not all 0 (an empty sketch is
   * sparse), and returns how many are non-zero.
   */
  static int checkRegisters(int precision, byte[] registers, Failure failure) {
    int maxValue = HllLayout.maxRegisterValue(precision);
    int nonZero = 0;
    for (int i = 0; i < registers.length; i++) {
      int value = registers[i];
      if (Byte.toUnsignedInt(registers[i]) > maxValue) { // negative values too: one compare
        throw failure.of("register %s must be in [0, %s]: %s", i, maxValue, value);
      }
      nonZero += value != 0 ? 1 : 0;
    }
    if (nonZero == 0) {
      throw failure.of("a dense sketch has a non-zero register");
    }
    return nonZero;
  }

  /**
   * Checks that a sparse entry is canonical at precision p: a 24-bit fine index, and a fine value
   * of 0 if the fine index bits below the register index are not all 0, else in [1, 41].
   */
  static void checkEntry(int precision, int entry, Failure failure) {
    if (entry >>> (HllLayout.VALUE_BITS + HllLayout.FINE_INDEX_BITS) != 0) {
      throw failure.of("a sparse entry has a 24-bit fine index: %s", entry);
    }
    int value = entry & HllLayout.VALUE_MASK;
    boolean valueKept = (HllLayout.fineIndex(entry) & HllLayout.lowMask(precision)) == 0;
    if (valueKept ? value < 1 || value > HllLayout.MAX_FINE_VALUE : value != 0) {
      throw failure.of(
          "fine value of sparse entry %s must be %s: %s",
          entry, valueKept ? "in [1, " + HllLayout.MAX_FINE_VALUE + "]" : "0", value);
    }
  }

  /** Checks that a sparse sketch of precision p holds at most m/8 entries. */
  static void checkEntryCount(int precision, long count, Failure failure) {
    int limit = HllLayout.sparseLimit(precision);
    if (count < 0 || count > limit) {
      throw failure.of(
          "a sparse sketch of precision %s holds 0..%s entries: %s", precision, limit, count);
    }
  }

  /** Checks that the precision is in [4, 18]. */
  static void checkPrecision(int precision, Failure failure) {
    if (precision < HyperLogLog.MIN_PRECISION || precision > HyperLogLog.MAX_PRECISION) {
      throw failure.of(
          "precision must be in [%s, %s]: %s",
          HyperLogLog.MIN_PRECISION, HyperLogLog.MAX_PRECISION, precision);
    }
  }
}
