package io.sketches.bench.quantiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.sketches.bench.quantiles.QuantilesAccuracyStudy.Config;
import org.junit.jupiter.api.Test;

/** The study's statistics, and that its DataSketches anchor is reproducible from its seeds. */
class QuantilesAccuracyStudyTest {

  @Test
  void dataSketchesTrialsRepeatExactlyFromTheirSeeds() {
    Config config = new Config(StreamOrder.RANDOM, true);
    TrialResults first =
        QuantilesAccuracyStudy.trials(Contender.DATASKETCHES, 16, config, 5000, 5, 4);
    TrialResults again =
        QuantilesAccuracyStudy.trials(Contender.DATASKETCHES, 16, config, 5000, 5, 4);
    assertArrayEquals(first.worst, again.worst);
    assertArrayEquals(first.bytes, again.bytes);
    assertNotEquals(first.worst[0], first.worst[1], "trials differ (streams and coins)");
  }

  @Test
  void percentilesAreNearestRankOverTrials() {
    TrialResults results = new TrialResults(1000, 0);
    for (int t = 0; t < 1000; t++) {
      results.worst[t] = 1000 - t; // 1..1000 in reverse
    }
    assertEquals(990, results.worstQuantile(0.99));
    assertEquals(1000, results.worstQuantile(1));
    // T·q ± √(T·q·(1 − q)) = 990 ± 3.15: order statistics 986 and 994
    assertArrayEquals(new double[] {986, 994}, results.worstQuantileInterval(0.99));
  }

  @Test
  void coverageCountsTrialsWithinTheirOwnStatedError() {
    TrialResults results = new TrialResults(4, 0);
    results.worst[0] = 0.1;
    results.stated[0] = 0.1; // on the bound: covered
    results.worst[1] = 0.2;
    results.stated[1] = 0.1;
    results.worst[2] = 0.0;
    results.stated[2] = 0.0;
    results.worst[3] = 0.05;
    results.stated[3] = 0.3;
    assertEquals(0.75, results.coverage());
  }
}
