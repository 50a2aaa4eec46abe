package io.sketches.internal.hll;

import static com.google.common.base.Preconditions.checkState;

import io.sketches.cardinality.HyperLogLog;

/**
 * Assembles a {@link HyperLogLog} from state an engine keeps in its own memory (the Spark module's
 * fixed-width aggregation buffer): sparse entries or dense registers, both in the layout of {@link
 * HllLayout}. An engine that keeps these parts with these rules, in any order and grouping of
 * updates and merges, assembles the sketch that {@link HyperLogLog} fed the same items and merged
 * would be after {@link HyperLogLog#discardMartingale()}: byte-identical, with the same estimate.
 * The assembled sketch has no martingale estimator (an engine's state is a merge of partial
 * states), unless it is empty.
 *
 * <p>The factories validate the state in full, as the format reader does for bytes, since it comes
 * from outside the library (a checkpoint, say).
 *
 * <p>Not public API (see the package documentation): the sketch's package installs the {@link
 * Assembler}, which only it can implement with access to the sketch's internals.
 */
public final class HllSketches {
  /** What the sketch's package provides: the validated factories. */
  public interface Assembler {
    HyperLogLog ofSparseEntries(int precision, int[] entries, int count);

    HyperLogLog ofRegisters(int precision, byte[] registers);
  }

  private static volatile Assembler assembler;

  private HllSketches() {}

  /**
   * Called once, by {@link HyperLogLog}'s class initializer.
   *
   * @throws IllegalStateException if an assembler is installed already
   */
  public static synchronized void install(Assembler installed) {
    checkState(assembler == null, "an assembler is installed already: %s", assembler);
    assembler = installed;
  }

  private static Assembler assembler() {
    Assembler installed = assembler;
    if (installed != null) {
      return installed;
    }
    try { // HyperLogLog's class initializer installs it
      Class.forName(HyperLogLog.class.getName(), true, HllSketches.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    return assembler;
  }

  /**
   * The sketch whose sparse entries are {@code entries[0, count)}, in any order.
   *
   * @throws IllegalArgumentException naming the offending value unless precision is in [4, 18],
   *     count is in [0, m/8], and every entry is canonical (fine index below 2^24; fine value 0 if
   *     the fine index bits below the register index are not all 0, else in [1, 41]) with a fine
   *     index of its own
   */
  public static HyperLogLog ofSparseEntries(int precision, int[] entries, int count) {
    return assembler().ofSparseEntries(precision, entries, count);
  }

  /**
   * The dense sketch with these m registers (the array is taken over, not copied).
   *
   * @throws IllegalArgumentException naming the offending value unless precision is in [4, 18],
   *     there are 2^precision registers, each in [0, 65 − p], and not all are 0
   */
  public static HyperLogLog ofRegisters(int precision, byte[] registers) {
    return assembler().ofRegisters(precision, registers);
  }
}
