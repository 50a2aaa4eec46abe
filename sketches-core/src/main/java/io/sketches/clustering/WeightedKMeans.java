package io.sketches.clustering;

import java.util.SplittableRandom;

/**
 * Offline k-means on weighted cluster features: greedy k-means++ seeding (Arthur and Vassilvitskii
 * 2007, with the 2 + ⌊ln k⌋ local trials of scikit-learn) followed by Lloyd's iterations, several
 * restarts, the lowest cost kept. A feature counts as {@code w} points at its mean; its own squared
 * deviation is a constant added to every cost, so the minimizer is the one of the original points
 * as long as each feature lies on one side of the final Voronoi boundaries.
 *
 * <p>A cluster that loses all its weight during Lloyd is re-seeded at a feature drawn with
 * probability proportional to its weighted squared distance to its current center (a k-means++
 * draw), never left empty or split by a tiny perturbation.
 */
final class WeightedKMeans {
  static final int MAX_ITERATIONS = 100;

  /** The best clustering found: centers row-major, weight per center, cost including deviations. */
  record Result(double[] centers, double[] weights, double cost) {}

  private final ClusterFeatures features;
  private final int k;
  private final int d;
  private final double[] distance;
  private final int[] assignment;

  private WeightedKMeans(ClusterFeatures features, int k) {
    this.features = features;
    this.k = k;
    this.d = features.dimension;
    this.distance = new double[features.size];
    this.assignment = new int[features.size];
  }

  /**
   * Runs {@code restarts} seedings with Lloyd from a generator seeded with {@code seed}; with no
   * more features than centers, {@link #featuresAsCenters} instead.
   */
  static Result fit(ClusterFeatures features, int k, long seed, int restarts) {
    if (features.size <= k) {
      return featuresAsCenters(features, k);
    }
    return new WeightedKMeans(features, k).best(new SplittableRandom(seed), restarts);
  }

  /**
   * With n ≤ k features every feature is a center of its own: the cost is the features' own
   * deviations alone, the least any clustering has, found in O(k·d) where seeding and Lloyd would
   * take restarts · (trials + iterations) · k · n · d (seconds for a k of 2^16). Features of
   * positive weight come first; the k − n centers left over repeat them with weight 0.
   */
  private static Result featuresAsCenters(ClusterFeatures features, int k) {
    int n = features.size;
    int d = features.dimension;
    int[] order = new int[n];
    int positive = 0;
    for (int i = 0; i < n; i++) {
      if (features.weight[i] > 0) {
        order[positive++] = i;
      }
    }
    for (int i = 0, next = positive; i < n; i++) {
      if (!(features.weight[i] > 0)) {
        order[next++] = i;
      }
    }
    int repeated = Math.max(positive, 1);
    double[] centers = new double[k * d];
    double[] weights = new double[k];
    double internal = 0;
    for (int c = 0; c < k; c++) {
      int feature = order[c < n ? c : (c - n) % repeated];
      System.arraycopy(features.mean, feature * d, centers, c * d, d);
      if (c < n) {
        weights[c] = features.weight[feature];
        internal += features.ssd[feature];
      }
    }
    return new Result(centers, weights, internal);
  }

  private Result best(SplittableRandom random, int restarts) {
    double internal = 0;
    for (int i = 0; i < features.size; i++) {
      internal += features.ssd[i];
    }
    double[] bestCenters = null;
    double bestCost = Double.POSITIVE_INFINITY;
    for (int r = 0; r < restarts; r++) {
      double[] centers = seed(random);
      double cost = lloyd(centers, random);
      if (cost < bestCost) {
        bestCost = cost;
        bestCenters = centers;
      }
    }
    double[] weights = new double[k];
    assign(bestCenters);
    for (int i = 0; i < features.size; i++) {
      weights[assignment[i]] += features.weight[i];
    }
    return new Result(bestCenters, weights, bestCost + internal);
  }

  /** Greedy k-means++: each new center is the best of several D²-weighted candidates. */
  private double[] seed(SplittableRandom random) {
    int n = features.size;
    double[] centers = new double[k * d];
    int first = draw(random, features.weight, n, totalOf(features.weight, n));
    System.arraycopy(features.mean, first * d, centers, 0, d);
    double[] contribution = new double[n];
    double[] candidateDistance = new double[n];
    double[] bestDistance = new double[n];
    double potential = 0;
    for (int i = 0; i < n; i++) {
      distance[i] = ClusterFeatures.squaredDistance(features.mean, i * d, centers, 0, d);
      contribution[i] = features.weight[i] * distance[i];
      potential += contribution[i];
    }
    int trials = 2 + (int) Math.log(k);
    for (int c = 1; c < k; c++) {
      int bestCandidate = -1;
      double bestPotential = Double.POSITIVE_INFINITY;
      for (int t = 0; t < trials; t++) {
        int candidate =
            potential > 0 ? draw(random, contribution, n, potential) : random.nextInt(n);
        double candidatePotential = 0;
        for (int i = 0; i < n; i++) {
          double dist =
              Math.min(
                  distance[i],
                  ClusterFeatures.squaredDistance(
                      features.mean, i * d, features.mean, candidate * d, d));
          candidateDistance[i] = dist;
          candidatePotential += features.weight[i] * dist;
        }
        if (candidatePotential < bestPotential || bestCandidate < 0) { // (< 0: an overflow)
          bestPotential = candidatePotential;
          bestCandidate = candidate;
          System.arraycopy(candidateDistance, 0, bestDistance, 0, n);
        }
      }
      System.arraycopy(features.mean, bestCandidate * d, centers, c * d, d);
      System.arraycopy(bestDistance, 0, distance, 0, n);
      potential = 0;
      for (int i = 0; i < n; i++) {
        contribution[i] = features.weight[i] * distance[i];
        potential += contribution[i];
      }
    }
    return centers;
  }

  /** Lloyd's iterations until no assignment changes; returns Σ w · D² (without deviations). */
  private double lloyd(double[] centers, SplittableRandom random) {
    int n = features.size;
    double[] sums = new double[k * d];
    double[] totals = new double[k];
    double cost = assign(centers);
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      java.util.Arrays.fill(sums, 0);
      java.util.Arrays.fill(totals, 0);
      for (int i = 0; i < n; i++) {
        int c = assignment[i];
        double w = features.weight[i];
        totals[c] += w;
        for (int a = 0; a < d; a++) {
          sums[c * d + a] += w * features.mean[i * d + a];
        }
      }
      for (int c = 0; c < k; c++) {
        if (totals[c] > 0) {
          for (int a = 0; a < d; a++) {
            centers[c * d + a] = sums[c * d + a] / totals[c];
          }
        } else {
          reseed(centers, c, random);
        }
      }
      int[] previous = assignment.clone();
      double next = assign(centers);
      boolean changed = next < cost * (1 - 1e-12) || !java.util.Arrays.equals(previous, assignment);
      cost = next;
      if (!changed) {
        break;
      }
    }
    return cost;
  }

  /** Moves empty center {@code c} to a feature drawn proportionally to w·D² (k-means++ draw). */
  private void reseed(double[] centers, int c, SplittableRandom random) {
    int n = features.size;
    double[] contribution = new double[n];
    double potential = 0;
    for (int i = 0; i < n; i++) {
      contribution[i] = features.weight[i] * distance[i];
      potential += contribution[i];
    }
    if (potential > 0) {
      int chosen = draw(random, contribution, n, potential);
      System.arraycopy(features.mean, chosen * d, centers, c * d, d);
      distance[chosen] = 0;
    }
  }

  /** Assigns every feature to its nearest center; fills distance; returns Σ w · D². */
  private double assign(double[] centers) {
    double cost = 0;
    for (int i = 0; i < features.size; i++) {
      int best = 0;
      double bestDistance = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double dist = ClusterFeatures.squaredDistance(features.mean, i * d, centers, c * d, d);
        if (dist < bestDistance) {
          bestDistance = dist;
          best = c;
        }
      }
      assignment[i] = best;
      distance[i] = bestDistance;
      cost += features.weight[i] * bestDistance;
    }
    return cost;
  }

  private static double totalOf(double[] values, int n) {
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += values[i];
    }
    return total;
  }

  /** Index i drawn with probability values[i] / total. */
  private static int draw(SplittableRandom random, double[] values, int n, double total) {
    double target = random.nextDouble() * total;
    double cumulative = 0;
    int last = 0;
    for (int i = 0; i < n; i++) {
      if (values[i] > 0) {
        cumulative += values[i];
        last = i;
        if (cumulative > target) {
          return i;
        }
      }
    }
    return last;
  }
}
