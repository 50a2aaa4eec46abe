package io.sketches.bench.quantiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.bench.quantiles.QuantilesAccuracyStudy.Config;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The bisection finds exactly the worst error that asking every item finds. */
class RankErrorsTest {

  @Test
  void anExactRankFunctionHasNoError() {
    int n = 1000;
    assertEquals(0.0, RankErrors.worst(v -> (v + 1.0) / n, n));
  }

  @Test
  void aStepFunctionIsWorstJustBeforeItsStep() {
    // rank 0 below 50 and 1 from 50: at v = 49 the true rank is 0.5 (error 0.5), at v = 50 it is
    // 0.51 (error 0.49), and the error shrinks away from the step on both sides
    int n = 100;
    double[] worst = RankErrors.worstPerBucket(v -> v < 50 ? 0 : 1, n, 2);
    assertArrayEquals(new double[] {0.5, 0.49}, worst, 1e-12);
    assertEquals(0.5, RankErrors.worst(v -> v < 50 ? 0 : 1, n), 1e-12);
  }

  @Test
  void bisectionEqualsEveryItemOnBothSketches() {
    int configs = 2 * StreamOrder.values().length;
    assertEquals(configs, bisectionEqualsEveryItem(Contender.OURS));
    assertEquals(configs, bisectionEqualsEveryItem(Contender.DATASKETCHES));
  }

  /**
   * Compares bisection with asking every item in each configuration; returns how many it checked.
   */
  private static <S> int bisectionEqualsEveryItem(Contender<S> contender) {
    int n = 20_000;
    int checked = 0;
    for (StreamOrder order : StreamOrder.values()) {
      for (boolean merged : new boolean[] {false, true}) {
        Config config = new Config(order, merged);
        double[] universe = QuantilesAccuracyStudy.universe(n);
        double[] items = QuantilesAccuracyStudy.stream(universe, order.positions(n, 11));
        S sketch = QuantilesAccuracyStudy.sketch(contender, 16, config, items, 12);
        IntToDoubleFunction rank = v -> contender.rank(sketch, universe[v]);
        double[] bisected = RankErrors.worstPerBucket(rank, n, 7);
        String what = contender.name() + " " + config.label();
        assertArrayEquals(RankErrors.bruteForce(rank, n, 7), bisected, what);
        assertTrue(RankErrors.max(bisected) > 0, what + ": k = 16 compacts 20,000 items");
        checked++;
      }
    }
    return checked;
  }
}
