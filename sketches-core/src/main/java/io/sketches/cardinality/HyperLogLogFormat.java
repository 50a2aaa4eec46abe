package io.sketches.cardinality;

import io.sketches.SketchType;
import io.sketches.format.SketchFormat;
import io.sketches.format.SketchReader;
import io.sketches.format.SketchWriter;

/**
 * The serialized form of a {@link HyperLogLog} (serial version 1), after the common 16-byte
 * header of {@code docs/format.md}:
 *
 * <pre>
 * flags: bit 0 DENSE, bit 1 MARTINGALE; other bits 0
 * body:
 *   u8      precision p, 4..18
 *   f64     martingale estimate            only if MARTINGALE (never on an empty sketch)
 *   sparse: varint k, 0 ≤ k ≤ m/8          number of non-zero registers, then k entries in
 *           k × { varint (Δindex &lt;&lt; 2 | c), u8 value if c = 3 }
 *                                          increasing index order; Δindex = index − previous
 *                                          index (previous = −1 at the start), ≥ 1; value = c + 1
 *                                          for c &lt; 3, else the extra byte, in [4, 65 − p]
 *   dense:  0.75·m bytes                   register i in bits 6i..6i+5 (little-endian bit
 *                                          order), values in [0, 65 − p], more than m/8 non-zero
 * </pre>
 *
 * Every form is canonical (sparse if and only if at most m/8 registers are non-zero), so equal
 * states give equal bytes, and anything else is refused.
 */
final class HyperLogLogFormat {
  static final int SERIAL_VERSION = 1;
  static final int FLAG_DENSE = 1;
  static final int FLAG_MARTINGALE = 2;
  private static final int SMALL_VALUE_CODES = 3;

  private HyperLogLogFormat() {}

  static byte[] write(HyperLogLog sketch) {
    int p = sketch.precision();
    int m = 1 << p;
    boolean martingale = sketch.usesMartingale() && !sketch.isEmpty();
    int flags = (sketch.isDense() ? FLAG_DENSE : 0) | (martingale ? FLAG_MARTINGALE : 0);
    SketchWriter out = SketchFormat.writer(SketchType.HYPERLOGLOG, SERIAL_VERSION, flags,
        sketch.isDense() ? 9 + m * 3 / 4 : 16 + 3 * sketch.nonZeroRegisters());
    out.putByte(p);
    if (martingale) {
      out.putDouble(sketch.martingaleEstimate());
    }
    if (sketch.isDense()) {
      out.putBytes(pack(sketch.registers()));
    } else {
      int[] tokens = sketch.tokens();
      out.putVarLong(tokens.length);
      int previous = -1;
      for (int token : tokens) {
        int index = token >>> SparseRegisters.VALUE_BITS;
        int value = token & SparseRegisters.VALUE_MASK;
        int code = Math.min(value - 1, SMALL_VALUE_CODES);
        out.putVarLong((long) (index - previous) << 2 | code);
        if (code == SMALL_VALUE_CODES) {
          out.putByte(value);
        }
        previous = index;
      }
    }
    return out.toByteArray();
  }

  static HyperLogLog read(byte[] bytes) {
    SketchReader in = SketchFormat.reader(bytes, SketchType.HYPERLOGLOG, SERIAL_VERSION);
    in.check((in.flags() & ~(FLAG_DENSE | FLAG_MARTINGALE)) == 0, "unknown flags 0x%x", in.flags());
    int p = in.getUnsignedByte();
    in.check(p >= HyperLogLog.MIN_PRECISION && p <= HyperLogLog.MAX_PRECISION,
        "precision must be in [%d, %d]: %d", HyperLogLog.MIN_PRECISION, HyperLogLog.MAX_PRECISION, p);
    int m = 1 << p;
    int maxValue = 65 - p;
    int limit = HyperLogLog.sparseLimit(p);
    boolean martingale = in.hasFlag(FLAG_MARTINGALE);
    double martingaleEstimate = martingale ? in.getFiniteDouble("martingale estimate") : 0;
    HyperLogLog sketch;
    if (in.hasFlag(FLAG_DENSE)) {
      byte[] registers = unpack(in.getBytes(m / 4 * 3), m);
      int nonZero = 0;
      for (byte value : registers) {
        in.check(value <= maxValue, "register value %d exceeds %d at precision %d", value, maxValue, p);
        nonZero += value != 0 ? 1 : 0;
      }
      in.check(nonZero > limit, "a dense sketch has more than %d non-zero registers, found %d",
          limit, nonZero);
      sketch = HyperLogLog.ofRegisters(p, registers);
    } else {
      long count = in.getVarLong();
      in.check(count >= 0 && count <= limit, "a sparse sketch holds 0..%d registers, found %d",
          limit, count);
      sketch = HyperLogLog.create(p);
      int previous = -1;
      for (int i = 0; i < count; i++) {
        long entry = in.getVarLong();
        long delta = entry >>> 2;
        in.check(delta >= 1 && delta < m - previous, "register index step %d from %d leaves [0, %d)",
            delta, previous, m);
        int index = previous + (int) delta;
        int code = (int) (entry & 3);
        int value = code < SMALL_VALUE_CODES ? code + 1 : in.getUnsignedByte();
        in.check(value >= 1 && value <= maxValue && (code < SMALL_VALUE_CODES || value > 3),
            "sparse register value %d (code %d) outside [1, %d] or not canonical", value, code, maxValue);
        sketch.raiseRegister(index, value);
        previous = index;
      }
    }
    in.expectEnd();
    if (martingale) {
      in.check(!sketch.isEmpty(), "an empty sketch carries no martingale estimate");
      in.check(martingaleEstimate >= sketch.nonZeroRegisters(),
          "martingale estimate %s is below the %d non-zero registers", martingaleEstimate,
          sketch.nonZeroRegisters());
    }
    // An empty sketch is single-stream by definition; a non-empty one says which it is.
    sketch.restoreMartingale(martingale || sketch.isEmpty(), martingaleEstimate);
    return sketch;
  }

  /** Four 6-bit registers in three bytes, little-endian bit order. */
  static byte[] pack(byte[] registers) {
    byte[] packed = new byte[registers.length / 4 * 3];
    for (int i = 0, j = 0; i < registers.length; i += 4, j += 3) {
      int group = registers[i] | registers[i + 1] << 6 | registers[i + 2] << 12 | registers[i + 3] << 18;
      packed[j] = (byte) group;
      packed[j + 1] = (byte) (group >>> 8);
      packed[j + 2] = (byte) (group >>> 16);
    }
    return packed;
  }

  static byte[] unpack(byte[] packed, int m) {
    byte[] registers = new byte[m];
    for (int i = 0, j = 0; i < m; i += 4, j += 3) {
      int group = (packed[j] & 0xFF) | (packed[j + 1] & 0xFF) << 8 | (packed[j + 2] & 0xFF) << 16;
      registers[i] = (byte) (group & 63);
      registers[i + 1] = (byte) (group >>> 6 & 63);
      registers[i + 2] = (byte) (group >>> 12 & 63);
      registers[i + 3] = (byte) (group >>> 18);
    }
    return registers;
  }
}
