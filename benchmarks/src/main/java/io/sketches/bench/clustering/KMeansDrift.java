package io.sketches.bench.clustering;

import io.sketches.bench.Report;
import io.sketches.clustering.DecayUnit;
import io.sketches.clustering.StreamingKMeans;
import java.util.List;
import java.util.Random;

/**
 * The k-means drift target: three unit-variance clusters in the plane move at a constant velocity
 * (0.05, 0.03) per mini-batch of 100 points for 300 batches (15 and 9 units in all, 15 standard
 * deviations). With a half-life of 5 batches the centers must follow — every true current center
 * within 1.0 of a fitted center (expected lag of the decayed mean ≈ velocity × 1/(1 − a) ≈ 0.4) —
 * and without decay they must not: the farthest true current center is more than 4 behind. The same
 * scenario is a unit test in sketches-core; here its distances are reported.
 */
final class KMeansDrift {
  static final double FOLLOW_TOLERANCE = 1.0;
  static final double BEHIND_AT_LEAST = 4.0;
  private static final double[][] START = {{0, 0}, {40, 0}, {0, 40}};
  private static final double[] VELOCITY = {0.05, 0.03};
  private static final int BATCHES = 300;

  private KMeansDrift() {}

  static void report(Report report) {
    StreamingKMeans decayed = builder().halfLife(5, DecayUnit.BATCHES).build();
    StreamingKMeans forever = builder().build();
    Random random = new Random(9);
    for (int batch = 0; batch < BATCHES; batch++) {
      double[][] points = new double[100][];
      for (int i = 0; i < points.length; i++) {
        double[] mean = START[random.nextInt(START.length)];
        points[i] =
            new double[] {
              mean[0] + VELOCITY[0] * batch + random.nextGaussian(),
              mean[1] + VELOCITY[1] * batch + random.nextGaussian()
            };
      }
      decayed.update(points);
      forever.update(points);
    }
    double decayedWorst = worstDistance(decayed.centers());
    double foreverWorst = worstDistance(forever.centers());
    report.heading("Streaming k-means: drift");
    report.markdown(
        String.format(
            "Three clusters moving by (%.2f, %.2f) per batch of 100 points,"
                + " %d batches; the largest distance from a true current center to the nearest fitted"
                + " center.",
            VELOCITY[0], VELOCITY[1], BATCHES));
    report.table(
        List.of("sketch", "worst distance to the true current centers"),
        List.of(
            List.of("half-life 5 batches", String.format("%.3f", decayedWorst)),
            List.of("no decay", String.format("%.3f", foreverWorst))));
    report.target(
        "k-means",
        "k-means drift: half-life 5 batches, worst distance to the true current" + " centers",
        decayedWorst,
        0,
        "≤",
        FOLLOW_TOLERANCE);
    report.target(
        "k-means",
        "k-means drift: no decay, worst distance (must stay behind)",
        foreverWorst,
        0,
        "≥",
        BEHIND_AT_LEAST);
  }

  private static StreamingKMeans.Builder builder() {
    return StreamingKMeans.builder().k(START.length).dimension(2).seed(1);
  }

  private static double worstDistance(double[][] centers) {
    double worst = 0;
    for (double[] start : START) {
      double x = start[0] + VELOCITY[0] * (BATCHES - 1);
      double y = start[1] + VELOCITY[1] * (BATCHES - 1);
      double nearest = Double.POSITIVE_INFINITY;
      for (double[] center : centers) {
        nearest = Math.min(nearest, Math.hypot(center[0] - x, center[1] - y));
      }
      worst = Math.max(worst, nearest);
    }
    return worst;
  }
}
