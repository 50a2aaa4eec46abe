package io.sketches.frequency;

import io.sketches.SketchType;
import io.sketches.format.SketchFormat;
import io.sketches.format.SketchReader;
import io.sketches.format.SketchWriter;

/**
 * The serialized form of a {@link CountMinSketch} (body layout in {@code docs/count-min.md}):
 * parameters, the two weights, then the counters either sparse (gap-coded positions of the non-zero
 * cells) while fewer than a third of the cells are non-zero, or dense; every counter is a zigzag
 * varint. An untouched sketch is its parameters only.
 *
 * <p>Reading validates every invariant an honest sketch keeps, so that forged bytes with a valid
 * checksum are refused rather than turned into wrong estimates: each row of a plain sketch sums to
 * the total weight; no counter exceeds the absolute weight in magnitude; a cash-register sketch has
 * no negative counter; the absolute and net weights differ by an even amount (twice the negative
 * mass); sparse positions strictly increase; the form chosen is the canonical one.
 */
final class CountMinFormat {
  static final int SERIAL_VERSION = 1;
  static final int FLAG_EMPTY = 1;
  static final int FLAG_TURNSTILE = 2;
  static final int FLAG_CONSERVATIVE = 4;
  static final int FLAG_SPARSE = 8;
  private static final int KNOWN_FLAGS =
      FLAG_EMPTY | FLAG_TURNSTILE | FLAG_CONSERVATIVE | FLAG_SPARSE;

  private CountMinFormat() {}

  /** Sparse while a gap + value pair per non-zero cell is shorter than one byte per cell. */
  private static boolean sparse(int nonZeroCells, int cells) {
    return 3L * nonZeroCells < cells;
  }

  static byte[] write(CountMinSketch sketch) {
    long[] counters = sketch.counters();
    int flags = sketch.isConservative() ? FLAG_CONSERVATIVE : 0;
    if (counters == null) {
      return header(
              SketchFormat.writer(SketchType.COUNT_MIN, SERIAL_VERSION, flags | FLAG_EMPTY, 13),
              sketch)
          .toByteArray();
    }
    int nonZero = 0;
    for (long counter : counters) {
      nonZero += counter != 0 ? 1 : 0;
    }
    boolean sparse = sparse(nonZero, counters.length);
    flags |= (sketch.isTurnstile() ? FLAG_TURNSTILE : 0) | (sparse ? FLAG_SPARSE : 0);
    SketchWriter out =
        header(
            SketchFormat.writer(
                SketchType.COUNT_MIN,
                SERIAL_VERSION,
                flags,
                32 + (sparse ? 4 * nonZero : counters.length)),
            sketch);
    out.putLong(sketch.totalWeight()).putVarLong(sketch.absoluteWeight());
    if (sparse) {
      out.putVarLong(nonZero);
      int previous = -1;
      for (int cell = 0; cell < counters.length; cell++) {
        if (counters[cell] != 0) {
          out.putVarLong(cell - previous - 1).putVarLong(zigzag(counters[cell]));
          previous = cell;
        }
      }
    } else {
      for (long counter : counters) {
        out.putVarLong(zigzag(counter));
      }
    }
    return out.toByteArray();
  }

  private static SketchWriter header(SketchWriter out, CountMinSketch sketch) {
    return out.putByte(sketch.depth).putInt(sketch.width).putLong(sketch.seed);
  }

  static CountMinSketch read(byte[] bytes) {
    SketchReader in = SketchFormat.reader(bytes, SketchType.COUNT_MIN, SERIAL_VERSION);
    int flags = in.flags();
    in.check((flags & ~KNOWN_FLAGS) == 0, "unknown Count-Min flags 0x%x", flags);
    int depth = in.getUnsignedByte();
    int width = in.getInt();
    in.check(
        depth >= 1 && depth <= CountMinSketch.MAX_DEPTH,
        "depth must be in [1, %d]: %d",
        CountMinSketch.MAX_DEPTH,
        depth);
    in.check(
        width >= 1 && (long) depth * width <= CountMinSketch.MAX_CELLS,
        "width must be in [1, %d / depth]: %d",
        CountMinSketch.MAX_CELLS,
        width);
    long seed = in.getLong();
    boolean conservative = in.hasFlag(FLAG_CONSERVATIVE);
    CountMinSketch sketch = new CountMinSketch(depth, width, seed, conservative);
    if (in.hasFlag(FLAG_EMPTY)) {
      in.check((flags & (FLAG_TURNSTILE | FLAG_SPARSE)) == 0, "an empty sketch has no other flags");
      in.expectEnd();
      return sketch;
    }
    boolean turnstile = in.hasFlag(FLAG_TURNSTILE);
    in.check(!(turnstile && conservative), "a conservative sketch cannot be turnstile");
    long total = in.getLong();
    long absolute = in.getVarLong();
    in.check(absolute > 0, "a non-empty sketch has a positive absolute weight: %d", absolute);
    in.check(
        total != Long.MIN_VALUE && Math.abs(total) <= absolute && ((absolute - total) & 1) == 0,
        "net weight %d is impossible with absolute weight %d",
        total,
        absolute);
    in.check(
        turnstile == (total != absolute),
        "turnstile flag %s contradicts net weight %d and absolute weight %d",
        turnstile,
        total,
        absolute);
    int cells = depth * width;
    long[] counters;
    if (in.hasFlag(FLAG_SPARSE)) {
      int nonZero = in.getLength(2, "non-zero cell");
      in.check(
          sparse(nonZero, cells), "%d non-zero cells of %d must be written dense", nonZero, cells);
      counters = new long[cells];
      long position = -1;
      for (int i = 0; i < nonZero; i++) {
        long gap = in.getVarLong();
        in.check(gap >= 0 && gap < cells - position - 1, "cell gap %d passes the end", gap);
        position += gap + 1;
        long value = unzigzag(in.getVarLong());
        in.check(value != 0, "a sparse cell must be non-zero");
        counters[(int) position] = value;
      }
    } else {
      in.check(
          cells <= in.remaining(), "%d dense cells cannot fit in %d bytes", cells, in.remaining());
      counters = new long[cells];
      int nonZero = 0;
      for (int cell = 0; cell < cells; cell++) {
        counters[cell] = unzigzag(in.getVarLong());
        nonZero += counters[cell] != 0 ? 1 : 0;
      }
      in.check(
          !sparse(nonZero, cells),
          "%d non-zero cells of %d must be written sparse",
          nonZero,
          cells);
    }
    in.expectEnd();
    checkCounters(in, counters, depth, width, total, absolute, turnstile, conservative);
    // negative weight (absolute − total) / 2 ≤ absolute < 2^63, computed unsigned
    sketch.restore(counters, absolute, (absolute - total) >>> 1, turnstile);
    return sketch;
  }

  private static void checkCounters(
      SketchReader in,
      long[] counters,
      int depth,
      int width,
      long total,
      long absolute,
      boolean turnstile,
      boolean conservative) {
    for (int row = 0; row < depth; row++) {
      long rowSum = 0;
      for (int cell = row * width, end = cell + width; cell < end; cell++) {
        long counter = counters[cell];
        in.check(
            counter != Long.MIN_VALUE && Math.abs(counter) <= absolute,
            "counter %d exceeds the absolute weight %d",
            counter,
            absolute);
        in.check(
            turnstile || counter >= 0, "a cash-register sketch has a negative counter %d", counter);
        rowSum += counter;
        // every partial row sum is the weight of a set of items (conservative counters are
        // dominated by plain ones), so checking as we go also rules out overflow
        in.check(
            Math.abs(rowSum) <= absolute, "row %d sums past the absolute weight %d", row, absolute);
      }
      if (!conservative) {
        in.check(rowSum == total, "row %d sums to %d, not the total weight %d", row, rowSum, total);
      }
    }
  }

  static long zigzag(long value) {
    return (value << 1) ^ (value >> 63);
  }

  static long unzigzag(long encoded) {
    return (encoded >>> 1) ^ -(encoded & 1);
  }
}
