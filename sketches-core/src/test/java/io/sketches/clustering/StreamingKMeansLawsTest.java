package io.sketches.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.testing.SketchLaws;
import java.util.Random;

/**
 * The sketch laws for streaming k-means. Merge is exact for the total weight, the overall mean and
 * the total squared deviation (reducing preserves all three), and equal in cost otherwise: two
 * summaries of the same stream give k-means costs within 25% of each other. The stream is three
 * well-separated clusters and the summary is tiny (8 features, reduce at 24), so reduces happen in
 * almost every stream; the bound is deterministic given the summaries (no sampling).
 */
class StreamingKMeansLawsTest extends SketchLaws<StreamingKMeans, double[]> {
  private static final double[][] CLUSTER_MEANS = {{0, 0}, {100, 0}, {0, 100}};

  @Override
  protected StreamingKMeans emptySketch() {
    return StreamingKMeans.builder().k(3).dimension(2).summarySize(8).seed(17).build();
  }

  @Override
  protected void update(StreamingKMeans sketch, double[] event) {
    sketch.update(event);
  }

  @Override
  protected StreamingKMeans fromBytes(byte[] bytes) {
    return StreamingKMeans.fromByteArray(bytes);
  }

  @Override
  protected double[] randomEvent(Random random) {
    double[] mean = CLUSTER_MEANS[random.nextInt(CLUSTER_MEANS.length)];
    return new double[] {mean[0] + random.nextGaussian(), mean[1] + random.nextGaussian()};
  }

  /** Merge is the summary of the concatenation, within the cost tolerance of assertEquivalent. */
  @Override
  protected boolean mergeEqualsConcatenation() {
    return true;
  }

  @Override
  protected void assertEquivalent(StreamingKMeans expected, StreamingKMeans actual, String law) {
    double weight = expected.totalWeight();
    assertEquals(weight, actual.totalWeight(), 1e-9 * weight, law + ": total weight");
    double deviation = expected.features.totalDeviation();
    assertEquals(
        deviation,
        actual.features.totalDeviation(),
        1e-9 * deviation + 1e-9,
        law + ": total squared deviation");
    if (weight == 0) {
      return;
    }
    double a = expected.summaryCost();
    double b = actual.summaryCost();
    assertTrue(
        Math.abs(a - b) <= 0.25 * Math.max(a, b) + 1e-9 * deviation,
        law + ": summary costs " + a + " and " + b);
  }
}
