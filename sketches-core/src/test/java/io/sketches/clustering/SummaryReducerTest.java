package io.sketches.clustering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reduce that starts from the previous split tree: it must keep what every reduce keeps (total
 * weight, overall mean, total squared deviation) through many reuses, including cuts that no longer
 * separate anything, and a copy must continue exactly like its original. Deterministic: fixed
 * seeds, no statistical assertion.
 */
class SummaryReducerTest {
  private static final int D = 3;

  @Test
  void reusingTheTreeKeepsWeightMeanAndDeviation() {
    Random random = new Random(5);
    ClusterFeatures features = new ClusterFeatures(D);
    SummaryReducer reducer = new SummaryReducer(D);
    int reuses = 0;
    for (int round = 0; round < 60; round++) {
      // Rounds 20..39 put every point in one far corner: most old cuts then separate nothing.
      double offset = round >= 20 && round < 40 ? 1e6 : 0;
      for (int i = 0; i < 250; i++) {
        double[] point = new double[D];
        for (int a = 0; a < D; a++) {
          point[a] = offset + 10 * random.nextInt(4) + random.nextGaussian();
        }
        features.addPoint(point, 0.5 + random.nextDouble());
      }
      double weight = features.totalWeight();
      double deviation = features.totalDeviation();
      double[] mean = mean(features);
      ClusterFeatures fromScratch = reducedFromScratch(features, 40);
      reducer.reduce(features, 40);
      reuses += sameFeatures(fromScratch, features) ? 0 : 1;
      assertTrue(features.size <= 40, "size " + features.size);
      assertEquals(features.size, features.reducedPrefix);
      assertEquals(weight, features.totalWeight(), 1e-12 * weight, "weight, round " + round);
      assertEquals(
          deviation, features.totalDeviation(), 1e-9 * deviation, "deviation, round " + round);
      assertArrayEquals(
          mean, mean(features), 1e-9 * (1 + Math.abs(mean[0])), "mean, round " + round);
    }
    assertEquals(
        59,
        reuses,
        "every reduce after the first reuses the tree, so differs from a reduce from scratch");
  }

  @Test
  void aCopyContinuesExactlyLikeItsOriginal() {
    Random random = new Random(8);
    StreamingKMeans original = StreamingKMeans.builder().k(3).dimension(D).summarySize(20).build();
    for (int i = 0; i < 1000; i++) {
      original.update(point(random));
    }
    StreamingKMeans copy = original.copy();
    for (int i = 0; i < 1000; i++) {
      double[] point = point(random);
      original.update(point);
      copy.update(point);
    }
    assertArrayEquals(original.toByteArray(), copy.toByteArray());
  }

  @Test
  void aSummaryClearedByDecayIsReducedFromScratch() {
    Random random = new Random(9);
    StreamingKMeans sketch =
        StreamingKMeans.builder().k(3).dimension(D).summarySize(10).decayFactor(0).build();
    double[][] batch = new double[100][];
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < batch.length; i++) {
        batch[i] = point(random);
      }
      sketch.update(batch);
      assertEquals(batch.length, sketch.totalWeight(), 1e-9, "only the last batch is kept");
    }
    ClusterFeatures features = new ClusterFeatures(D);
    SummaryReducer reducer = new SummaryReducer(D);
    for (int i = 0; i < 100; i++) {
      features.addPoint(point(random), 1);
    }
    reducer.reduce(features, 10);
    features.clear();
    for (int i = 0; i < 100; i++) {
      features.addPoint(point(random), 1);
    }
    ClusterFeatures fromScratch = reducedFromScratch(features, 10);
    reducer.reduce(features, 10);
    assertTrue(
        sameFeatures(fromScratch, features),
        "a cleared summary holds none of the old leaves: reduced as from scratch");
    assertEquals(100, features.totalWeight(), 1e-9);
  }

  /** What a reducer without a previous tree makes of a copy of {@code features}. */
  private static ClusterFeatures reducedFromScratch(ClusterFeatures features, int target) {
    ClusterFeatures copy = features.copy();
    new SummaryReducer(D).reduce(copy, target);
    return copy;
  }

  private static boolean sameFeatures(ClusterFeatures a, ClusterFeatures b) {
    return a.size == b.size
        && Arrays.equals(a.weight, 0, a.size, b.weight, 0, b.size)
        && Arrays.equals(a.ssd, 0, a.size, b.ssd, 0, b.size)
        && Arrays.equals(a.mean, 0, a.size * D, b.mean, 0, b.size * D);
  }

  private static double[] point(Random random) {
    double[] point = new double[D];
    for (int a = 0; a < D; a++) {
      point[a] = 10 * random.nextInt(3) + random.nextGaussian();
    }
    return point;
  }

  private static double[] mean(ClusterFeatures features) {
    double[] mean = new double[D];
    double total = features.totalWeight();
    for (int i = 0; i < features.size; i++) {
      for (int a = 0; a < D; a++) {
        mean[a] += features.weight[i] * features.mean[i * D + a] / total;
      }
    }
    return mean;
  }
}
