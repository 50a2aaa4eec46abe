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
 * checksum are refused rather than turned into wrong estimates: the shape is within the ceiling;
 * the absolute and net weights differ by an even amount (twice the negative mass); the counters
 * keep the row invariants of {@link CountMinRows}; sparse positions strictly increase; the form
 * chosen is the canonical one. A sparse sketch is kept sparse ({@link SparseCells}) until updated,
 * so reading never allocates the shape.
 */
final class CountMinFormat {
  static final int SERIAL_VERSION = 1;
  static final int FLAG_EMPTY = 1;
  static final int FLAG_TURNSTILE = 2;
  static final int FLAG_CONSERVATIVE = 4;
  static final int FLAG_SPARSE = 8;

  /**
   * The (ε, δ) asked of withError follow the seed, two doubles; absent: CM05's pair of the shape.
   */
  static final int FLAG_ERROR_TARGET = 16;

  private static final int KNOWN_FLAGS =
      FLAG_EMPTY | FLAG_TURNSTILE | FLAG_CONSERVATIVE | FLAG_SPARSE | FLAG_ERROR_TARGET;

  private CountMinFormat() {}

  /** Sparse while a gap + value pair per non-zero cell is shorter than one byte per cell. */
  private static boolean sparse(int nonZeroCells, int cells) {
    return 3L * nonZeroCells < cells;
  }

  static byte[] write(CountMinSketch sketch) {
    long[] counters = sketch.counters();
    SparseCells sparseCounters = sketch.sparseCounters();
    int flags =
        (sketch.isConservative() ? FLAG_CONSERVATIVE : 0)
            | (sketch.hasErrorTarget() ? FLAG_ERROR_TARGET : 0);
    if (counters == null && sparseCounters == null) {
      return header(
              SketchFormat.writer(SketchType.COUNT_MIN, SERIAL_VERSION, flags | FLAG_EMPTY, 29),
              sketch)
          .toByteArray();
    }
    int nonZero = sparseCounters != null ? sparseCounters.size() : 0;
    if (counters != null) {
      for (long counter : counters) {
        nonZero += counter != 0 ? 1 : 0;
      }
    }
    boolean sparse = sparse(nonZero, sketch.depth * sketch.width);
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
    if (sparseCounters != null) { // read sparse and untouched since: sparse is still canonical
      out.putVarLong(nonZero);
      int previous = -1;
      for (int i = 0; i < nonZero; i++) {
        int cell = sparseCounters.position(i);
        putSparseCell(out, cell - previous, sparseCounters.value(i));
        previous = cell;
      }
    } else if (sparse) {
      out.putVarLong(nonZero);
      for (int cell = 0, previous = -1; cell < counters.length; cell++) {
        if (counters[cell] != 0) {
          putSparseCell(out, cell - previous, counters[cell]);
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

  private static void putSparseCell(SketchWriter out, int distance, long counter) {
    out.putVarLong(distance - 1).putVarLong(zigzag(counter));
  }

  private static SketchWriter header(SketchWriter out, CountMinSketch sketch) {
    out.putByte(sketch.depth).putInt(sketch.width).putLong(sketch.seed);
    if (sketch.hasErrorTarget()) {
      out.putDouble(sketch.epsilon()).putDouble(sketch.delta());
    }
    return out;
  }

  /**
   * Reads and validates a sketch. Memory and time are bounded by the length of {@code bytes}: the
   * shape is checked against {@link CountMinSketch#cellCeiling()} but never allocated here (an
   * empty sketch allocates at its first update; a sparse one keeps its non-zero cells, at least 2
   * bytes each in the input; a dense one has at least a byte per cell), and every loop runs over
   * bytes that are present.
   */
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
    int ceiling = CountMinSketch.cellCeiling();
    in.check(
        width >= 1 && (long) depth * width <= ceiling,
        "width must be in [1, %d / depth %d] (the ceiling on counters, system property %s): %d",
        ceiling,
        depth,
        CountMinSketch.CELL_CEILING_PROPERTY,
        width);
    long seed = in.getLong();
    boolean conservative = in.hasFlag(FLAG_CONSERVATIVE);
    CountMinSketch sketch = new CountMinSketch(depth, width, seed, conservative);
    if (in.hasFlag(FLAG_ERROR_TARGET)) {
      double epsilon = in.getFiniteDouble("epsilon");
      double delta = in.getFiniteDouble("delta");
      in.check(
          epsilon > 0 && epsilon < 1 && delta > 0 && delta < 1,
          "epsilon %s and delta %s must be in (0, 1)",
          epsilon,
          delta);
      // the shape must keep the pair, or the bounds would promise more than the counters give
      in.check(
          Math.pow(epsilon * width, -depth) <= delta * (1 + 1e-12),
          "%d × %d counters cannot keep epsilon %s with delta %s",
          depth,
          width,
          epsilon,
          delta);
      sketch.restoreErrorTarget(epsilon, delta);
    }
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
    CountMinRows rows =
        new CountMinRows(in, depth, width, total, absolute, turnstile, conservative);
    int cells = depth * width;
    long[] counters = null;
    SparseCells sparseCounters = null;
    if (in.hasFlag(FLAG_SPARSE)) {
      int nonZero = in.getLength(2, "non-zero cell");
      in.check(
          sparse(nonZero, cells), "%d non-zero cells of %d must be written dense", nonZero, cells);
      int[] positions = new int[nonZero];
      long[] values = new long[nonZero];
      long position = -1;
      for (int i = 0; i < nonZero; i++) {
        long gap = in.getVarLong();
        if (gap < 0 || gap >= cells - position - 1) { // a branch, not a boxing check, per cell
          throw in.fail("cell gap %d passes the end", gap);
        }
        position += gap + 1;
        long value = unzigzag(in.getVarLong());
        if (value == 0) {
          throw in.fail("a sparse cell must be non-zero");
        }
        rows.add((int) position, value);
        positions[i] = (int) position;
        values[i] = value;
      }
      sparseCounters = new SparseCells(positions, values);
    } else {
      in.check(
          cells <= in.remaining(), "%d dense cells cannot fit in %d bytes", cells, in.remaining());
      counters = new long[cells];
      int nonZero = 0;
      for (int cell = 0; cell < cells; cell++) {
        long value = unzigzag(in.getVarLong());
        rows.add(cell, value);
        counters[cell] = value;
        nonZero += value != 0 ? 1 : 0;
      }
      in.check(
          !sparse(nonZero, cells),
          "%d non-zero cells of %d must be written sparse",
          nonZero,
          cells);
    }
    in.expectEnd();
    rows.finish();
    // negative weight (absolute − total) / 2 ≤ absolute < 2^63, computed unsigned
    sketch.restore(counters, sparseCounters, absolute, (absolute - total) >>> 1, turnstile);
    return sketch;
  }

  static long zigzag(long value) {
    return (value << 1) ^ (value >> 63);
  }

  static long unzigzag(long encoded) {
    return (encoded >>> 1) ^ -(encoded & 1);
  }
}
