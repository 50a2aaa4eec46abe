package io.sketches.bench.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sketches.bench.spark.QueryTimer.Timing;
import org.junit.jupiter.api.Test;

/** The per-round ratios pair each round with the same round of the other query. */
class QueryTimerTest {
  @Test
  void pairedRatioIsTheMedianOfPerRoundRatios() {
    // round 3 is slow for both (load): paired, it is an ordinary round; unpaired it would not be
    Timing ours = new Timing("ours", 100, new double[] {1, 1, 4, 1, 2});
    Timing theirs = new Timing("theirs", 100, new double[] {2, 2, 8, 1, 2});
    assertArrayEquals(new double[] {2, 1, 2}, ours.pairedRatioTo(theirs), 1e-12);
    assertEquals(100, ours.medianRowsPerSecond(), 1e-12);
    assertEquals(1, ours.best());
    assertEquals(4, ours.worst());
  }
}
