package io.sketches.bench.frequency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sketches.bench.frequency.TopKAccuracyStudy.Reported;
import io.sketches.bench.frequency.TopKAccuracyStudy.Score;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The study's scoring catches wrong answers before its "recall 1.0" counts; its map size is
 * Spark's.
 */
class TopKAccuracyStudyTest {
  /** Item i occurs 10 − i times for i in 0..9; item 10 ties with item 9 (once each). */
  private static final long[] TRUTH = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1};

  @Test
  void theExactTopKScoresPerfectly() {
    Score s = score(List.of(new Reported(0, 10), new Reported(1, 9), new Reported(2, 8)), 3);
    assertEquals(1.0, s.recall());
    assertEquals(1.0, s.precision());
    assertEquals(0.0, s.meanError());
    assertEquals(0, s.maxError());
  }

  @Test
  void aWrongItemAndWrongCountsAreCaught() {
    // item 5 is not in the top 3; item 0's estimate is 4 too high
    Score s = score(List.of(new Reported(0, 14), new Reported(1, 9), new Reported(5, 5)), 3);
    assertEquals(2.0 / 3, s.recall(), 1e-12);
    assertEquals(2.0 / 3, s.precision(), 1e-12);
    assertEquals(4.0 / 3, s.meanError(), 1e-12);
    assertEquals(4, s.maxError());
  }

  @Test
  void fewerItemsThanKLowerRecallNotPrecision() {
    Score s = score(List.of(new Reported(0, 10)), 5);
    assertEquals(0.2, s.recall(), 1e-12);
    assertEquals(1.0, s.precision());
  }

  @Test
  void anItemTiedWithTheKthCountIsCorrect() {
    Score s = score(List.of(new Reported(10, 1)), 10);
    assertEquals(1.0, s.precision());
  }

  @Test
  void mapSizeIsSparksPowerOfTwoAboveTrackedOverThreeQuarters() {
    assertEquals(32, TopKAccuracyStudy.sparkMapSize(20));
    assertEquals(2048, TopKAccuracyStudy.sparkMapSize(1000));
    assertEquals(16384, TopKAccuracyStudy.sparkMapSize(10_000));
    assertEquals(16, TopKAccuracyStudy.sparkMapSize(12));
  }

  private static Score score(List<Reported> reported, int k) {
    return TopKAccuracyStudy.score("test", 10, k, "test", reported, TRUTH);
  }
}
