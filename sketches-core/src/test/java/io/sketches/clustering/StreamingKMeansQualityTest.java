package io.sketches.clustering;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cost of our centers against offline best-of-10 k-means++ with Lloyd on the same points. Fixed
 * seeds, so the test is deterministic: the tolerance is a regression bound, not a probability.
 */
class StreamingKMeansQualityTest {

  @ParameterizedTest(name = "{0}: spread {1}")
  @CsvSource({"well-separated, 40", "overlapping, 8"})
  void costIsCloseToOfflineKMeans(String name, double spread) {
    int k = 8;
    int d = 5;
    GaussianMixture mixture = GaussianMixture.random(k, d, spread, 7);
    double[][] points = mixture.sample(40_000, new Random(11));
    StreamingKMeans single = StreamingKMeans.builder().k(k).dimension(d).seed(3).build();
    StreamingKMeans[] parts = new StreamingKMeans[4];
    for (int p = 0; p < parts.length; p++) {
      parts[p] = StreamingKMeans.builder().k(k).dimension(d).seed(3).build();
    }
    for (int i = 0; i < points.length; i++) {
      single.update(points[i]);
      parts[i % parts.length].update(points[i]);
    }
    StreamingKMeans merged = StreamingKMeans.fromByteArray(parts[0].toByteArray());
    for (int p = 1; p < parts.length; p++) {
      merged.merge(StreamingKMeans.fromByteArray(parts[p].toByteArray()));
    }
    double offline = GaussianMixture.offlineCost(points, k, 10, 5);
    double ratio = single.cost(points) / offline;
    double mergedRatio = merged.cost(points) / offline;
    System.out.printf("%s: single %.4f merged %.4f%n", name, ratio, mergedRatio);
    // Tolerance: the acceptance bounds (1.03 single, 1.05 merged) on a smaller mixture.
    assertTrue(ratio <= 1.03, name + ": cost ratio " + ratio);
    assertTrue(mergedRatio <= 1.05, name + ": merged cost ratio " + mergedRatio);
  }
}
