package io.sketches.cardinality;

import static io.sketches.testing.StatisticalAssertions.FALSE_FAILURE_PROBABILITY;
import static io.sketches.testing.StatisticalAssertions.assertBinomial;
import static io.sketches.testing.StatisticalAssertions.assertMeanNear;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Statistical smoke tests of the estimators and bounds (the full characterization is the {@code
 * hll-accuracy} study in {@code benchmarks/}). Fixed seeds; every assertion states its
 * false-failure probability, {@link
 * io.sketches.testing.StatisticalAssertions#FALSE_FAILURE_PROBABILITY} = 1e-6, for a correct
 * implementation.
 */
class HyperLogLogAccuracyTest {

  /** Relative errors of both estimators over {@code trials} independent streams of n items. */
  private static double[][] relativeErrors(int precision, int n, int trials, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] errors = new double[2][trials];
    for (int t = 0; t < trials; t++) {
      HyperLogLog sketch = HyperLogLog.create(precision);
      for (int i = 0; i < n; i++) {
        sketch.updateHash(random.nextLong());
      }
      errors[0][t] = sketch.estimate() / n - 1;
      errors[1][t] = sketch.discardMartingale().estimate() / n - 1;
    }
    return errors;
  }

  /**
   * The relative RMSE of each estimator stays below its theoretical standard error σ: if the errors
   * were normal with standard deviation σ, T·RMSE²/σ² would be χ²(T), so the bound is the 1 − 1e-6
   * quantile of χ²(T)/T (below ~m the true error is far smaller than σ). The bias is zero within
   * the standard error of the mean, two-sided at 1e-6.
   */
  @ParameterizedTest
  @CsvSource({"10, 100", "10, 700", "10, 3000", "10, 10240", "6, 5000"})
  void rmseAndBiasWithinTheory(int precision, int n) {
    int trials = 400;
    double[][] errors = relativeErrors(precision, n, trials, 31L * n + precision);
    double quantile =
        new ChiSquaredDistribution(trials)
                .inverseCumulativeProbability(1 - FALSE_FAILURE_PROBABILITY)
            / trials;
    double sqrtM = Math.sqrt(1 << precision);
    double[] sigma = {
      HyperLogLog.MARTINGALE_RELATIVE_STANDARD_ERROR_TIMES_SQRT_M / sqrtM,
      CorrectedRawEstimator.RELATIVE_STANDARD_ERROR_TIMES_SQRT_M / sqrtM
    };
    String[] names = {"martingale", "corrected raw"};
    for (int e = 0; e < 2; e++) {
      double meanSquare = 0;
      for (double error : errors[e]) {
        meanSquare += error * error / trials;
      }
      assertTrue(
          meanSquare <= sigma[e] * sigma[e] * quantile,
          String.format(
              "%s p=%d n=%d: RMSE %.4f > %.4f",
              names[e], precision, n, Math.sqrt(meanSquare), sigma[e] * Math.sqrt(quantile)));
      assertMeanNear(errors[e], 0.0, FALSE_FAILURE_PROBABILITY, names[e] + " bias, n = " + n);
    }
  }

  /**
   * At n ≥ 10·m the interval [lowerBound(k), upperBound(k)] covers the truth with the normal
   * probability 2Φ(k) − 1: exact two-sided binomial test at 1e-6 per assertion.
   */
  @ParameterizedTest
  @CsvSource({"8, 2560", "8, 40000"})
  void boundsCoverWithTheNormalProbability(int precision, int n) {
    int trials = 2000;
    SplittableRandom random = new SplittableRandom(n);
    long[][] covered = new long[2][4];
    for (int t = 0; t < trials; t++) {
      HyperLogLog sketch = HyperLogLog.create(precision);
      for (int i = 0; i < n; i++) {
        sketch.updateHash(random.nextLong());
      }
      for (int e = 0; e < 2; e++) {
        if (e == 1) {
          sketch.discardMartingale();
        }
        for (int k = 1; k <= 3; k++) {
          if (sketch.lowerBound(k) <= n && n <= sketch.upperBound(k)) {
            covered[e][k]++;
          }
        }
      }
    }
    NormalDistribution normal = new NormalDistribution();
    for (int e = 0; e < 2; e++) {
      for (int k = 1; k <= 3; k++) {
        double expected = 2 * normal.cumulativeProbability(k) - 1;
        System.out.printf(
            "p=%d n=%d %s k=%d coverage %.4f expected %.4f%n",
            precision,
            n,
            e == 0 ? "martingale" : "raw",
            k,
            covered[e][k] / (double) trials,
            expected);
        assertBinomial(
            covered[e][k],
            trials,
            expected,
            FALSE_FAILURE_PROBABILITY,
            (e == 0 ? "martingale" : "corrected raw") + " coverage, k = " + k);
      }
    }
  }
}
