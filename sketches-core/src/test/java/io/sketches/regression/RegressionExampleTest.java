package io.sketches.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The example of docs/regression.md, kept compiling and running. */
class RegressionExampleTest {
  @Test
  void theDocumentedExampleRuns() {
    StreamingLinearRegression model =
        StreamingLinearRegression.builder()
            .dimension(2)
            .intercept(true)
            .ridge(0.0)
            .halfLife(10_000)
            .build();
    model
        .update(new double[] {1.0, 2.0}, 7.1)
        .update(new double[] {2.0, 0.5}, 5.9)
        .update(new double[] {3.0, 1.0}, 9.2, 2.0)
        .update(new double[] {0.5, 3.0}, 8.4);

    StreamingLinearRegression other =
        StreamingLinearRegression.builder().dimension(2).halfLife(10_000).build();
    other.update(new double[] {1.5, 1.5}, 7.6);

    byte[] stored = other.toByteArray();
    model.merge(StreamingLinearRegression.fromByteArray(stored));

    double[] b = model.coefficients();
    double b0 = model.intercept();
    double[] se = model.standardErrors();
    double r2 = model.rSquared();
    double sigma2 = model.residualVariance();
    double kappa = model.conditionNumber();
    double yHat = model.predict(new double[] {2.0, 2.0});

    assertEquals(b0 + 2 * b[0] + 2 * b[1], yHat, 1e-12);
    assertTrue(se[0] > 0 && se[1] > 0 && sigma2 > 0 && r2 > 0.9 && r2 <= 1, "r2 " + r2);
    assertTrue(kappa >= 1 && kappa < 100, "kappa " + kappa);
    assertEquals(5, model.count());
  }
}
