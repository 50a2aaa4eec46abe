package io.sketches.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Assertions for statistical tests. Each takes the probability that it fails although the code is
 * correct, so every test states its false-failure probability; with fixed seeds a test then either
 * always passes or always fails, and the stated probability bounds the chance that a correct
 * implementation was unlucky with the chosen seed. The project's budget is {@link
 * #FALSE_FAILURE_PROBABILITY} per assertion.
 */
public final class StatisticalAssertions {
  /** The false-failure probability every statistical assertion in this project may use at most. */
  public static final double FALSE_FAILURE_PROBABILITY = 1e-6;

  private StatisticalAssertions() {}

  /**
   * Pearson's chi-square goodness of fit against {@code expectedProportions} (normalized here).
   * Fails when the upper-tail p-value is below {@code falseFailureProbability}.
   *
   * @return the p-value, for reporting
   */
  public static double assertChiSquareFits(
      double[] expectedProportions, long[] observed, double falseFailureProbability, String what) {
    if (expectedProportions.length != observed.length || observed.length < 2) {
      throw new IllegalArgumentException("need two or more matching categories");
    }
    double totalExpected = 0;
    long totalObserved = 0;
    for (int i = 0; i < observed.length; i++) {
      totalExpected += expectedProportions[i];
      totalObserved += observed[i];
    }
    double statistic = 0;
    for (int i = 0; i < observed.length; i++) {
      double expected = totalObserved * expectedProportions[i] / totalExpected;
      if (expected < 5) {
        throw new IllegalArgumentException(
            "category " + i + " expects " + expected + " < 5 counts: chi-square is not valid");
      }
      double diff = observed[i] - expected;
      statistic += diff * diff / expected;
    }
    double pValue =
        1 - new ChiSquaredDistribution(observed.length - 1).cumulativeProbability(statistic);
    if (pValue < falseFailureProbability) {
      fail(
          String.format(
              "%s: chi-square %.2f with %d degrees of freedom, p = %.3g < %.1g",
              what, statistic, observed.length - 1, pValue, falseFailureProbability));
    }
    return pValue;
  }

  /** Chi-square test that {@code observed} counts are uniform over their categories. */
  public static double assertUniform(long[] observed, double falseFailureProbability, String what) {
    double[] uniform = new double[observed.length];
    java.util.Arrays.fill(uniform, 1.0);
    return assertChiSquareFits(uniform, observed, falseFailureProbability, what);
  }

  /**
   * Two-sided exact binomial test: fails when {@code successes} in {@code trials} is in either tail
   * of Binomial(trials, p) with probability below {@code falseFailureProbability / 2}.
   */
  public static void assertBinomial(
      long successes, long trials, double p, double falseFailureProbability, String what) {
    if (trials > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("trials must fit an int: " + trials);
    }
    BinomialDistribution binomial = new BinomialDistribution(null, (int) trials, p);
    double lower = binomial.cumulativeProbability((int) successes);
    double upper = successes == 0 ? 1.0 : 1 - binomial.cumulativeProbability((int) successes - 1);
    if (Math.min(lower, upper) < falseFailureProbability / 2) {
      fail(
          String.format(
              "%s: %d of %d, expected about %.1f (p = %.4g); tail probability %.3g",
              what, successes, trials, p * trials, p, Math.min(lower, upper)));
    }
  }

  /**
   * Fails when the mean of {@code samples} differs from {@code expectedMean} by more than the
   * normal quantile for {@code falseFailureProbability} times the sample standard error (for means
   * of many independent trials, where the central limit theorem applies).
   */
  public static void assertMeanNear(
      double[] samples, double expectedMean, double falseFailureProbability, String what) {
    double mean = mean(samples);
    double variance = 0;
    for (double s : samples) {
      variance += (s - mean) * (s - mean);
    }
    variance /= samples.length - 1;
    double standardError = Math.sqrt(variance / samples.length);
    double z =
        new NormalDistribution().inverseCumulativeProbability(1 - falseFailureProbability / 2);
    if (Math.abs(mean - expectedMean) > z * standardError) {
      fail(
          String.format(
              "%s: mean %.6g, expected %.6g ± %.3g (z = %.2f)",
              what, mean, expectedMean, z * standardError, z));
    }
  }

  public static double mean(double[] samples) {
    double sum = 0;
    for (double s : samples) {
      sum += s;
    }
    return sum / samples.length;
  }

  /** sqrt(mean((estimate / truth - 1)^2)). */
  public static double relativeRmse(double[] estimates, double truth) {
    double sum = 0;
    for (double e : estimates) {
      double r = e / truth - 1;
      sum += r * r;
    }
    return Math.sqrt(sum / estimates.length);
  }

  /** mean(estimate / truth - 1). */
  public static double relativeBias(double[] estimates, double truth) {
    return mean(estimates) / truth - 1;
  }
}
