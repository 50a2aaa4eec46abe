package io.sketches.clustering;

import java.util.Arrays;

/**
 * A growable list of weighted cluster features (Zhang, Ramakrishnan and Livny, BIRCH, 1996): for
 * each feature its weight {@code w}, its mean {@code μ} and the weighted sum of squared deviations
 * from that mean {@code ssd = Σ wᵢ‖xᵢ − μ‖²}. The mean-and-deviation form is the numerically stable
 * one (Chan, Golub and LeVeque 1979); raw sums of squares are never kept.
 *
 * <p>Weights and deviations are stored relative to a common scale owned by the sketch (actual
 * weight = stored weight × scale), so that exponential decay costs O(1) per step.
 *
 * <p>The k-means cost of any center set C decomposes exactly over features: {@code Σ_points min_c
 * ‖x − c‖² = Σ_features (ssd + w · min_c ‖μ − c‖²)} whenever all points of a feature go to the same
 * center; this is why a partition into features is a summary of the stream.
 */
final class ClusterFeatures {
  private static final int INITIAL_CAPACITY = 16;

  final int dimension;
  int size;
  double[] weight;
  double[] ssd;

  /** Row-major: feature i has its mean at {@code [i·dimension, (i+1)·dimension)}. */
  double[] mean;

  /**
   * How many leading features are, in order, the output of the last reduce of the sketch's own
   * {@link SummaryReducer} (the leaves of its split tree); 0 if unknown. Appends keep it, {@link
   * #clear()} and copies reset it.
   */
  int reducedPrefix;

  /** An empty list: nothing is allocated until the first feature (a read sketch may stay empty). */
  ClusterFeatures(int dimension) {
    this(dimension, 0);
  }

  private ClusterFeatures(int dimension, int capacity) {
    this.dimension = dimension;
    this.weight = new double[capacity];
    this.ssd = new double[capacity];
    this.mean = new double[capacity * dimension];
  }

  ClusterFeatures copy() {
    ClusterFeatures copy = new ClusterFeatures(dimension, Math.max(size, 1));
    System.arraycopy(weight, 0, copy.weight, 0, size);
    System.arraycopy(ssd, 0, copy.ssd, 0, size);
    System.arraycopy(mean, 0, copy.mean, 0, size * dimension);
    copy.size = size;
    return copy;
  }

  void ensureCapacity(int needed) {
    if (needed > weight.length) {
      int capacity = Math.max(needed, weight.length * 2);
      weight = Arrays.copyOf(weight, capacity);
      ssd = Arrays.copyOf(ssd, capacity);
      mean = Arrays.copyOf(mean, capacity * dimension);
    }
  }

  /** Appends a single point of the given stored weight (its deviation is zero). */
  void addPoint(double[] point, double storedWeight) {
    if (size == weight.length) {
      ensureCapacity(Math.max(size + 1, INITIAL_CAPACITY));
    }
    weight[size] = storedWeight;
    ssd[size] = 0;
    System.arraycopy(point, 0, mean, size * dimension, dimension);
    size++;
  }

  /**
   * Appends feature {@code i} of {@code other}, its weight and deviation multiplied by {@code
   * factor}.
   */
  void addFeature(ClusterFeatures other, int i, double factor) {
    if (size == weight.length) {
      ensureCapacity(Math.max(size + 1, INITIAL_CAPACITY));
    }
    weight[size] = other.weight[i] * factor;
    ssd[size] = other.ssd[i] * factor;
    System.arraycopy(other.mean, i * dimension, mean, size * dimension, dimension);
    size++;
  }

  /** Multiplies every weight and deviation by {@code factor}: one exponential decay step. */
  void scale(double factor) {
    for (int i = 0; i < size; i++) {
      weight[i] *= factor;
      ssd[i] *= factor;
    }
  }

  void clear() {
    size = 0;
    reducedPrefix = 0;
  }

  double totalWeight() {
    double total = 0;
    for (int i = 0; i < size; i++) {
      total += weight[i];
    }
    return total;
  }

  /**
   * {@code Σ ssd + Σ w‖μ − m‖²} around the weighted mean {@code m} of all features: the total
   * squared deviation of the summarized stream, which reducing never changes (up to rounding).
   */
  double totalDeviation() {
    double total = totalWeight();
    if (total <= 0) {
      return 0;
    }
    double[] center = new double[dimension];
    for (int i = 0; i < size; i++) {
      for (int a = 0; a < dimension; a++) {
        center[a] += weight[i] * mean[i * dimension + a];
      }
    }
    for (int a = 0; a < dimension; a++) {
      center[a] /= total;
    }
    double deviation = 0;
    for (int i = 0; i < size; i++) {
      deviation += ssd[i] + weight[i] * squaredDistance(mean, i * dimension, center, 0, dimension);
    }
    return deviation;
  }

  static double squaredDistance(double[] x, int xOffset, double[] y, int yOffset, int dimension) {
    double sum = 0;
    for (int a = 0; a < dimension; a++) {
      double diff = x[xOffset + a] - y[yOffset + a];
      sum += diff * diff;
    }
    return sum;
  }
}
