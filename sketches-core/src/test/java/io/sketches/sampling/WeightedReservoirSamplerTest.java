package io.sketches.sampling;

import static io.sketches.testing.StatisticalAssertions.FALSE_FAILURE_PROBABILITY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sketches.ItemSerde;
import io.sketches.testing.StatisticalAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class WeightedReservoirSamplerTest {
  static final double[] WEIGHTS = {1, 2, 3, 4, 5};
  static final int TRIALS = 20_000;

  static WeightedReservoirSampler<Long> sampler(int k, long seed) {
    return WeightedReservoirSampler.create(k, seed, ItemSerde.longs());
  }

  static WeightedReservoirSampler<Long> feed(WeightedReservoirSampler<Long> s, int from, int to) {
    for (int i = from; i < to; i++) {
      s.update((long) i, WEIGHTS[i % WEIGHTS.length]);
    }
    return s;
  }

  /**
   * SHA-256 of the bytes of seeded folds (acc.merge(part) in a loop) over full, filling and
   * larger-k parts, with repeated weights and keys, as recorded when a merge sorted boxed positions
   * with a comparator: the primitive merge sort must keep the same entries in the same order.
   */
  static String foldDigest() throws Exception {
    return FoldDigest.of(
        (random, scenario, unused) -> sampler(1 + random.nextInt(64), scenario),
        (random, scenario, part) -> {
          WeightedReservoirSampler<Long> next = sampler(1 + random.nextInt(80), scenario);
          int n = random.nextInt(400);
          Random stream = new Random(random.nextInt(2)); // repeated streams: equal keys, ties
          for (int i = 0; i < n; i++) {
            next.update(stream.nextLong(), stream.nextBoolean() ? 1.0 : 1e300);
          }
          return next;
        });
  }

  @Test
  void foldsGiveTheRecordedBytes() throws Exception {
    assertEquals("5da8553fff01bd45e97b4c862c2bf00149bd46e333ba95f2e90033101a4bb2c5", foldDigest());
  }

  @Test
  void refusesBadWeightsAndNulls() {
    WeightedReservoirSampler<Long> s = feed(sampler(2, 1), 0, 5);
    byte[] before = s.toByteArray();
    for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> s.update(1L, bad));
      assertEquals("weight must be positive and finite: " + bad, e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> s.update(null, 1));
    assertArrayEquals(before, s.toByteArray());
    assertEquals(15.0, s.totalWeight());
    assertEquals(5, s.count());
  }

  @Test
  void deserializedSamplerContinuesExactly() {
    for (int cut : new int[] {0, 2, 3, 40}) {
      WeightedReservoirSampler<Long> original = feed(sampler(3, 8), 0, cut);
      WeightedReservoirSampler<Long> resumed =
          WeightedReservoirSampler.fromByteArray(original.toByteArray(), ItemSerde.longs());
      feed(original, cut, 500);
      feed(resumed, cut, 500);
      assertArrayEquals(original.toByteArray(), resumed.toByteArray(), "cut at " + cut);
    }
    WeightedReservoirSampler<String> strings = WeightedReservoirSampler.create(2, 3);
    strings.update("a", 1).update("b", 2).update("c", 3);
    assertEquals(
        strings.sample(), WeightedReservoirSampler.fromByteArray(strings.toByteArray()).sample());
  }

  @Test
  void mergeOfDifferentKKeepsTheSmaller() {
    WeightedReservoirSampler<Long> a = feed(sampler(10, 1), 0, 100);
    a.merge(feed(sampler(4, 2), 100, 200));
    assertEquals(4, a.k());
    assertEquals(4, a.sample().size());
    assertEquals(200, a.count());
    assertEquals(600.0, a.totalWeight(), 1e-9);
    feed(a, 200, 300);
    assertEquals(4, a.sample().size());
  }

  /**
   * A-ES on n = 5 items of weights 1..5, k = 2: the sample is {i, j} with probability w_i/W ·
   * w_j/(W − w_i) + w_j/W · w_i/(W − w_j) (successive sampling, Efraimidis and Spirakis Theorem 1),
   * computed here by enumeration; chi-square over the 10 pairs, 20,000 trials, false failure ≤ 1e-6
   * for each scenario.
   */
  @Test
  void pairFrequenciesMatchSuccessiveSampling() {
    assertPairs("single stream", trial -> feed(sampler(2, trial), 0, 5));
    assertPairs(
        "merged 2 + 3, one seed",
        trial -> feed(sampler(2, trial), 0, 2).merge(feed(sampler(2, trial), 2, 5)));
    assertPairs(
        "merged 3 + 2, one seed",
        trial -> feed(sampler(2, trial), 2, 5).merge(feed(sampler(2, trial), 0, 2)));
    assertPairs(
        "resumed from bytes after 3",
        trial ->
            feed(
                WeightedReservoirSampler.fromByteArray(
                    feed(sampler(2, trial), 0, 3).toByteArray(), ItemSerde.longs()),
                3,
                5));
  }

  /** The jumps: a long stream of equal weights is sampled uniformly (k = 1, 1,000 items). */
  @Test
  void longStreamWithJumpsIsProportional() {
    long[] counts = new long[10];
    for (int trial = 0; trial < TRIALS; trial++) {
      WeightedReservoirSampler<Long> s = sampler(1, trial);
      for (long i = 0; i < 1000; i++) {
        s.update(i, 1.0 + (i % 2)); // odd items weigh twice as much
      }
      counts[(int) (s.sample().get(0) / 100)]++;
    }
    StatisticalAssertions.assertUniform(counts, FALSE_FAILURE_PROBABILITY, "blocks of 100 items");
  }

  static void assertPairs(String what, IntFunction<WeightedReservoirSampler<Long>> scenario) {
    double total = 15;
    double[] expected = new double[10];
    long[] observed = new long[10];
    for (int i = 0; i < 5; i++) {
      for (int j = i + 1; j < 5; j++) {
        expected[pairIndex(i, j)] =
            WEIGHTS[i] / total * WEIGHTS[j] / (total - WEIGHTS[i])
                + WEIGHTS[j] / total * WEIGHTS[i] / (total - WEIGHTS[j]);
      }
    }
    for (int trial = 0; trial < TRIALS; trial++) {
      List<Long> sample = scenario.apply(trial).sample();
      assertEquals(2, sample.size());
      observed[pairIndex(sample.get(0).intValue(), sample.get(1).intValue())]++;
    }
    double p =
        StatisticalAssertions.assertChiSquareFits(
            expected, observed, FALSE_FAILURE_PROBABILITY, what);
    System.out.printf("weighted %s: chi-square p = %.3g%n", what, p);
  }

  static int pairIndex(int a, int b) {
    int low = Math.min(a, b);
    int high = Math.max(a, b);
    return low * 5 - low * (low + 1) / 2 + (high - low - 1);
  }

  @Test
  void goldenBytesStillLoad() throws Exception {
    Path golden = Path.of("src/test/resources/golden/sampling/weighted-reservoir-v1.bin");
    byte[] current = feed(sampler(4, 2026), 0, 300).toByteArray();
    if (Boolean.getBoolean("golden.write")) {
      Files.write(golden, current);
    }
    byte[] stored = Files.readAllBytes(golden);
    assertArrayEquals(
        stored, WeightedReservoirSampler.fromByteArray(stored, ItemSerde.longs()).toByteArray());
    assertArrayEquals(stored, current, "the algorithm and format are frozen for version 1");
  }
}
