package io.sketches.testing;

import io.sketches.IncompatibleSketchException;
import io.sketches.Sketch;
import io.sketches.format.SketchFormat;
import io.sketches.format.SketchReader;
import io.sketches.format.SketchWriter;

/**
 * A tiny test-only sketch that keeps the contracts: the count, sum and bitwise OR of long items
 * under a configured seed. It exists so the law tests and the format toolkit are proven before any
 * real sketch uses them.
 */
public final class CountingSketch implements Sketch<CountingSketch> {
  /** Outside the range of real sketch type ids. */
  public static final int TYPE_ID = 0x7F;

  static final int SERIAL_VERSION = 1;
  private static final int FLAG_EMPTY = 1;

  private final long seed;
  private long count;
  private long sum;
  private long bits;

  private CountingSketch(long seed) {
    this.seed = seed;
  }

  public static CountingSketch create(long seed) {
    return new CountingSketch(seed);
  }

  public CountingSketch update(long item) {
    count++;
    sum += item;
    bits |= item ^ seed;
    return this;
  }

  public long count() {
    return count;
  }

  @Override
  public CountingSketch merge(CountingSketch other) {
    IncompatibleSketchException.checkEqual("seed", seed, other.seed);
    count += other.count;
    sum += other.sum;
    bits |= other.bits;
    return this;
  }

  @Override
  public CountingSketch copy() {
    CountingSketch copy = new CountingSketch(seed);
    copy.count = count;
    copy.sum = sum;
    copy.bits = bits;
    return copy;
  }

  @Override
  public byte[] toByteArray() {
    SketchWriter out =
        SketchFormat.writer(TYPE_ID, SERIAL_VERSION, count == 0 ? FLAG_EMPTY : 0, 32);
    out.putLong(seed);
    if (count > 0) {
      out.putVarLong(count).putLong(sum).putLong(bits);
    }
    return out.toByteArray();
  }

  public static CountingSketch fromByteArray(byte[] bytes) {
    SketchReader in = SketchFormat.reader(bytes, TYPE_ID, "counting", SERIAL_VERSION);
    in.check((in.flags() & ~FLAG_EMPTY) == 0, "unknown flags 0x%x", in.flags());
    CountingSketch sketch = new CountingSketch(in.getLong());
    if (!in.hasFlag(FLAG_EMPTY)) {
      sketch.count = in.getVarLong();
      in.check(sketch.count > 0, "a non-empty sketch has a positive count, found %d", sketch.count);
      sketch.sum = in.getLong();
      sketch.bits = in.getLong();
    }
    in.expectEnd();
    return sketch;
  }

  @Override
  public String toString() {
    return "CountingSketch[count=" + count + ", sum=" + sum + "]";
  }
}
