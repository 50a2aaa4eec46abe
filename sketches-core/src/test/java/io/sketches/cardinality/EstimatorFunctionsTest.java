package io.sketches.cardinality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Deterministic checks of the estimator functions against their closed-form limits. */
class EstimatorFunctionsTest {

  @Test
  void martingaleVarianceTendsToLn2OverM() {
    for (int p : new int[] {4, 10, 12, 18}) {
      int m = 1 << p;
      // Far beyond m the relative variance is ln 2 / m up to a small log-periodic wobble.
      assertEquals(
          Math.log(2), MartingaleVariance.relativeVariance(1e4 * m, p) * m, 0.01 * Math.log(2));
      // For λ = n/m ≪ 1 a register hit once holds r with probability 2^−r, so E[2^−R] = 1/3 there
      // and q ≈ 1 − 2λ/3: Var ≈ ∫ 2y/3 dy·m = n²/(3m), Var/n² ≈ 1/(3m).
      assertEquals(1.0 / 3, MartingaleVariance.relativeVariance(0.01 * m, p) * m, 0.01);
    }
    assertEquals(0.0, MartingaleVariance.relativeVariance(0, 12));
  }

  @Test
  void sigmaAndTauAtTheirEnds() {
    assertEquals(0.0, CorrectedRawEstimator.sigma(0.0));
    assertEquals(Double.POSITIVE_INFINITY, CorrectedRawEstimator.sigma(1.0));
    assertEquals(0.0, CorrectedRawEstimator.tau(0.0));
    assertEquals(0.0, CorrectedRawEstimator.tau(1.0));
    // σ(x) = x + x²·1 + x⁴·2 + ..., so σ(0.5) = 0.5 + 0.25 + 0.125 + 2^−5 + ... (Ertl, eq. 38)
    assertEquals(
        0.5
            + 0.25
            + 0.0625 * 2
            + Math.pow(0.5, 8) * 4
            + Math.pow(0.5, 16) * 8
            + Math.pow(0.5, 32) * 16,
        CorrectedRawEstimator.sigma(0.5),
        1e-12);
  }

  @Test
  void emptyHistogramEstimatesZero() {
    int[] counts = new int[66];
    counts[0] = 1 << 12;
    assertEquals(0.0, CorrectedRawEstimator.estimate(counts, 12));
  }
}
