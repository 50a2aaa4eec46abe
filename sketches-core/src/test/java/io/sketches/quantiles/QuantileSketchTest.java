package io.sketches.quantiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.IncompatibleSketchException;
import io.sketches.format.Sketches;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Exact answers before compaction, the refusals, the kinds, and the layout invariants. */
class QuantileSketchTest {

  private static double[] ranksToAsk() {
    double[] ranks = new double[101];
    for (int i = 0; i <= 100; i++) {
      ranks[i] = i / 100.0;
    }
    return ranks;
  }

  /** Uncompacted, every answer is the oracle's (DataSketches' inclusive definitions). */
  @Property(tries = 200)
  void exactWhileUncompacted(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 200) int n, @ForAll boolean fewValues) {
    SplittableRandom random = new SplittableRandom(seed);
    QuantileSketch sketch = QuantileSketch.create(200);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = fewValues ? random.nextInt(7) - 3 : random.nextGaussian() * 1e3;
      sketch.update(values[i]);
    }
    assertTrue(sketch.isExact(), "k = 200 holds 200 items without compacting");
    assertEquals(0, sketch.normalizedRankError());
    ExactOracle oracle = ExactOracle.ofDoubles(values);
    for (double rank : ranksToAsk()) {
      assertEquals(
          ItemKeys.doubleOf(oracle.quantileKey(rank)), sketch.quantile(rank), "quantile " + rank);
    }
    for (int i = 0; i < n; i++) {
      long key = oracle.key(i);
      assertEquals(oracle.rank(key), sketch.rank(ItemKeys.doubleOf(key)), "rank of item " + i);
      assertEquals(
          oracle.rank(key - 1),
          sketch.rank(Math.nextDown(ItemKeys.doubleOf(key))),
          "rank just below item " + i);
    }
    assertEquals(Arrays.stream(values).min().getAsDouble(), sketch.min());
    assertEquals(Arrays.stream(values).max().getAsDouble(), sketch.max());
  }

  /** A hand-checked case: DataSketches' KllDoublesSketch (INCLUSIVE) gives the same. */
  @Test
  void smallExampleMatchesTheInclusiveDefinition() {
    QuantileSketch sketch = QuantileSketch.create();
    for (double value : new double[] {5, 1, 4, 2, 3, 3}) {
      sketch.update(value);
    }
    // sorted 1 2 3 3 4 5: rank(3) = 4/6, quantile(0.5) = the 3rd smallest, quantile(0.51) the 4th
    assertEquals(4.0 / 6, sketch.rank(3.0));
    assertEquals(1.0 / 6, sketch.rank(1.0));
    assertEquals(0, sketch.rank(0.5));
    assertEquals(1, sketch.rank(5.0));
    assertEquals(3, sketch.quantile(0.5));
    assertEquals(3, sketch.quantile(0.6));
    assertEquals(4, sketch.quantile(0.7));
    assertEquals(1, sketch.quantile(0));
    assertEquals(1, sketch.quantile(1.0 / 6));
    assertEquals(2, sketch.quantile(1.0 / 6 + 1e-9));
    assertEquals(5, sketch.quantile(1));
    assertArrayEquals(new double[] {1.0 / 6, 4.0 / 6, 1}, sketch.cdf(1.0, 3.0));
    assertArrayEquals(new double[] {1.0 / 6, 3.0 / 6, 2.0 / 6}, sketch.pmf(1.0, 3.0), 1e-15);
  }

  @Test
  void longsAbove2To53StayExact() {
    QuantileSketch sketch = QuantileSketch.create(8);
    long base = (1L << 60) + 1;
    for (long i = 0; i < 5; i++) {
      sketch.update(base + i);
    }
    assertEquals(ItemKind.LONGS, sketch.itemKind());
    assertEquals(base, sketch.minLong());
    assertEquals(base + 4, sketch.maxLong());
    assertEquals(base + 2, sketch.quantileLong(0.5));
    assertArrayEquals(new long[] {base, base + 1, base + 4}, sketch.quantilesLong(0, 0.3, 1));
    assertEquals(3.0 / 5, sketch.rank(base + 2));
    assertEquals(2.0 / 5, sketch.rank(base + 1));
    assertArrayEquals(new double[] {0, 2.0 / 5, 1}, sketch.cdf(base - 1, base + 1));
    assertEquals(Long.MIN_VALUE, QuantileSketch.create().update(Long.MIN_VALUE).quantileLong(0.5));
    QuantileSketch extremes = QuantileSketch.create().update(Long.MAX_VALUE).update(Long.MIN_VALUE);
    assertEquals(0.5, extremes.rank(-0x1p63));
    assertEquals(0, extremes.rank(Math.nextDown(-0x1p63)));
    assertEquals(1, extremes.rank(0x1p63));
    assertEquals(0.5, extremes.rank(Long.MAX_VALUE - 1));
  }

  @Test
  void longSplitPointsCompareExactlyWithDoubles() {
    QuantileSketch sketch = QuantileSketch.create();
    sketch.update(0x1p60).update(1.5);
    // 2^60 + 1 is not a double: items ≤ it are 1.5 and 2^60
    assertEquals(1, sketch.rank((1L << 60) + 1));
    assertEquals(0.5, sketch.rank((1L << 60) - 1));
    assertEquals(0, sketch.rank(1L));
    assertEquals(0, sketch.rank(1.0));
    assertEquals(0.5, sketch.rank(2L));
    assertEquals(1, sketch.rank(Long.MAX_VALUE));
  }

  @Test
  void negativeZeroIsZeroAndInfinitiesAreItems() {
    QuantileSketch sketch = QuantileSketch.create();
    sketch
        .update(-0.0)
        .update(0.0)
        .update(Double.NEGATIVE_INFINITY)
        .update(Double.POSITIVE_INFINITY);
    assertEquals(Double.NEGATIVE_INFINITY, sketch.min());
    assertEquals(Double.POSITIVE_INFINITY, sketch.max());
    assertEquals(0.75, sketch.rank(-0.0));
    assertEquals(0.75, sketch.rank(0.0));
    assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(sketch.quantile(0.5)));
  }

  @Test
  void badInputIsRefusedAndLeavesTheSketchUnchanged() {
    QuantileSketch doubles = QuantileSketch.create(8).update(1.0).update(2.0);
    byte[] before = doubles.toByteArray();
    IllegalArgumentException nan =
        assertThrows(IllegalArgumentException.class, () -> doubles.update(Double.NaN));
    assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
    IllegalArgumentException kind =
        assertThrows(IllegalArgumentException.class, () -> doubles.update(7L));
    assertTrue(kind.getMessage().contains("7"), kind.getMessage());
    assertArrayEquals(before, doubles.toByteArray());
    QuantileSketch longs = QuantileSketch.create(8).update(3L);
    assertThrows(IllegalArgumentException.class, () -> longs.update(3.0));
    assertThrows(IncompatibleSketchException.class, () -> doubles.merge(longs));
    assertThrows(
        IncompatibleSketchException.class,
        () -> doubles.merge(QuantileSketch.create(8, 1).update(1.0)));
    assertArrayEquals(before, doubles.toByteArray());
    QuantileSketch empty = QuantileSketch.create();
    assertThrows(IllegalArgumentException.class, () -> empty.update(Double.NaN));
    assertEquals(ItemKind.NONE, empty.itemKind());
    assertArrayEquals(QuantileSketch.create().toByteArray(), empty.toByteArray());
    assertThrows(IllegalArgumentException.class, () -> QuantileSketch.create(7));
    assertThrows(IllegalArgumentException.class, () -> QuantileSketch.create(65536));
    assertThrows(IllegalArgumentException.class, () -> doubles.quantile(1.5));
    assertThrows(IllegalArgumentException.class, () -> doubles.quantile(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> doubles.rank(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> doubles.cdf(1.0, 1.0));
    assertThrows(IllegalArgumentException.class, () -> doubles.cdf(1.0, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> doubles.pmf(2L, 1L));
    assertThrows(IllegalStateException.class, doubles::minLong);
    assertThrows(IllegalStateException.class, () -> doubles.quantileLong(0.5));
    assertThrows(IllegalStateException.class, () -> empty.quantileLong(0.5));
  }

  @Test
  void emptyAnswersNaN() {
    QuantileSketch empty = QuantileSketch.create();
    assertTrue(empty.isEmpty());
    assertTrue(Double.isNaN(empty.quantile(0.5)));
    assertTrue(Double.isNaN(empty.rank(1.0)));
    assertTrue(Double.isNaN(empty.min()));
    assertTrue(Arrays.stream(empty.cdf(1.0, 2.0)).allMatch(Double::isNaN));
    assertEquals(0, empty.retainedItems());
  }

  @Test
  void mergeOfKindsAndKs() {
    QuantileSketch longs = QuantileSketch.create(100).update(5L);
    QuantileSketch merged = QuantileSketch.create(300).merge(longs);
    assertEquals(ItemKind.LONGS, merged.itemKind());
    assertEquals(100, merged.k(), "a merge keeps the smaller k");
    assertEquals(5L, merged.quantileLong(0.5));
    assertEquals(100, longs.copy().merge(QuantileSketch.create(300)).k());
    assertEquals(50, longs.copy().merge(QuantileSketch.create(50)).k());
  }

  @Test
  void registeredInTheFormatRegistry() {
    QuantileSketch sketch = QuantileSketch.create(16, 3);
    for (int i = 0; i < 1000; i++) {
      sketch.update((double) i);
    }
    assertArrayEquals(
        sketch.toByteArray(), Sketches.fromByteArray(sketch.toByteArray()).toByteArray());
  }

  /**
   * Memory and bytes stay bounded by k: at most Σ max(8, ⌈k·(2/3)^d⌉) ≤ 3k + 9 per level, with at
   * most log2(n) + 1 levels, whatever the stream length.
   */
  @Test
  void retainedItemsStayWithinCapacity() {
    for (int k : new int[] {8, 50, 200, 1000}) {
      QuantileSketch sketch = QuantileSketch.create(k);
      int mostRetained = 0;
      for (long i = 0; i < 300_000; i++) {
        sketch.update(i * 7919 % 300_007);
        mostRetained = Math.max(mostRetained, sketch.retainedItems());
      }
      int levels = 64 - Long.numberOfLeadingZeros(sketch.count());
      assertTrue(
          mostRetained <= 3 * k + 9 * levels,
          k + ": " + mostRetained + " retained at most, " + levels + " levels");
      assertEquals(300_000, sketch.count());
    }
  }

  /** The count is the sum of the weights: the sorted view's last cumulative weight. */
  @Property(tries = 50)
  void countIsTheSumOfTheWeights(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 5000) int n,
      @ForAll @IntRange(min = 8, max = 40) int k) {
    SplittableRandom random = new SplittableRandom(seed);
    QuantileSketch sketch = QuantileSketch.create(k, seed);
    for (int i = 0; i < n; i++) {
      sketch.update(random.nextLong(1000));
    }
    QuantileSketch read = QuantileSketch.fromByteArray(sketch.toByteArray());
    assertEquals(n, read.count());
    assertEquals(1.0, read.rank(read.maxLong()));
    assertTrue(read.retainedItems() <= Capacities.total(k, 62));
  }

  /**
   * A query after updates merges level 0 into the kept view of the levels above it; its answers
   * equal those of the same sketch read from its bytes (a view built from nothing), after every
   * update — those that only add to level 0, those that compact — and after copies and merges.
   */
  @Property(tries = 30)
  void viewKeptAcrossUpdatesAnswersAsAFreshOne(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 3000) int n,
      @ForAll @IntRange(min = 8, max = 40) int k) {
    SplittableRandom random = new SplittableRandom(seed);
    QuantileSketch sketch = QuantileSketch.create(k, seed);
    double[] ranks = {0.01, 0.2, 0.5, 0.77, 0.99};
    for (int i = 0; i < n; i++) {
      sketch.update(random.nextLong(500));
      if (random.nextInt(8) == 0) {
        sketch =
            random.nextBoolean() ? sketch.copy() : sketch.merge(QuantileSketch.create(k, seed));
      }
      QuantileSketch fresh = QuantileSketch.fromByteArray(sketch.toByteArray());
      long probe = random.nextLong(500);
      assertArrayEquals(fresh.quantilesLong(ranks), sketch.quantilesLong(ranks), "after " + i);
      assertEquals(fresh.rank(probe), sketch.rank(probe), "rank of " + probe + " after " + i);
    }
  }
}
