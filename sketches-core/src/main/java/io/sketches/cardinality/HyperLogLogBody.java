package io.sketches.cardinality;

import io.sketches.SketchType;
import io.sketches.format.SketchFormat;
import io.sketches.format.SketchReader;
import io.sketches.internal.hll.HllLayout;

/**
 * The fully validated contents of a serialized {@link HyperLogLog} (layout: {@link
 * HyperLogLogFormat}), before any sketch object exists: what {@link HyperLogLog#fromByteArray}
 * builds a sketch from and what {@link HyperLogLog#mergeBytes} folds into an existing sketch
 * without building one. Every check happens in {@link #parse}, so a refused array never changes the
 * sketch it was meant for.
 */
final class HyperLogLogBody {
  final int precision;
  final boolean martingale;
  final double martingaleEstimate;

  /** Sparse entries as {@code fineIndex << 6 | fineValue}, sorted by fine index; null if dense. */
  final int[] tokens;

  /** Dense registers at {@link #precision}, one byte each; null if sparse. */
  final byte[] registers;

  /** Entries (sparse) or non-zero registers (dense): the items certainly seen. */
  private final int distinctItemsSeen;

  private HyperLogLogBody(
      int precision,
      boolean martingale,
      double martingaleEstimate,
      int[] tokens,
      byte[] registers,
      int distinctItemsSeen) {
    this.precision = precision;
    this.martingale = martingale;
    this.martingaleEstimate = martingaleEstimate;
    this.tokens = tokens;
    this.registers = registers;
    this.distinctItemsSeen = distinctItemsSeen;
  }

  /**
   * Checks header, checksum and every body field of {@code bytes}.
   *
   * @throws io.sketches.SketchFormatException if the bytes are not a valid HyperLogLog
   */
  static HyperLogLogBody parse(byte[] bytes) {
    SketchReader in =
        SketchFormat.reader(bytes, SketchType.HYPERLOGLOG, HyperLogLogFormat.SERIAL_VERSION);
    int knownFlags = HyperLogLogFormat.FLAG_DENSE | HyperLogLogFormat.FLAG_MARTINGALE;
    in.check((in.flags() & ~knownFlags) == 0, "unknown flags 0x%x", in.flags());
    int p = in.getUnsignedByte();
    ForeignStateChecks.checkPrecision(p, in::fail);
    boolean martingale = in.hasFlag(HyperLogLogFormat.FLAG_MARTINGALE);
    double martingaleEstimate = martingale ? in.getFiniteDouble("martingale estimate") : 0;
    int[] tokens = null;
    byte[] registers = null;
    int seen;
    if (in.hasFlag(HyperLogLogFormat.FLAG_DENSE)) {
      registers = denseRegisters(in, p);
      // Dense means more than m/8 entries were seen; they may share registers, so only an
      // all-zero dense body is impossible (the empty sketch is sparse).
      seen = ForeignStateChecks.checkRegisters(p, registers, in::fail);
    } else {
      tokens = sparseTokens(in, p);
      seen = tokens.length;
    }
    in.expectEnd();
    if (martingale) {
      in.check(seen > 0, "an empty sketch carries no martingale estimate");
      // (no boxing unless the check fails: this runs once per stored sketch in a rollup)
      if (!(martingaleEstimate >= seen)) {
        throw in.fail(
            "martingale estimate %s is below the %d items certainly seen",
            martingaleEstimate, seen);
      }
      double limit = maxMartingaleEstimate(registers, seen, martingaleEstimate);
      if (!(martingaleEstimate <= limit)) {
        throw in.fail(
            "martingale estimate %s exceeds %s, the most that %s can have summed",
            martingaleEstimate, limit, registers == null ? seen + " sparse entries" : "registers");
      }
    }
    return new HyperLogLogBody(p, martingale, martingaleEstimate, tokens, registers, seen);
  }

  /**
   * The largest martingale estimate the state can carry. Each state change adds 1/q, where q, the
   * probability that an item changes the state, only falls as the state grows (a downsize too: an
   * item that changes the smaller state changes the larger one); so each term is at most 1/q of the
   * current state. Sparse: at most 41 changes per entry (its insertion and raises of a fine value
   * in [1, 41]), and 1/q ≤ 2^24/(2^24 − m/8) &lt; 64/41. Dense: every change raises one of the 2^24
   * fine registers (at most 41 changes each, 41·2^24 &lt; 2^30 in all) and 1/q ≤ 2^max register;
   * and at most 2^64, the number of distinct hashes (where the martingale's variance is still
   * computed in range). A dense sketch has a register ≥ 1, so an estimate up to 2^31 passes without
   * a look at the registers.
   */
  private static double maxMartingaleEstimate(byte[] registers, int seen, double estimate) {
    if (registers == null) {
      return 64.0 * seen;
    }
    if (estimate <= 0x1p31) {
      return 0x1p31;
    }
    int max = 0;
    for (byte register : registers) {
      max = Math.max(max, register);
    }
    return Math.scalb(1.0, Math.min(30 + max, 64));
  }

  /** 0.75·m packed bytes, each register checked by the caller to be at most 65 − p. */
  private static byte[] denseRegisters(SketchReader in, int p) {
    int m = 1 << p;
    return HyperLogLogFormat.unpack(in.getBytes(m / 4 * 3), m);
  }

  /** A count in [0, m/8], then that many strictly increasing fine indexes and their values. */
  private static int[] sparseTokens(SketchReader in, int p) {
    long count = in.getVarLong();
    ForeignStateChecks.checkEntryCount(p, count, in::fail);
    if (count > in.remaining()) { // each entry takes a byte at least: allocate only what is there
      throw in.fail(
          "%d sparse entries cannot fit in the %d remaining bytes", count, in.remaining());
    }
    int fineRegisters = 1 << HllLayout.FINE_INDEX_BITS;
    int lowMask = HllLayout.lowMask(p);
    int[] tokens = new int[(int) count];
    int previous = -1;
    for (int i = 0; i < count; i++) {
      long delta = in.getVarLong();
      if (delta < 1 || delta >= fineRegisters - previous) {
        throw in.fail("fine index step %d from %d leaves [0, %d)", delta, previous, fineRegisters);
      }
      int fineIndex = previous + (int) delta;
      int value = 0;
      if ((fineIndex & lowMask) == 0) {
        value = in.getUnsignedByte(); // present only where kept: only its range can be wrong
        if (value < 1 || value > HllLayout.MAX_FINE_VALUE) {
          throw in.fail("fine value %d outside [1, %d]", value, HllLayout.MAX_FINE_VALUE);
        }
      }
      tokens[i] = fineIndex << HllLayout.VALUE_BITS | value;
      previous = fineIndex;
    }
    return tokens;
  }

  boolean isDense() {
    return registers != null;
  }

  boolean isEmpty() {
    return distinctItemsSeen == 0;
  }

  /** The sketch these contents describe; takes ownership of the arrays. */
  HyperLogLog toSketch() {
    // dense: the histogram is counted when first needed, not here (rollups merge, then estimate)
    Registers state =
        isDense()
            ? new DenseRegisters(precision, registers)
            : SparseRegisters.of(precision, tokens);
    return HyperLogLog.of(state, martingale, martingaleEstimate);
  }
}
