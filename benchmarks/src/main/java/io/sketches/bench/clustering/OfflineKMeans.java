package io.sketches.bench.clustering;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;

/**
 * The offline yardstick of the k-means quality study: best of {@code restarts} runs of k-means++
 * seeding with Lloyd to convergence (commons-math3 {@code KMeansPlusPlusClusterer}) on all points,
 * the run of lowest k-means cost kept.
 */
final class OfflineKMeans {
  private OfflineKMeans() {}

  static double[][] bestOf(double[][] points, int k, int restarts, long seed) {
    List<DoublePoint> data = new ArrayList<>(points.length);
    for (double[] point : points) {
      data.add(new DoublePoint(point));
    }
    JDKRandomGenerator random = new JDKRandomGenerator();
    random.setSeed(seed);
    double bestCost = Double.POSITIVE_INFINITY;
    double[][] best = null;
    for (int r = 0; r < restarts; r++) {
      List<CentroidCluster<DoublePoint>> clusters =
          new KMeansPlusPlusClusterer<DoublePoint>(k, 1000, new EuclideanDistance(), random)
              .cluster(data);
      double[][] centers = new double[clusters.size()][];
      for (int c = 0; c < centers.length; c++) {
        centers[c] = clusters.get(c).getCenter().getPoint();
      }
      double cost = Mixture.cost(points, centers);
      if (cost < bestCost) {
        bestCost = cost;
        best = centers;
      }
    }
    return best;
  }
}
