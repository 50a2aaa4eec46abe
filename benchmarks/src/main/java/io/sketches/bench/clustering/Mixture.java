package io.sketches.bench.clustering;

import java.util.Random;

/**
 * A mixture of k spherical unit-variance Gaussians in d dimensions with means uniform in [0,
 * spread]^d: the data of the k-means studies. Spread 20 at d = 10 gives well-separated clusters
 * (mean distance ≈ 26 σ), spread 4 overlapping ones (≈ 5 σ).
 */
record Mixture(double[][] means, double sigma) {

  static Mixture random(int k, int d, double spread, long seed) {
    Random random = new Random(seed);
    double[][] means = new double[k][d];
    for (double[] mean : means) {
      for (int a = 0; a < d; a++) {
        mean[a] = spread * random.nextDouble();
      }
    }
    return new Mixture(means, 1.0);
  }

  double[][] sample(int n, long seed) {
    Random random = new Random(seed);
    double[][] points = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] mean = means[random.nextInt(means.length)];
      double[] point = new double[mean.length];
      for (int a = 0; a < point.length; a++) {
        point[a] = mean[a] + sigma * random.nextGaussian();
      }
      points[i] = point;
    }
    return points;
  }

  /** Σ over points of the squared distance to the nearest center. */
  static double cost(double[][] points, double[][] centers) {
    double total = 0;
    for (double[] point : points) {
      total += nearestSquaredDistance(point, centers);
    }
    return total;
  }

  static double nearestSquaredDistance(double[] point, double[][] centers) {
    double best = Double.POSITIVE_INFINITY;
    for (double[] center : centers) {
      double sum = 0;
      for (int a = 0; a < point.length; a++) {
        double diff = point[a] - center[a];
        sum += diff * diff;
      }
      best = Math.min(best, sum);
    }
    return best;
  }
}
