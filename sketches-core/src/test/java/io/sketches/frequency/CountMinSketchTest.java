package io.sketches.frequency;

import static io.sketches.testing.StatisticalAssertions.FALSE_FAILURE_PROBABILITY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.IncompatibleSketchException;
import io.sketches.SketchFormatException;
import io.sketches.format.SketchFormat;
import io.sketches.hash.ItemHash;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

class CountMinSketchTest {

  @Test
  void withErrorTakesTheFewestRowsWithinTwelvePercentOfTheSmallestTotal() {
    CountMinSketch sketch = CountMinSketch.withError(0.001, 0.01, 7);
    assertEquals(3, sketch.depth(), "3 rows: 13,926 counters, within 1.12 × 12,560 (5 × 2512)");
    assertEquals(4642, sketch.width(), "⌈0.01^(-1/3) / 0.001⌉");
    assertEquals(0.001, sketch.epsilon());
    assertEquals(0.01, sketch.delta());
    assertTrue(sketch.failureProbability(0.001) <= 0.01);
    assertEquals(1.0, sketch.failureProbability(1e-9));
    for (double epsilon : new double[] {0.1, 0.01, 0.001, 1e-4}) {
      for (double delta : new double[] {0.2, 0.05, 0.01, 1e-3, 1e-6}) {
        CountMinSketch chosen = CountMinSketch.withError(epsilon, delta, 7);
        long smallest = Long.MAX_VALUE;
        for (int d = 1; d <= CountMinSketch.MAX_DEPTH; d++) {
          smallest = Math.min(smallest, d * (long) Math.ceil(Math.pow(delta, -1.0 / d) / epsilon));
        }
        int d = chosen.depth();
        long total = (long) d * chosen.width();
        String shape = epsilon + ", " + delta + ": " + d + " × " + chosen.width();
        assertTrue(total <= 1.12 * smallest, shape + " within the slack");
        assertTrue(chosen.failureProbability(epsilon) <= delta * (1 + 1e-12), shape + " keeps δ");
        if (d > 1) {
          long fewer = (d - 1) * (long) Math.ceil(Math.pow(delta, -1.0 / (d - 1)) / epsilon);
          assertTrue(fewer > 1.12 * smallest, shape + ": one row fewer is over the slack");
        }
      }
    }
  }

  @Test
  void theCormodeMuthukrishnanShapeIsOneCallAway() {
    CountMinSketch sketch = CountMinSketch.create(5, 2719, 7);
    assertEquals(Math.E / 2719, sketch.epsilon(), 1e-18);
    assertEquals(Math.exp(-5), sketch.delta(), 1e-18);
    assertEquals(Math.exp(-5), sketch.failureProbability(sketch.epsilon()), 1e-15);
    assertTrue(sketch.failureProbability(0.001) <= 0.01, "it keeps (0.001, 0.01) too");
  }

  @Test
  void theAskedErrorTravelsThroughBytesCopiesAndMerges() {
    CountMinSketch asked = CountMinSketch.withError(0.001, 0.01, 7).update(5, 3);
    CountMinSketch read = CountMinSketch.fromByteArray(asked.toByteArray());
    assertEquals(0.001, read.epsilon());
    assertEquals(0.01, read.delta());
    assertEquals(asked.errorBound(), read.errorBound());
    assertEquals(0.001, asked.copy().epsilon());
    CountMinSketch looser = CountMinSketch.withError(0.0010001, 0.0100001, 7);
    assertEquals(asked.width(), looser.width(), "the same shape keeps both pairs");
    CountMinSketch ab = asked.copy().merge(looser);
    CountMinSketch ba = looser.copy().merge(asked);
    assertEquals(0.0010001, ab.epsilon(), "the larger ε, in either order");
    assertEquals(0.0100001, ab.delta());
    assertArrayEquals(ab.toByteArray(), ba.toByteArray());
    CountMinSketch plain = CountMinSketch.create(3, 4642, 7);
    assertEquals(0.001, plain.copy().merge(asked).epsilon(), "a given shape takes the asked pair");
    assertEquals(Math.E / 4642, plain.epsilon(), 1e-18);
  }

  @Test
  void badParametersAreRefusedWithTheValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CountMinSketch.withError(0, 0.01, 1));
    assertTrue(e.getMessage().contains("epsilon must be in (0, 1): 0.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CountMinSketch.withError(0.1, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> CountMinSketch.create(0, 10, 1));
    assertThrows(IllegalArgumentException.class, () -> CountMinSketch.create(65, 10, 1));
    assertThrows(IllegalArgumentException.class, () -> CountMinSketch.create(4, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> CountMinSketch.create(64, 1 << 23, 1));
  }

  @Test
  void badUpdatesLeaveTheSketchUnchanged() {
    CountMinSketch sketch = CountMinSketch.create(3, 50, 1).update(5, 3);
    byte[] before = sketch.toByteArray();
    assertThrows(IllegalArgumentException.class, () -> sketch.update((String) null, 1));
    assertThrows(IllegalArgumentException.class, () -> sketch.update((byte[]) null, 1));
    assertThrows(IllegalArgumentException.class, () -> sketch.update(1, Long.MIN_VALUE));
    CountMinSketch conservative = CountMinSketch.create(3, 50, 1).withConservativeUpdate();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> conservative.update(1, -2));
    assertTrue(e.getMessage().contains("-2"), e.getMessage());
    assertArrayEquals(before, sketch.toByteArray());
    assertTrue(conservative.isEmpty());
    assertThrows(IllegalStateException.class, () -> sketch.withConservativeUpdate());
  }

  @Test
  void withConservativeUpdateSwitchesThisEmptySketchAndReturnsIt() {
    CountMinSketch sketch = CountMinSketch.create(3, 50, 1);
    assertSame(sketch, sketch.withConservativeUpdate());
    assertTrue(sketch.isConservative());
    assertSame(sketch, sketch.withConservativeUpdate(), "again on an empty sketch: no change");
    sketch.update(7, 2).update(7, 1);
    assertEquals(3, sketch.estimate(7));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, sketch::withConservativeUpdate);
    assertTrue(e.getMessage().contains("absolute weight 3"), e.getMessage());
    CountMinSketch merged = CountMinSketch.create(3, 50, 1).merge(CountMinSketch.create(3, 50, 1));
    assertTrue(merged.withConservativeUpdate().isConservative(), "an empty merge leaves it empty");
  }

  @Test
  void countersNeverWrap() {
    CountMinSketch sketch = CountMinSketch.create(2, 8, 1).update(1, Long.MAX_VALUE - 1);
    byte[] before = sketch.toByteArray();
    assertThrows(ArithmeticException.class, () -> sketch.update(2, 2));
    assertThrows(ArithmeticException.class, () -> sketch.update(2, -2));
    assertThrows(ArithmeticException.class, () -> sketch.merge(sketch.copy()));
    assertArrayEquals(before, sketch.toByteArray(), "a refused update changes nothing");
    assertEquals(Long.MAX_VALUE, sketch.update(3, 1).totalWeight());
  }

  @Test
  void cashRegisterNeverUnderestimatesAndIsExactWithoutCollisions() {
    CountMinSketch sketch = CountMinSketch.create(5, 100, 3);
    long[] truth = new long[500];
    Random random = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      int item = random.nextInt(truth.length);
      long count = 1 + random.nextInt(10);
      truth[item] += count;
      sketch.update(item, count);
    }
    for (int item = 0; item < truth.length; item++) {
      long estimate = sketch.estimate(item);
      assertTrue(estimate >= truth[item], "never below the truth");
      assertEquals(estimate, sketch.upperBound(item));
      assertEquals(Math.max(0, estimate - sketch.errorBound()), sketch.lowerBound(item));
    }
    CountMinSketch single = CountMinSketch.create(3, 16, 3).update("x", 7);
    assertEquals(7, single.estimate("x"));
    assertEquals(7, single.estimate("x".getBytes(StandardCharsets.UTF_8)), "string = UTF-8 bytes");
    assertEquals(7, single.estimateHash(ItemHash.hash("x")));
    for (String text :
        new String[] {
          "",
          "plain ascii",
          "Grüße, 東京",
          "emoji \uD83D\uDE00",
          "unpaired \uD800 high",
          "unpaired \uDC00 low"
        }) {
      assertEquals(ItemHash.hash(text), CountMinSketch.hashOf(text), text);
      assertEquals(ItemHash.hash(text), CountMinSketch.hashOf(new StringBuilder(text)), text);
    }
  }

  /**
   * CM05 Theorem 1 per item: P[â > a + εN] ≤ δ = e^-d. Each trial uses its own seed, so trials are
   * independent and the number of failures is at most Binomial(trials, δ); we fail only if it is in
   * that distribution's upper tail beyond probability 1e-6 (the false-failure probability).
   */
  @Test
  void pointErrorExceedsEpsilonNWithProbabilityAtMostDelta() {
    int trials = 3000;
    int failures = 0;
    for (int trial = 0; trial < trials; trial++) {
      CountMinSketch sketch = CountMinSketch.create(2, 30, trial); // ε = 0.0906, δ = 0.135
      Random random = new Random(trial);
      for (int i = 0; i < 300; i++) {
        sketch.update(1 + random.nextInt(100), 1);
      }
      failures += sketch.estimate(0) > sketch.epsilon() * sketch.totalWeight() ? 1 : 0;
    }
    assertUpperTail(failures, trials, Math.exp(-2), "items over the ε‖a‖₁ bound");
  }

  /** CM05 Theorem 5: count-median is within ±3ε‖a‖₁ except with probability δ^(1/4). */
  @Test
  void turnstileBoundsHoldWithProbabilityDeltaToTheQuarter() {
    int trials = 2000;
    int failures = 0;
    for (int trial = 0; trial < trials; trial++) {
      CountMinSketch sketch = CountMinSketch.create(5, 30, trial); // δ^(1/4) = e^-1.25
      Random random = new Random(trial);
      long truth = 0;
      for (int i = 0; i < 400; i++) {
        int item = random.nextInt(100);
        long count = random.nextInt(21) - 10;
        truth += item == 0 ? count : 0;
        sketch.update(item, count);
      }
      assertTrue(sketch.isTurnstile());
      boolean inside = sketch.lowerBound(0) <= truth && truth <= sketch.upperBound(0);
      failures += inside ? 0 : 1;
    }
    assertUpperTail(failures, trials, Math.exp(-5 / 4.0), "items outside ±3ε‖a‖₁");
  }

  private static void assertUpperTail(int failures, int trials, double p, String what) {
    BinomialDistribution bound = new BinomialDistribution(null, trials, p);
    double tail = 1 - bound.cumulativeProbability(failures - 1);
    assertTrue(
        tail >= FALSE_FAILURE_PROBABILITY,
        what + ": " + failures + " of " + trials + ", at most about " + p * trials + " expected");
  }

  @Test
  void turnstileDeletesCancelAndSwitchToMedian() {
    CountMinSketch sketch = CountMinSketch.create(7, 2000, 5);
    for (int item = 0; item < 1000; item++) {
      sketch.update(item, 10);
    }
    assertFalse(sketch.isTurnstile());
    for (int item = 0; item < 1000; item += 2) {
      sketch.update(item, -10);
    }
    assertTrue(sketch.isTurnstile());
    assertEquals(5000, sketch.totalWeight());
    assertEquals(15000, sketch.absoluteWeight());
    int exact = 0;
    for (int item = 0; item < 1000; item++) {
      long truth = item % 2 == 0 ? 0 : 10;
      exact += sketch.estimate(item) == truth ? 1 : 0;
    }
    // with 1000 live items in 2000 columns, most rows of most items are collision-free for the
    // odd items, and the median of 7 rows is exact when at least 4 are; a loose floor suffices
    assertTrue(exact > 900, "count-median exact for most items: " + exact);
    // a turnstile sketch round-trips with its flag
    CountMinSketch read = CountMinSketch.fromByteArray(sketch.toByteArray());
    assertTrue(read.isTurnstile());
    assertEquals(sketch.estimate(3), read.estimate(3));
  }

  @Test
  void conservativeNeverUnderestimatesAndNeverExceedsPlain() {
    CountMinSketch plain = CountMinSketch.create(3, 64, 9);
    CountMinSketch conservative = CountMinSketch.create(3, 64, 9).withConservativeUpdate();
    CountMinSketch conservativeA = conservative.copy();
    CountMinSketch conservativeB = conservative.copy();
    long[] truth = new long[400];
    Random random = new Random(4);
    for (int i = 0; i < 10_000; i++) {
      int item = (int) Math.floor(Math.exp(random.nextDouble() * Math.log(truth.length)));
      truth[item]++;
      plain.update(item, 1);
      conservative.update(item, 1);
      (i % 3 == 0 ? conservativeA : conservativeB).update(item, 1);
    }
    CountMinSketch merged = conservativeA.merge(conservativeB);
    long plainError = 0;
    long conservativeError = 0;
    for (int item = 0; item < truth.length; item++) {
      assertTrue(conservative.estimate(item) >= truth[item], "conservative ≥ truth");
      assertTrue(conservative.estimate(item) <= plain.estimate(item), "conservative ≤ plain");
      assertTrue(merged.estimate(item) >= truth[item], "merged conservative ≥ truth");
      assertTrue(merged.estimate(item) <= plain.estimate(item), "merged conservative ≤ plain");
      plainError += plain.estimate(item) - truth[item];
      conservativeError += conservative.estimate(item) - truth[item];
    }
    assertTrue(conservativeError < plainError, conservativeError + " vs " + plainError);
    assertTrue(CountMinSketch.fromByteArray(conservative.toByteArray()).isConservative());
  }

  @Test
  void incompatibleMergesNameBothShapesAndChangeNothing() {
    CountMinSketch sketch = CountMinSketch.create(4, 100, 1).update(1, 1);
    byte[] before = sketch.toByteArray();
    IncompatibleSketchException e =
        assertThrows(
            IncompatibleSketchException.class,
            () -> sketch.merge(CountMinSketch.create(5, 200, 2)));
    assertTrue(
        e.getMessage().contains("depth 4 × width 100 seed 1")
            && e.getMessage().contains("depth 5 × width 200 seed 2"),
        e.getMessage());
    assertThrows(
        IncompatibleSketchException.class,
        () -> sketch.merge(CountMinSketch.create(4, 100, 1).withConservativeUpdate()));
    assertThrows(
        IncompatibleSketchException.class,
        () -> sketch.innerProduct(CountMinSketch.create(4, 100, 3)));
    assertArrayEquals(before, sketch.toByteArray());
  }

  @Test
  void innerProductIsAnOverestimateWithinItsBound() {
    // depth 20: the bound fails with probability e^-20 < 1e-6, the false-failure probability
    CountMinSketch a = CountMinSketch.create(20, 300, 8);
    CountMinSketch b = CountMinSketch.create(20, 300, 8);
    long[] fa = new long[1000];
    long[] fb = new long[1000];
    Random random = new Random(2);
    for (int i = 0; i < 20_000; i++) {
      int x = random.nextInt(1000);
      int y = (int) Math.floor(Math.exp(random.nextDouble() * Math.log(1000)));
      fa[x]++;
      fb[y]++;
      a.update(x, 1);
      b.update(y, 1);
    }
    long truth = 0;
    for (int i = 0; i < 1000; i++) {
      truth += fa[i] * fb[i];
    }
    long estimate = a.innerProduct(b);
    assertTrue(estimate >= truth, estimate + " ≥ " + truth);
    assertTrue(estimate <= truth + a.innerProductError(b), estimate + " within bound of " + truth);
    assertEquals(0, a.innerProduct(CountMinSketch.create(20, 300, 8)));
  }

  @Test
  void emptySketchIsItsParametersOnlyAndSparseIsSmall() {
    CountMinSketch empty = CountMinSketch.withError(0.001, 0.01, 1);
    assertEquals(SketchFormat.HEADER_BYTES + 29, empty.toByteArray().length, "and (ε, δ)");
    assertEquals(
        SketchFormat.HEADER_BYTES + 13, CountMinSketch.create(3, 4642, 1).toByteArray().length);
    CountMinSketch few = empty.copy().update(1, 1).update(2, 1);
    assertTrue(few.toByteArray().length < 80, "sparse: " + few.toByteArray().length);
    CountMinSketch read = CountMinSketch.fromByteArray(few.toByteArray());
    assertEquals(1, read.estimate(1));
    assertEquals(2, read.totalWeight());
    CountMinSketch zero = empty.copy().update(1, 0);
    assertTrue(zero.isEmpty(), "a zero count is no update");
  }

  @Test
  void forgedRowSumsAreRefused() {
    CountMinSketch sketch = CountMinSketch.create(2, 4, 1).update(1, 3).update(2, 1);
    CountMinSketch forged = sketch.copy();
    forged.counters()[0] += 1; // row 0 no longer sums to the total weight
    assertThrows(
        SketchFormatException.class, () -> CountMinSketch.fromByteArray(forged.toByteArray()));
    CountMinSketch negative = sketch.copy();
    int cell = 0;
    while (negative.counters()[cell] == 0) {
      cell++;
    }
    negative.counters()[cell] = -negative.counters()[cell]; // negative in a cash-register sketch
    assertThrows(
        SketchFormatException.class, () -> CountMinSketch.fromByteArray(negative.toByteArray()));
  }
}
