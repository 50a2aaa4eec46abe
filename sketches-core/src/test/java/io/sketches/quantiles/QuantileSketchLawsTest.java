package io.sketches.quantiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.testing.SketchLaws;
import java.util.Random;

/**
 * The sketch laws for the quantile sketch, k = 64 over streams of up to 3,000 doubles (several
 * levels of compaction).
 *
 * <p>Byte-exact: commutativity (a merge concatenates the levels as sorted runs, level 0 is sorted
 * when it is compacted or written, the coins depend only on the merged state, and a level's pending
 * coin is combined symmetrically), the empty sketch as identity, byte round trips and determinism.
 *
 * <p>Within the bound: associativity and merge = sketch of the concatenated stream. Compactions
 * happen at other points, so the two sketches agree on count, kind, min and max, and their ranks of
 * every retained item differ by at most 2(ε₁ + ε₂), ε = {@link
 * QuantileSketch#normalizedRankError()} (0 for an exact sketch). Each sketch is within ε of the
 * truth with probability 0.99; the KLL error is a sum of independent bounded terms, sub-Gaussian by
 * Hoeffding, so twice ε fails with probability about (0.01)^4 = 10^-8 per sketch: below the
 * project's 10^-6 per assertion over the 60 tries of a law.
 */
class QuantileSketchLawsTest extends SketchLaws<QuantileSketch, Double> {
  static final int K = 64;

  @Override
  protected QuantileSketch emptySketch() {
    return QuantileSketch.create(K, 11);
  }

  @Override
  protected void update(QuantileSketch sketch, Double event) {
    sketch.update(event.doubleValue());
  }

  @Override
  protected QuantileSketch fromBytes(byte[] bytes) {
    return QuantileSketch.fromByteArray(bytes);
  }

  @Override
  protected Double randomEvent(Random random) {
    // duplicates, both signs, and now and then an infinity or a zero of either sign
    switch (random.nextInt(20)) {
      case 0:
        return random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
      case 1:
        return random.nextBoolean() ? 0.0 : -0.0;
      case 2:
        return (double) random.nextInt(10);
      default:
        return random.nextGaussian() * 100;
    }
  }

  @Override
  protected int maxStreamLength() {
    return 3000;
  }

  @Override
  protected void assertEquivalent(QuantileSketch expected, QuantileSketch actual, String law) {
    if (!law.startsWith("(a+b)+c") && !law.startsWith("sketch(a) + sketch(b)")) {
      assertArrayEquals(expected.toByteArray(), actual.toByteArray(), law + ": bytes");
      return;
    }
    assertEquals(expected.count(), actual.count(), law + ": count");
    assertEquals(expected.itemKind(), actual.itemKind(), law + ": kind");
    assertEquals(expected.k(), actual.k(), law + ": k");
    if (expected.isEmpty()) {
      return;
    }
    assertEquals(expected.min(), actual.min(), law + ": min");
    assertEquals(expected.max(), actual.max(), law + ": max");
    double tolerance = 2 * (expected.normalizedRankError() + actual.normalizedRankError());
    for (QuantileSketch sketch : new QuantileSketch[] {expected, actual}) {
      for (long key : RetainedItems.of(sketch)) {
        double value = ItemKeys.doubleOf(key);
        double difference = Math.abs(expected.rank(value) - actual.rank(value));
        assertTrue(
            difference <= tolerance,
            law + ": ranks of " + value + " differ by " + difference + " > " + tolerance);
      }
    }
  }
}
