package io.sketches.cardinality;

/**
 * Ertl's corrected raw estimator for HyperLogLog (O. Ertl, "New cardinality estimation algorithms
 * for HyperLogLog sketches", 2017, Algorithm 6). It replaces the original estimator's small- and
 * large-range corrections (linear counting, empirical bias tables) by the closed-form functions σ
 * and τ of the register histogram, so it has no bias bump anywhere in n. Its asymptotic relative
 * standard error is √(3 ln 2 − 1)/√m ≈ 1.039/√m; the O(1/m) bias that the division by a random sum
 * adds is removed analytically (as hash4j does), not by tables.
 *
 * <p>It reads only the histogram {@code counts[k]} = number of registers holding k, for k = 0..q+1
 * with q = 64 − p, so it costs O(64), not O(m).
 */
final class CorrectedRawEstimator {
  /** α∞ = 1/(2 ln 2), the limit of the HyperLogLog bias constant α_m (Ertl, eq. 21). */
  static final double ALPHA_INF = 1.0 / (2.0 * Math.log(2.0));

  /** 3 ln 2 − 1: relative variance × m of the raw estimator (Ertl, eq. 25). */
  static final double RELATIVE_VARIANCE_TIMES_M = 3.0 * Math.log(2.0) - 1.0;

  /** √(3 ln 2 − 1): relative standard error × √m of the raw estimator (Ertl, eq. 25). */
  static final double RELATIVE_STANDARD_ERROR_TIMES_SQRT_M = Math.sqrt(RELATIVE_VARIANCE_TIMES_M);

  private CorrectedRawEstimator() {}

  /**
   * The distinct count estimate from a register histogram.
   *
   * @param counts counts[k] registers hold value k; counts[q+1] are saturated registers
   * @param p the precision, m = 2^p registers
   */
  static double estimate(int[] counts, int p) {
    int m = 1 << p;
    int q = 64 - p;
    if (counts[0] == m) {
      return 0.0;
    }
    // Algorithm 6: Horner-like scheme over the histogram from the top register value down.
    double z = m * tau(1.0 - (double) counts[q + 1] / m);
    for (int k = q; k >= 1; k--) {
      z = 0.5 * (z + counts[k]);
    }
    z += m * sigma((double) counts[0] / m);
    // α∞·m²/z is biased up by the relative variance of z, since E[1/z] ≈ (1 + Var z/(E z)²)/E z
    // (second-order delta method); dividing by 1 + (3 ln 2 − 1)/m removes that O(1/m) bias.
    return ALPHA_INF * m * (m / z) / (1 + RELATIVE_VARIANCE_TIMES_M / m);
  }

  /** σ(x) = x + Σ_{k≥1} x^(2^k) 2^(k−1) (Ertl, eq. 38); σ(1) = ∞. */
  static double sigma(double x) {
    if (x == 1.0) {
      return Double.POSITIVE_INFINITY;
    }
    double y = 1.0;
    double z = x;
    double previous;
    do {
      x *= x;
      previous = z;
      z += x * y;
      y += y;
    } while (z != previous);
    return z;
  }

  /** τ(x) = (1/3)(1 − x − Σ_{k≥1} (1 − x^(2^−k))² 2^(−k)) (Ertl, eq. 40); τ(0) = τ(1) = 0. */
  static double tau(double x) {
    if (x == 0.0 || x == 1.0) {
      return 0.0;
    }
    double y = 1.0;
    double z = 1.0 - x;
    double previous;
    do {
      x = Math.sqrt(x);
      previous = z;
      y *= 0.5;
      double d = 1.0 - x;
      z -= d * d * y;
    } while (z != previous);
    return z / 3.0;
  }
}
