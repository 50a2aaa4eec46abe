package io.sketches.clustering;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.random.JDKRandomGenerator;

/** Test data: mixtures of spherical Gaussians, and the offline k-means they are judged against. */
final class GaussianMixture {
  final double[][] means;
  final double sigma;

  private GaussianMixture(double[][] means, double sigma) {
    this.means = means;
    this.sigma = sigma;
  }

  /** k means uniform in [0, spread]^d, unit-variance components. */
  static GaussianMixture random(int k, int d, double spread, long seed) {
    Random random = new Random(seed);
    double[][] means = new double[k][d];
    for (double[] mean : means) {
      for (int a = 0; a < d; a++) {
        mean[a] = spread * random.nextDouble();
      }
    }
    return new GaussianMixture(means, 1.0);
  }

  double[][] sample(int n, Random random) {
    double[][] points = new double[n][];
    for (int i = 0; i < n; i++) {
      points[i] = sample(random);
    }
    return points;
  }

  double[] sample(Random random) {
    double[] mean = means[random.nextInt(means.length)];
    double[] point = new double[mean.length];
    for (int a = 0; a < point.length; a++) {
      point[a] = mean[a] + sigma * random.nextGaussian();
    }
    return point;
  }

  static double cost(double[][] points, double[][] centers) {
    double total = 0;
    for (double[] point : points) {
      double best = Double.POSITIVE_INFINITY;
      for (double[] center : centers) {
        best = Math.min(best, ClusterFeatures.squaredDistance(point, 0, center, 0, point.length));
      }
      total += best;
    }
    return total;
  }

  /** Offline baseline: best of {@code restarts} commons-math3 k-means++ with Lloyd, by cost. */
  static double offlineCost(double[][] points, int k, int restarts, long seed) {
    List<DoublePoint> data = new ArrayList<>(points.length);
    for (double[] point : points) {
      data.add(new DoublePoint(point));
    }
    JDKRandomGenerator random = new JDKRandomGenerator();
    random.setSeed(seed);
    double best = Double.POSITIVE_INFINITY;
    for (int r = 0; r < restarts; r++) {
      List<CentroidCluster<DoublePoint>> clusters =
          new KMeansPlusPlusClusterer<DoublePoint>(
                  k, 200, new org.apache.commons.math3.ml.distance.EuclideanDistance(), random)
              .cluster(data);
      double[][] centers = new double[clusters.size()][];
      for (int c = 0; c < centers.length; c++) {
        centers[c] = clusters.get(c).getCenter().getPoint();
      }
      best = Math.min(best, cost(points, centers));
    }
    return best;
  }
}
