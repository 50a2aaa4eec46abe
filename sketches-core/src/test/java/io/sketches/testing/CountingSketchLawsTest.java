package io.sketches.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sketches.IncompatibleSketchException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The law tests run against the tiny test-only sketch, so the harness itself is proven. */
class CountingSketchLawsTest extends SketchLaws<CountingSketch, Long> {

  @Override
  protected CountingSketch emptySketch() {
    return CountingSketch.create(42);
  }

  @Override
  protected void update(CountingSketch sketch, Long event) {
    sketch.update(event);
  }

  @Override
  protected CountingSketch fromBytes(byte[] bytes) {
    return CountingSketch.fromByteArray(bytes);
  }

  @Override
  protected Long randomEvent(Random random) {
    return random.nextLong();
  }

  @Test
  void differentSeedsDoNotMerge() {
    CountingSketch sketch = CountingSketch.create(1).update(5);
    IncompatibleSketchException e =
        assertThrows(
            IncompatibleSketchException.class, () -> sketch.merge(CountingSketch.create(2)));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("1 and 2"), e.getMessage());
    org.junit.jupiter.api.Assertions.assertEquals(
        1, sketch.count(), "a refused merge changes nothing");
  }
}
