package io.sketches.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.testing.SketchLaws;
import java.util.Random;

/**
 * The sketch laws for {@link StreamingLinearRegression}. Merged states equal the state of the
 * concatenated stream only up to rounding, so equivalence is: the same count, weight sums within
 * 1e-12 relative, the cross products [1 X y]ᵀW[1 X y] recovered from both factors within 1e-12 of
 * √(G_ii G_jj) (a backward-error test, meaningful at any conditioning), and, when the fit is
 * determined and well conditioned (κ ≤ 100, so forward errors are ≈ κ·ε ≈ 1e-14), the coefficients
 * and intercept within 1e-12 relative.
 */
class StreamingLinearRegressionLawsTest extends SketchLaws<StreamingLinearRegression, Row> {
  static final double TOLERANCE = 1e-12;

  @Override
  protected StreamingLinearRegression emptySketch() {
    return StreamingLinearRegression.builder().dimension(3).build();
  }

  @Override
  protected void update(StreamingLinearRegression sketch, Row row) {
    sketch.update(row.x(), row.y(), row.weight());
  }

  @Override
  protected StreamingLinearRegression fromBytes(byte[] bytes) {
    return StreamingLinearRegression.fromByteArray(bytes);
  }

  @Override
  protected Row randomEvent(Random random) {
    return Row.random(random, 3, 0.3);
  }

  @Override
  protected void assertEquivalent(
      StreamingLinearRegression expected, StreamingLinearRegression actual, String law) {
    assertEquals(expected.count(), actual.count(), law + ": count");
    assertEquals(
        expected.weightSum(),
        actual.weightSum(),
        TOLERANCE * Math.max(1, expected.weightSum()),
        law + ": weight sum");
    double[][] g = crossProducts(expected);
    double[][] h = crossProducts(actual);
    for (int i = 0; i < g.length; i++) {
      for (int j = 0; j < g.length; j++) {
        double scale = Math.sqrt(g[i][i] * g[j][j]);
        assertTrue(
            Math.abs(g[i][j] - h[i][j]) <= TOLERANCE * scale + Double.MIN_NORMAL,
            law + ": cross product " + i + "," + j + ": " + g[i][j] + " vs " + h[i][j]);
      }
    }
    if (expected.count() >= 8 && expected.conditionNumber() <= 100) {
      double[] a = withIntercept(expected);
      double[] b = withIntercept(actual);
      assertTrue(
          Row.relativeDifference(a, b, 0) <= TOLERANCE,
          law
              + ": coefficients "
              + java.util.Arrays.toString(a)
              + " vs "
              + java.util.Arrays.toString(b));
    }
  }

  /**
   * The weighted cross products [1 | X | y]ᵀW[1 | X | y] in the original coordinates, recovered
   * from the factor (a test's view only: forming them is what the factor avoids).
   */
  static double[][] crossProducts(StreamingLinearRegression model) {
    UpdatingQr factor = model.factor();
    double[] shift = model.shift();
    int n = model.modelColumns() + 1;
    double[][] product = new double[n][n];
    if (factor == null) {
      return product;
    }
    double[][] r = factor.toDense();
    if (model.hasIntercept()) {
      // z = z' + s·1: the data matrix is A' (I + e0 sᵀ), so R becomes R (I + e0 sᵀ)
      for (int i = 0; i < n; i++) {
        for (int j = 1; j < n; j++) {
          r[i][j] += r[i][0] * shift[j];
        }
      }
    }
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
          sum += r[i][a] * r[i][b];
        }
        product[a][b] = sum;
      }
    }
    return product;
  }

  static double[] withIntercept(StreamingLinearRegression model) {
    double[] slopes = model.coefficients();
    double[] all = new double[slopes.length + 1];
    all[0] = model.intercept();
    System.arraycopy(slopes, 0, all, 1, slopes.length);
    return all;
  }
}
