package io.sketches.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.ItemSerde;
import io.sketches.testing.SketchLaws;
import java.util.Random;

/**
 * The sketch laws for the weighted sampler. Merge is exact only in distribution (proven by {@link
 * WeightedReservoirSamplerTest}), so equivalence is: same count, same k, same sample size, total
 * weights equal up to rounding of the summation order, and items from the stream's universe; round
 * trips, determinism and merging with an empty sampler are byte-exact.
 */
class WeightedReservoirSamplerLawsTest
    extends SketchLaws<WeightedReservoirSampler<Long>, WeightedReservoirSamplerLawsTest.Weighted> {
  static final int UNIVERSE = 1 << 20;

  /** One stream event: an item and its weight. */
  record Weighted(long item, double weight) {}

  @Override
  protected WeightedReservoirSampler<Long> emptySketch() {
    return WeightedReservoirSampler.create(16, 7, ItemSerde.longs());
  }

  @Override
  protected void update(WeightedReservoirSampler<Long> sketch, Weighted event) {
    sketch.update(event.item(), event.weight());
  }

  @Override
  protected WeightedReservoirSampler<Long> fromBytes(byte[] bytes) {
    return WeightedReservoirSampler.fromByteArray(bytes, ItemSerde.longs());
  }

  @Override
  protected Weighted randomEvent(Random random) {
    return new Weighted(random.nextInt(UNIVERSE), Math.exp(4 * random.nextGaussian()));
  }

  @Override
  protected void assertEquivalent(
      WeightedReservoirSampler<Long> expected, WeightedReservoirSampler<Long> actual, String law) {
    assertEquals(expected.count(), actual.count(), law + ": count");
    assertEquals(expected.k(), actual.k(), law + ": k");
    assertEquals(expected.sample().size(), actual.sample().size(), law + ": sample size");
    assertEquals(
        expected.totalWeight(),
        actual.totalWeight(),
        1e-12 * expected.totalWeight(),
        law + ": total weight");
    for (long item : actual.sample()) {
      assertTrue(item >= 0 && item < UNIVERSE, law + ": " + item);
    }
    if (law.startsWith("a+0") || law.startsWith("0+a") || law.contains("deserialized")) {
      assertArrayEquals(expected.toByteArray(), actual.toByteArray(), law + ": bytes");
    }
  }
}
