package io.sketches.regression;

import java.util.Random;

/** One weighted observation of the tests' well-conditioned random linear model. */
record Row(double[] x, double y, double weight) {
  static final double[] TRUE_COEFFICIENTS = {1.5, -2.0, 0.5, 3.0, -1.0, 0.25, 2.0, -0.75, 1.0, 0.1};
  static final double TRUE_INTERCEPT = 4.0;

  /** x ~ U(−1, 1)^d + 0.5·(shared factor), y = 4 + bᵀx + N(0, noise²), weight in [0.5, 2). */
  static Row random(Random random, int dimension, double noise) {
    double[] x = new double[dimension];
    double common = random.nextGaussian();
    double y = TRUE_INTERCEPT;
    for (int j = 0; j < dimension; j++) {
      x[j] = 2 * random.nextDouble() - 1 + 0.5 * common;
      y += TRUE_COEFFICIENTS[j % TRUE_COEFFICIENTS.length] * x[j];
    }
    return new Row(x, y + noise * random.nextGaussian(), 0.5 + 1.5 * random.nextDouble());
  }

  /** Relative difference in the ∞-norm: max|a − b| / max(|a|, |b|, floor). */
  static double relativeDifference(double[] a, double[] b, double floor) {
    double scale = floor;
    double difference = 0;
    for (int i = 0; i < a.length; i++) {
      scale = Math.max(scale, Math.max(Math.abs(a[i]), Math.abs(b[i])));
      difference = Math.max(difference, Math.abs(a[i] - b[i]));
    }
    return difference / scale;
  }
}
