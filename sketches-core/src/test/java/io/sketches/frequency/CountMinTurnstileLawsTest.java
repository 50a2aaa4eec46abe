package io.sketches.frequency;

import java.util.Random;

/** The laws for turnstile streams: counts in [-50, 50], so sketches switch to count-median. */
class CountMinTurnstileLawsTest extends CountMinSketchLawsTest {
  @Override
  protected long[] randomEvent(Random random) {
    return new long[] {random.nextInt(200), random.nextInt(101) - 50};
  }
}
