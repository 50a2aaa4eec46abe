package io.sketches.cardinality;

/**
 * The variance of the martingale (HIP) estimate after n distinct items. Each state change adds 1/q
 * to the estimate, where q is the probability that an item changes the state; the estimate is
 * unbiased with variance E[Σ (1/q − 1)] = ∫₀ⁿ (1/q(x) − 1) dx (Ting 2014, Theorem 1; Cohen 2015,
 * Sect. 5). Under the Poisson model with λ = x/m items per register, register values are
 * independent with P(R ≤ r) = exp(−λ 2^−r), so q(λ) = E[2^−R] in closed form, and
 *
 * <pre>  Var/n² = ∫₀^λ (1/q(y) − 1) dy / (m λ²),  which tends to ln 2 / m as λ → ∞</pre>
 *
 * (since q ≈ 1/(2 ln 2 · λ), the harmonic-mean identity behind HyperLogLog's α∞). Below a few items
 * per register the variance is far smaller, which is why bounds use this function rather than the
 * asymptote. The integral is taken with Simpson's rule in log λ.
 */
final class MartingaleVariance {
  private static final double MIN_LOG_LAMBDA = Math.log(1e-6);
  private static final int STEPS_PER_UNIT = 8;

  private MartingaleVariance() {}

  /** The relative variance Var(estimate)/n² at n = {@code estimate} for m = 2^p registers. */
  static double relativeVariance(double estimate, int precision) {
    int m = 1 << precision;
    double lambda = estimate / m;
    if (!(lambda > 1e-6)) {
      return 0.0;
    }
    double logLambda = Math.log(lambda);
    int steps = 2 * (int) Math.ceil((logLambda - MIN_LOG_LAMBDA) * STEPS_PER_UNIT / 2);
    double h = (logLambda - MIN_LOG_LAMBDA) / steps;
    double sum = integrand(MIN_LOG_LAMBDA) + integrand(logLambda);
    for (int i = 1; i < steps; i++) {
      sum += (i % 2 == 1 ? 4 : 2) * integrand(MIN_LOG_LAMBDA + i * h);
    }
    double integral = sum * h / 3; // ∫ (1/q(y) − 1) dy with y = e^t, dy = e^t dt
    return integral / (m * lambda * lambda);
  }

  private static double integrand(double logY) {
    double y = Math.exp(logY);
    return (1.0 / changeProbability(y) - 1.0) * y;
  }

  /** q(λ) = E[2^−R] = Σ_r 2^−r (P(R ≤ r) − P(R ≤ r−1)) with P(R ≤ r) = exp(−λ 2^−r). */
  static double changeProbability(double lambda) {
    double q = 0;
    double previous = 0;
    double weight = 1;
    for (int r = 0; r < 64; r++) {
      double atMost = Math.exp(-lambda * weight);
      q += weight * (atMost - previous);
      previous = atMost;
      weight *= 0.5;
      if (1 - atMost < 1e-17) {
        break;
      }
    }
    return q;
  }
}
