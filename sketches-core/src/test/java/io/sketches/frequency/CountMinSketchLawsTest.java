package io.sketches.frequency;

import java.util.Random;

/**
 * The sketch laws for a plain cash-register Count-Min sketch: small enough (4 × 64) that the
 * streams pass from the sparse to the dense form, and items drawn from a small universe so that
 * counters collide.
 */
class CountMinSketchLawsTest extends io.sketches.testing.SketchLaws<CountMinSketch, long[]> {

  @Override
  protected CountMinSketch emptySketch() {
    return CountMinSketch.create(4, 64, 42);
  }

  @Override
  protected void update(CountMinSketch sketch, long[] event) {
    sketch.update(event[0], event[1]);
  }

  @Override
  protected CountMinSketch fromBytes(byte[] bytes) {
    return CountMinSketch.fromByteArray(bytes);
  }

  @Override
  protected long[] randomEvent(Random random) {
    return new long[] {random.nextInt(200), 1 + random.nextInt(random.nextBoolean() ? 3 : 1000)};
  }
}
