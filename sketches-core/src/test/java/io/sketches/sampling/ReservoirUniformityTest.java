package io.sketches.sampling;

import static io.sketches.testing.StatisticalAssertions.FALSE_FAILURE_PROBABILITY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.ItemSerde;
import io.sketches.SketchType;
import io.sketches.format.SketchFormat;
import io.sketches.format.SketchReader;
import io.sketches.testing.StatisticalAssertions;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Uniformity of the sample, first and second order, for a single stream, merges, a chain of merges
 * and samplers resumed from bytes: k = 10 of n = 1,000 items, 20,000 seeded trials each. Every
 * assertion fails a correct implementation with probability at most {@link
 * StatisticalAssertions#FALSE_FAILURE_PROBABILITY} = 1e-6 (fixed seeds: never flaky).
 */
class ReservoirUniformityTest {
  static final int K = 10;
  static final int N = 1_000;
  static final int TRIALS = 20_000;
  static final int BLOCK = 100;
  static final long[] ITEMS = LongStream.range(0, N).toArray();

  static ReservoirSampler<Long> sampler(long seed) {
    return ReservoirSampler.create(K, seed, ItemSerde.longs());
  }

  /** One stream, the primitive-array path. */
  static ReservoirSampler<Long> single(int trial) {
    return sampler(trial).updateAll(ITEMS);
  }

  /** Two pieces, n₁ = 300 and n₂ = 700, with their own seeds. */
  static ReservoirSampler<Long> mergedPair(int trial) {
    ReservoirSampler<Long> first = sampler(2L * trial).updateAll(ITEMS, 0, 300);
    ReservoirSampler<Long> second = sampler(2L * trial + 1).updateAll(ITEMS, 300, N);
    return first.merge(second);
  }

  /**
   * Eight pieces of 125 items merged left to right, all created with the SAME seed, as Spark
   * partitions are: keying the generator with the items must keep them independent.
   */
  static ReservoirSampler<Long> chainOfEight(int trial) {
    ReservoirSampler<Long> chain = sampler(trial).updateAll(ITEMS, 0, N / 8);
    for (int piece = 1; piece < 8; piece++) {
      chain.merge(sampler(trial).updateAll(ITEMS, piece * N / 8, (piece + 1) * N / 8));
    }
    return chain;
  }

  /** Per-item updates, interrupted by a byte round trip after 400 items. */
  static ReservoirSampler<Long> resumedFromBytes(int trial) {
    ReservoirSampler<Long> before = sampler(trial);
    for (int i = 0; i < 400; i++) {
      before.update(ITEMS[i]);
    }
    ReservoirSampler<Long> after =
        ReservoirSampler.fromByteArray(before.toByteArray(), ItemSerde.longs());
    for (int i = 400; i < N; i++) {
      after.update(ITEMS[i]);
    }
    return after;
  }

  @Test
  void singleStreamIsUniform() {
    assertUniform("single stream", ReservoirUniformityTest::single);
  }

  @Test
  void mergeOfTwoPiecesIsUniform() {
    assertUniform("merged 300 + 700", ReservoirUniformityTest::mergedPair);
  }

  @Test
  void chainOfEightMergesIsUniform() {
    assertUniform("chain of 8 merges, one seed", ReservoirUniformityTest::chainOfEight);
  }

  @Test
  void samplerResumedFromBytesIsUniform() {
    assertUniform("resumed from bytes at 400", ReservoirUniformityTest::resumedFromBytes);
  }

  /**
   * First order: chi-square of the 1,000 inclusion counts against uniform (200 expected each).
   * Second order: one pair drawn uniformly from each trial's sample (so the 20,000 pairs are
   * independent multinomial draws) falls into one of 55 unordered pairs of 100-item blocks with
   * probability proportional to the number of item pairs they hold (10,000 across two blocks, 4,950
   * within one) if and only if pair inclusion is uniform at block level; chi-square over the 55
   * cells. Also reports pair frequencies within and across the 300/700 split.
   */
  static void assertUniform(String what, IntFunction<ReservoirSampler<Long>> scenario) {
    long[] inclusions = new long[N];
    long[] blockPairs = new long[55];
    long[] pairKinds = new long[3]; // both < 300, both ≥ 300, across
    Random pairPicker = new Random(20261122L);
    for (int trial = 0; trial < TRIALS; trial++) {
      ReservoirSampler<Long> sampler = scenario.apply(trial);
      List<Long> sample = sampler.sample();
      assertEquals(N, sampler.count(), what);
      assertEquals(K, sample.size(), what);
      for (int i = 0; i < K; i++) {
        inclusions[sample.get(i).intValue()]++;
        for (int j = i + 1; j < K; j++) {
          long a = sample.get(i);
          long b = sample.get(j);
          pairKinds[a < 300 && b < 300 ? 0 : a >= 300 && b >= 300 ? 1 : 2]++;
        }
      }
      int first = pairPicker.nextInt(K);
      int second = (first + 1 + pairPicker.nextInt(K - 1)) % K;
      blockPairs[
          blockPairIndex(
              sample.get(first).intValue() / BLOCK, sample.get(second).intValue() / BLOCK)]++;
    }
    double p1 =
        StatisticalAssertions.assertUniform(
            inclusions, FALSE_FAILURE_PROBABILITY, what + ": inclusion counts");
    double[] expectedPairs = new double[55];
    for (int a = 0; a < 10; a++) {
      for (int b = a; b < 10; b++) {
        expectedPairs[blockPairIndex(a, b)] = a == b ? BLOCK * (BLOCK - 1) / 2.0 : BLOCK * BLOCK;
      }
    }
    double p2 =
        StatisticalAssertions.assertChiSquareFits(
            expectedPairs, blockPairs, FALSE_FAILURE_PROBABILITY, what + ": pairs by block");
    // Reported: pair inclusion frequency / k(k−1)/(n(n−1)) within and across the 300/700 split.
    double pairProbability = (double) K * (K - 1) / ((double) N * (N - 1));
    double[] pairsOfKind = {300 * 299 / 2.0, 700 * 699 / 2.0, 300 * 700};
    StringBuilder report =
        new StringBuilder(
            String.format(
                "%s: first-order p = %.3g, second-order p = %.3g; pair frequency / uniform:",
                what, p1, p2));
    String[] kinds = {"both in first 300", "both in last 700", "across"};
    for (int kind = 0; kind < 3; kind++) {
      double ratio = pairKinds[kind] / (TRIALS * pairsOfKind[kind] * pairProbability);
      report.append(String.format(" %s %.4f", kinds[kind], ratio));
      // Loose check (±5%; the standard error is below 1% for each kind).
      assertTrue(Math.abs(ratio - 1) < 0.05, report.toString());
    }
    System.out.println(report);
  }

  static int blockPairIndex(int a, int b) {
    int low = Math.min(a, b);
    int high = Math.max(a, b);
    return low * 10 - low * (low - 1) / 2 + (high - low);
  }

  /**
   * Admissions (filling plus replacements) are k(1 + H_n − H_k) ≈ k(1 + ln(n/k)) in expectation (Li
   * 1994): 10,210 for n = 10^7, k = 1,000, standard deviation about 96, so ±10% is over ten
   * standard deviations (false failure far below 1e-6). Each replacement takes exactly three
   * generator draws and a skipped item none, so the draws after filling, counted from the generator
   * state in the bytes, are a multiple of three and a third of them is the replacements.
   */
  @Test
  void randomDrawsGrowLogarithmically() {
    int k = 1_000;
    long n = 10_000_000L;
    long[] chunk = LongStream.range(0, 1_000_000).toArray();
    ReservoirSampler<Long> sampler = ReservoirSampler.create(k, 99, ItemSerde.longs());
    sampler.updateAll(chunk, 0, k);
    long stateAfterFill = generatorState(sampler);
    sampler.updateAll(chunk, k, chunk.length);
    for (int i = 1; i < n / chunk.length; i++) {
      sampler.updateAll(chunk);
    }
    assertEquals(n, sampler.count());
    long draws = SplitMix64.drawsBetween(stateAfterFill, generatorState(sampler));
    assertEquals(0, draws % 3, "three draws per replacement, none per skipped item: " + draws);
    long admissions = k + draws / 3;
    double expected = k * (1 + Math.log((double) n / k));
    System.out.printf(
        "n = %d, k = %d: %d admissions, k(1 + ln(n/k)) = %.0f, ratio %.4f; "
            + "%d generator draws after filling%n",
        n, k, admissions, expected, admissions / expected, draws);
    assertTrue(Math.abs(admissions / expected - 1) < 0.10, admissions + " vs " + expected);
  }

  /** The generator state as serialized: after k, serde id, seed and count (docs/sampling.md). */
  private static long generatorState(ReservoirSampler<?> sampler) {
    SketchReader in =
        SketchFormat.reader(
            sampler.toByteArray(), SketchType.RESERVOIR, ReservoirSampler.SERIAL_VERSION);
    in.getVarLong();
    in.getUnsignedByte();
    in.getLong();
    in.getVarLong();
    return in.getLong();
  }
}
