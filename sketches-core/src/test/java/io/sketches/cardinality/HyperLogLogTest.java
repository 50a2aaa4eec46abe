package io.sketches.cardinality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.hash.ItemHash;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** API behaviour: bad input, hashing paths, sizes, downsizing, merges across precisions. */
class HyperLogLogTest {

  private static HyperLogLog sketchOfRange(int precision, long from, long to) {
    HyperLogLog sketch = HyperLogLog.create(precision);
    for (long i = from; i < to; i++) {
      sketch.update(i);
    }
    return sketch;
  }

  private static void assertRefused(Executable call, String value, HyperLogLog unchanged) {
    byte[] before = unchanged.toByteArray();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(value), e.getMessage());
    assertArrayEquals(before, unchanged.toByteArray(), "a refused call changes nothing");
  }

  @Test
  void badInputIsRefusedWithTheValue() {
    HyperLogLog sketch = sketchOfRange(12, 0, 100);
    assertRefused(() -> HyperLogLog.create(3), ": 3", sketch);
    assertRefused(() -> HyperLogLog.create(19), ": 19", sketch);
    assertRefused(() -> sketch.update((CharSequence) null), "null", sketch);
    assertRefused(() -> sketch.update((byte[]) null), "null", sketch);
    assertRefused(() -> sketch.merge(null), "null", sketch);
    assertRefused(() -> sketch.lowerBound(0), ": 0", sketch);
    assertRefused(() -> sketch.upperBound(4), ": 4", sketch);
    assertRefused(() -> sketch.downsize(13), ": 13", sketch);
    assertRefused(() -> sketch.downsize(3), ": 3", sketch);
  }

  @Test
  void anItemCountsOnceWhicheverPathItTakes() {
    HyperLogLog sketch = HyperLogLog.create();
    int five = 5;
    sketch.update(five).update(5L).updateHash(ItemHash.hash(5)).updateHash(ItemHash.hash(5L));
    assertEquals(1, sketch.distinctItemsSeen());
    assertEquals(1.0, sketch.estimate(), 1e-12);
    sketch
        .update("héllo")
        .update("héllo".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .update(new StringBuilder("héllo"));
    assertEquals(2, sketch.distinctItemsSeen(), "a string and its UTF-8 bytes count once");
    assertEquals(2.0, sketch.estimate(), 1e-3);
    sketch.update(-0.0).update(0.0);
    assertEquals(3, sketch.distinctItemsSeen(), "-0.0 and 0.0 count once");
  }

  @Test
  void emptySketch() {
    HyperLogLog empty = HyperLogLog.create();
    assertTrue(empty.isEmpty());
    assertEquals(12, empty.precision());
    assertEquals(0.0, empty.estimate());
    assertEquals(0.0, empty.lowerBound(3));
    assertEquals(0.0, empty.upperBound(3));
    assertEquals(0.0, empty.copy().discardMartingale().estimate());
    assertTrue(empty.toByteArray().length <= 32, "empty: " + empty.toByteArray().length + " bytes");
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 8, 12, 16, 18})
  void serializedSizes(int precision) {
    int m = 1 << precision;
    HyperLogLog ten = sketchOfRange(precision, 0, 10);
    assertTrue(ten.toByteArray().length <= 64, "n = 10: " + ten.toByteArray().length + " bytes");
    HyperLogLog dense = sketchOfRange(precision, 0, 20L * m);
    assertTrue(dense.isDense());
    assertEquals(16 + 1 + 8 + m * 3 / 4, dense.toByteArray().length, "dense, martingale");
    assertEquals(
        16 + 1 + m * 3 / 4, dense.discardMartingale().toByteArray().length, "dense, merged");
  }

  @Test
  void promotionToDenseHappensPastOneEighthOfTheRegisters() {
    HyperLogLog sketch = HyperLogLog.create(10);
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < HyperLogLog.sparseLimit(10); i++) {
      sketch.updateHash(random.nextLong());
    }
    assertFalse(sketch.isDense(), "sparse while at most m/8 entries are held");
    assertEquals(HyperLogLog.sparseLimit(10), sketch.distinctItemsSeen());
    sketch.updateHash(random.nextLong());
    assertTrue(sketch.isDense(), "dense from m/8 + 1 entries on");
  }

  @Test
  void sparseSketchesAreExactForDistinctFineIndexes() {
    // 2^24 fine registers: 500 items collide with probability ~0.7%; these seeds do not.
    HyperLogLog sketch = sketchOfRange(12, 0, 500);
    assertEquals(500, sketch.distinctItemsSeen());
    assertEquals(500, sketch.copy().discardMartingale().estimate(), 0.01);
    assertEquals(500, sketch.estimate(), 0.05);
    assertTrue(sketch.lowerBound(3) <= 500 && 500 <= sketch.upperBound(3));
  }

  @Test
  void updateOrderDoesNotChangeRegistersOrForm() {
    List<Long> items = new ArrayList<>();
    for (long i = 0; i < 3000; i++) {
      items.add(i % 1700);
    }
    HyperLogLog inOrder = HyperLogLog.create(10);
    items.forEach(inOrder::update);
    Collections.shuffle(items, new Random(7));
    HyperLogLog shuffled = HyperLogLog.create(10);
    items.forEach(shuffled::update);
    assertArrayEquals(
        inOrder.discardMartingale().toByteArray(), shuffled.discardMartingale().toByteArray());
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 40, 300, 5_000, 200_000})
  void downsizeEqualsBuildingAtTheSmallerPrecision(int n) {
    HyperLogLog large = sketchOfRange(14, 0, n);
    for (int precision : new int[] {12, 9, 4}) {
      HyperLogLog direct = sketchOfRange(precision, 0, n).discardMartingale();
      HyperLogLog downsized = large.copy().downsize(precision);
      assertEquals(
          large.usesMartingale(), downsized.usesMartingale(), "downsize keeps the estimator");
      assertArrayEquals(
          direct.toByteArray(),
          downsized.discardMartingale().toByteArray(),
          "n = " + n + ", p 14 -> " + precision);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 500, 50_000})
  void mergeOfDifferentPrecisionsFoldsToTheSmaller(int n) {
    HyperLogLog direct = sketchOfRange(10, 0, 2L * n).discardMartingale();
    HyperLogLog fine = sketchOfRange(13, 0, n);
    HyperLogLog coarse = sketchOfRange(10, n / 2, 2L * n);
    HyperLogLog fineIntoCoarse = coarse.copy().merge(fine);
    HyperLogLog coarseIntoFine = fine.copy().merge(coarse);
    assertEquals(10, fineIntoCoarse.precision());
    assertEquals(10, coarseIntoFine.precision());
    assertArrayEquals(direct.toByteArray(), fineIntoCoarse.toByteArray());
    assertArrayEquals(direct.toByteArray(), coarseIntoFine.toByteArray());
  }

  @Test
  void mergeSwitchesTheMartingaleOffUnlessOneSideIsEmpty() {
    HyperLogLog a = sketchOfRange(12, 0, 1000);
    HyperLogLog b = sketchOfRange(12, 500, 3000);
    assertTrue(a.usesMartingale());
    assertTrue(a.copy().merge(HyperLogLog.create()).usesMartingale());
    HyperLogLog fromEmpty = HyperLogLog.create().merge(a);
    assertTrue(fromEmpty.usesMartingale());
    assertArrayEquals(a.toByteArray(), fromEmpty.toByteArray());
    HyperLogLog merged = a.copy().merge(b);
    assertFalse(merged.usesMartingale());
    assertFalse(
        HyperLogLog.fromByteArray(merged.toByteArray()).usesMartingale(),
        "bytes remember that the sketch was merged");
    HyperLogLog thenUpdated = merged.copy();
    for (long i = 3000; i < 5000; i++) {
      thenUpdated.update(i);
    }
    HyperLogLog direct = sketchOfRange(12, 0, 5000).discardMartingale();
    assertEquals(direct.estimate(), thenUpdated.estimate(), 0.0, "updates after a merge");
    assertArrayEquals(direct.toByteArray(), thenUpdated.toByteArray());
    // The merged estimate of 3,000 distinct items; 1.039/√4096 = 1.6% standard error, 6 sigma.
    assertEquals(3000, merged.estimate(), 3000 * 6 * 0.0163);
  }

  @Test
  void anEmptySketchTakesOverTheSmallerPrecisionAndKeepsUpdatingAtIt() {
    // Merging into an empty sketch of a larger precision copies the other sketch: later updates
    // (dense and sparse alike) must then use the copied precision's constants.
    for (int n : new int[] {50, 5000}) {
      HyperLogLog target = HyperLogLog.create(12).merge(sketchOfRange(10, 0, n));
      assertEquals(10, target.precision());
      for (long i = n; i < 2L * n; i++) {
        target.update(i);
      }
      assertArrayEquals(
          sketchOfRange(10, 0, 2 * n).toByteArray(), target.toByteArray(), "n = " + n);
    }
  }

  @Test
  void precisionForARelativeErrorIsTheSmallestThatReachesIt() {
    // Spark's approx_count_distinct default rsd 0.05 and the rsd its p = 12 stands for
    assertEquals(9, HyperLogLog.precisionFor(0.05));
    assertEquals(12, HyperLogLog.precisionFor(0.0173));
    assertEquals(4, HyperLogLog.precisionFor(0.9));
    for (int p = HyperLogLog.MIN_PRECISION; p <= HyperLogLog.MAX_PRECISION; p++) {
      double merged = 1.039 / Math.sqrt(1 << p); // the merged standard error at p
      assertEquals(p, HyperLogLog.precisionFor(merged * 1.001), "p = " + p);
      if (p < HyperLogLog.MAX_PRECISION) {
        assertEquals(p + 1, HyperLogLog.precisionFor(merged * 0.999), "just below p = " + p);
      }
    }
    for (double bad : new double[] {0, 1, -0.1, Double.NaN, 0.002}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> HyperLogLog.precisionFor(bad));
      assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
    }
  }

  @Test
  void sparseEstimatesAreNearlyExact() {
    // Below n = 64 at m = 4096 items collide in a register rarely (n²/2m < 0.5 expected): the
    // estimates are within two of the truth.
    for (int n = 1; n <= 64; n++) {
      HyperLogLog sketch = sketchOfRange(12, 1000L * n, 1000L * n + n);
      assertEquals(n, sketch.estimate(), 2, "martingale, n = " + n);
      assertEquals(n, sketch.copy().discardMartingale().estimate(), 2, "raw, n = " + n);
      assertTrue(sketch.lowerBound(3) <= n && n <= sketch.upperBound(3) + 2, "bounds, n = " + n);
    }
  }
}
