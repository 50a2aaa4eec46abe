package io.sketches.cardinality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sketches.testing.SketchLaws;
import java.util.Random;

/**
 * The foundation laws at p = 8 (m = 256, sparse up to 32 registers), so that generated streams of
 * up to 600 items cover the empty, sparse and dense forms and the promotion between them. Bytes
 * must be identical for every law except one: {@code sketch(a).merge(sketch(b))} has the martingale
 * estimator switched off while {@code sketch(a ++ b)} keeps it, so there precision and registers
 * are compared, and the bytes after discarding the martingale state.
 */
class HyperLogLogLawsTest extends SketchLaws<HyperLogLog, Long> {

  /** The precision of every sketch of this test. */
  protected int precision() {
    return 8;
  }

  @Override
  protected HyperLogLog emptySketch() {
    return HyperLogLog.create(precision());
  }

  @Override
  protected void update(HyperLogLog sketch, Long event) {
    sketch.update(event);
  }

  @Override
  protected HyperLogLog fromBytes(byte[] bytes) {
    return HyperLogLog.fromByteArray(bytes);
  }

  @Override
  protected Long randomEvent(Random random) {
    // A small universe, so streams repeat items.
    return (long) random.nextInt(2000);
  }

  @Override
  protected int maxStreamLength() {
    return 600;
  }

  @Override
  protected void assertEquivalent(HyperLogLog expected, HyperLogLog actual, String law) {
    assertEquals(expected.precision(), actual.precision(), law + ": precision");
    assertArrayEquals(expected.registers(), actual.registers(), law + ": registers");
    if (law.contains("a ++ b")) {
      assertArrayEquals(
          expected.copy().discardMartingale().toByteArray(),
          actual.copy().discardMartingale().toByteArray(),
          law + ": bytes without martingale");
    } else {
      assertArrayEquals(expected.toByteArray(), actual.toByteArray(), law + ": bytes");
    }
  }
}
