package io.sketches.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sketches.ItemSerde;
import io.sketches.testing.SketchLaws;
import java.util.Random;

/**
 * The sketch laws for the uniform sampler. Merge is only equal in distribution (proven by {@link
 * ReservoirUniformityTest}), so equivalence here is: same count, same k, same sample size, and a
 * sample drawn from the stream's universe. The concatenation law stays on with that weaker
 * equivalence ({@code SketchLaws} turns an always-false {@code mergeEqualsConcatenation()} into an
 * exhausted jqwik property). Round trip, determinism and merging with an empty sampler are
 * byte-exact.
 */
class ReservoirSamplerLawsTest extends SketchLaws<ReservoirSampler<Long>, Long> {
  static final int K = 16;

  /** Events come from a small universe, so "the sample is made of stream items" can be checked. */
  static final int UNIVERSE = 1 << 20;

  @Override
  protected ReservoirSampler<Long> emptySketch() {
    return ReservoirSampler.create(K, 7, ItemSerde.longs());
  }

  @Override
  protected void update(ReservoirSampler<Long> sketch, Long event) {
    sketch.update(event);
  }

  @Override
  protected ReservoirSampler<Long> fromBytes(byte[] bytes) {
    return ReservoirSampler.fromByteArray(bytes, ItemSerde.longs());
  }

  @Override
  protected Long randomEvent(Random random) {
    return (long) random.nextInt(UNIVERSE);
  }

  @Override
  protected void assertEquivalent(
      ReservoirSampler<Long> expected, ReservoirSampler<Long> actual, String law) {
    assertEquals(expected.count(), actual.count(), law + ": count");
    assertEquals(expected.k(), actual.k(), law + ": k");
    assertEquals(expected.sample().size(), actual.sample().size(), law + ": sample size");
    for (long item : actual.sample()) {
      org.junit.jupiter.api.Assertions.assertTrue(item >= 0 && item < UNIVERSE, law + ": " + item);
    }
    if (law.startsWith("a+0") || law.startsWith("0+a") || law.contains("deserialized")) {
      assertArrayEquals(expected.toByteArray(), actual.toByteArray(), law + ": bytes");
    }
  }
}
