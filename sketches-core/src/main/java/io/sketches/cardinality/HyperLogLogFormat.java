package io.sketches.cardinality;

import io.sketches.SketchType;
import io.sketches.format.SketchFormat;
import io.sketches.format.SketchWriter;
import io.sketches.internal.hll.HllLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The serialized form of a {@link HyperLogLog} (serial version 1), after the common 16-byte header
 * of {@code docs/format.md}:
 *
 * <pre>
 * flags: bit 0 DENSE, bit 1 MARTINGALE; other bits 0
 * body:
 *   u8      precision p, 4..18
 *   f64     martingale estimate            only if MARTINGALE (never on an empty sketch)
 *   sparse: varint k, 0 ≤ k ≤ m/8          number of entries, then k entries in increasing
 *           k × { varint Δ, [u8 v] }       fine index order: fine index = previous + Δ (previous
 *                                          = −1 at the start), Δ ≥ 1, fine index &lt; 2^24; the
 *                                          fine value v in [1, 41] follows only if the 24 − p
 *                                          fine index bits below the register index are all 0
 *   dense:  0.75·m bytes                   register i in bits 6i..6i+5 (little-endian bit
 *                                          order), values in [0, 65 − p], not all 0
 * </pre>
 *
 * Every form is canonical (sparse if and only if at most m/8 entries), so equal states give equal
 * bytes, and anything else is refused.
 */
final class HyperLogLogFormat {
  static final int SERIAL_VERSION = 1;
  static final int FLAG_DENSE = 1;
  static final int FLAG_MARTINGALE = 2;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private HyperLogLogFormat() {}

  static byte[] write(HyperLogLog sketch) {
    int p = sketch.precision();
    int m = 1 << p;
    boolean martingale = sketch.usesMartingale() && !sketch.isEmpty();
    int flags = (sketch.isDense() ? FLAG_DENSE : 0) | (martingale ? FLAG_MARTINGALE : 0);
    SketchWriter out =
        SketchFormat.writer(
            SketchType.HYPERLOGLOG,
            SERIAL_VERSION,
            flags,
            sketch.isDense() ? 9 + m * 3 / 4 : 16 + 4 * sketch.distinctItemsSeen());
    out.putByte(p);
    if (martingale) {
      out.putDouble(sketch.martingaleEstimate());
    }
    if (sketch.isDense()) {
      out.putBytes(pack(sketch.registers()));
    } else {
      int[] tokens = sketch.sparseTokens();
      int lowMask = HllLayout.lowMask(p);
      out.putVarLong(tokens.length);
      int previous = -1;
      for (int token : tokens) {
        int fineIndex = token >>> HllLayout.VALUE_BITS;
        out.putVarLong(fineIndex - previous);
        if ((fineIndex & lowMask) == 0) {
          out.putByte(token & HllLayout.VALUE_MASK);
        }
        previous = fineIndex;
      }
    }
    return out.toByteArray();
  }

  static HyperLogLog read(byte[] bytes) {
    return HyperLogLogBody.parse(bytes).toSketch();
  }

  /**
   * Four 6-bit registers in three bytes, little-endian bit order: eight registers (one long) at a
   * time become six bytes by folding the 6-bit fields together in three steps (bytes → 12-bit, →
   * 24-bit, → 48-bit fields); the last eight, whose long would pass the end, byte by byte.
   */
  static byte[] pack(byte[] registers) {
    byte[] packed = new byte[registers.length / 4 * 3];
    int i = 0;
    int j = 0;
    for (; j + Long.BYTES <= packed.length; i += 8, j += 6) {
      long x = (long) LONGS.get(registers, i);
      x = (x & 0x00FF00FF00FF00FFL) | (x & 0xFF00FF00FF00FF00L) >>> 2;
      x = (x & 0x0000FFFF0000FFFFL) | (x & 0xFFFF0000FFFF0000L) >>> 4;
      x = (x & 0x00000000FFFFFFFFL) | (x & 0xFFFFFFFF00000000L) >>> 8;
      LONGS.set(packed, j, x); // the top two bytes are overwritten by the next step
    }
    for (; i < registers.length; i += 4, j += 3) {
      int group =
          registers[i] | registers[i + 1] << 6 | registers[i + 2] << 12 | registers[i + 3] << 18;
      packed[j] = (byte) group;
      packed[j + 1] = (byte) (group >>> 8);
      packed[j + 2] = (byte) (group >>> 16);
    }
    return packed;
  }

  /** The inverse of {@link #pack}: six bytes to eight registers by the same steps reversed. */
  static byte[] unpack(byte[] packed, int m) {
    byte[] registers = new byte[m];
    int i = 0;
    int j = 0;
    for (; j + Long.BYTES <= packed.length; i += 8, j += 6) {
      long x = (long) LONGS.get(packed, j);
      x = (x & 0x0000000000FFFFFFL) | (x & 0x0000FFFFFF000000L) << 8;
      x = (x & 0x00000FFF00000FFFL) | (x & 0x00FFF00000FFF000L) << 4;
      x = (x & 0x003F003F003F003FL) | (x & 0x0FC00FC00FC00FC0L) << 2;
      LONGS.set(registers, i, x);
    }
    for (; i < m; i += 4, j += 3) {
      int group = (packed[j] & 0xFF) | (packed[j + 1] & 0xFF) << 8 | (packed[j + 2] & 0xFF) << 16;
      registers[i] = (byte) (group & 63);
      registers[i + 1] = (byte) (group >>> 6 & 63);
      registers[i + 2] = (byte) (group >>> 12 & 63);
      registers[i + 3] = (byte) (group >>> 18);
    }
    return registers;
  }
}
