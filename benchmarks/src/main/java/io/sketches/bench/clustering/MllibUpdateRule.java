package io.sketches.bench.clustering;

import java.util.List;
import java.util.Random;

/**
 * A line-by-line port of Spark MLlib's {@code StreamingKMeansModel.update} (decay per batch), used
 * by the quality study only if MLlib itself cannot run on this Spark: discount the weights, move
 * each center by {@code c ← c + λ(x̄ − c)} with {@code λ = m / (a·n + m)}, and split the largest
 * cluster by ±1e-14 when the smallest is dying (weight below 1e-8 of the largest). Initial centers
 * are standard normal with weight 0, as {@code setRandomCenters(dim, 0.0, seed)}.
 */
final class MllibUpdateRule {
  private MllibUpdateRule() {}

  static double[][] centers(List<double[][]> batches, int k, int d, double decayFactor, long seed) {
    Random random = new Random(seed);
    double[][] centers = new double[k][d];
    for (double[] center : centers) {
      for (int a = 0; a < d; a++) {
        center[a] = random.nextGaussian();
      }
    }
    double[] weights = new double[k];
    for (double[][] batch : batches) {
      double[][] sums = new double[k][d];
      long[] counts = new long[k];
      for (double[] point : batch) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          double distance = Mixture.nearestSquaredDistance(point, new double[][] {centers[c]});
          if (distance < bestDistance) {
            bestDistance = distance;
            best = c;
          }
        }
        counts[best]++;
        for (int a = 0; a < d; a++) {
          sums[best][a] += point[a];
        }
      }
      for (int c = 0; c < k; c++) {
        weights[c] *= decayFactor;
      }
      for (int c = 0; c < k; c++) {
        if (counts[c] == 0) {
          continue;
        }
        double updated = weights[c] + counts[c];
        double lambda = counts[c] / Math.max(updated, 1e-16);
        weights[c] = updated;
        for (int a = 0; a < d; a++) {
          centers[c][a] = (1 - lambda) * centers[c][a] + lambda / counts[c] * sums[c][a];
        }
      }
      int largest = 0;
      int smallest = 0;
      for (int c = 1; c < k; c++) {
        largest = weights[c] > weights[largest] ? c : largest;
        smallest = weights[c] < weights[smallest] ? c : smallest;
      }
      if (weights[smallest] < 1e-8 * weights[largest]) {
        double weight = (weights[largest] + weights[smallest]) / 2;
        weights[largest] = weight;
        weights[smallest] = weight;
        for (int a = 0; a < d; a++) {
          double x = centers[largest][a];
          double p = 1e-14 * Math.max(Math.abs(x), 1.0);
          centers[largest][a] = x + p;
          centers[smallest][a] = x - p;
        }
      }
    }
    return centers;
  }
}
