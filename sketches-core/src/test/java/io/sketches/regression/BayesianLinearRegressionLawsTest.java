package io.sketches.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.testing.SketchLaws;
import java.util.Random;

/**
 * The sketch laws for {@link BayesianLinearRegression}: equivalence is the same count, and the
 * posterior mean within 1e-12 relative (∞-norm) and the posterior covariance within 1e-12 of √(S_ii
 * S_jj). The prior keeps the posterior well conditioned, so this holds at every length.
 */
class BayesianLinearRegressionLawsTest extends SketchLaws<BayesianLinearRegression, Row> {
  static final double TOLERANCE = 1e-12;

  @Override
  protected BayesianLinearRegression emptySketch() {
    return BayesianLinearRegression.builder()
        .dimension(3)
        .intercept(true)
        .priorMean(0.5, 0, 0, 1)
        .priorPrecision(0.5)
        .noisePrecision(4)
        .build();
  }

  @Override
  protected void update(BayesianLinearRegression sketch, Row row) {
    sketch.update(row.x(), row.y(), row.weight());
  }

  @Override
  protected BayesianLinearRegression fromBytes(byte[] bytes) {
    return BayesianLinearRegression.fromByteArray(bytes);
  }

  @Override
  protected Row randomEvent(Random random) {
    return Row.random(random, 3, 0.5);
  }

  @Override
  protected void assertEquivalent(
      BayesianLinearRegression expected, BayesianLinearRegression actual, String law) {
    assertEquals(expected.count(), actual.count(), law + ": count");
    assertTrue(
        Row.relativeDifference(expected.posteriorMean(), actual.posteriorMean(), 0) <= TOLERANCE,
        law + ": posterior mean");
    double[][] s = expected.posteriorCovariance();
    double[][] t = actual.posteriorCovariance();
    for (int i = 0; i < s.length; i++) {
      for (int j = 0; j < s.length; j++) {
        assertTrue(
            Math.abs(s[i][j] - t[i][j]) <= TOLERANCE * Math.sqrt(s[i][i] * s[j][j]),
            law + ": posterior covariance " + i + "," + j);
      }
    }
  }
}
