package io.sketches.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.testing.SketchLaws;
import java.util.Random;

/**
 * The sketch laws for {@link SgdLinearRegression}. Its merge is parameter averaging, so it is not
 * the model of the concatenated stream ({@link #mergeEqualsConcatenation()} is false); it is still
 * associative and commutative up to rounding: same counts, and weights and intercept within 1e-12
 * relative (∞-norm, floor 1).
 */
class SgdLinearRegressionLawsTest
    extends SketchLaws<SgdLinearRegression, SgdLinearRegressionLawsTest.Batch> {

  record Batch(double[][] x, double[] y) {}

  @Override
  protected SgdLinearRegression emptySketch() {
    return SgdLinearRegression.builder()
        .dimension(3)
        .stepSize(0.1)
        .iterationsPerBatch(2)
        .l2(0.01)
        .l1(0.001)
        .miniBatchFraction(0.8)
        .seed(7)
        .build();
  }

  @Override
  protected void update(SgdLinearRegression sketch, Batch batch) {
    sketch.update(batch.x(), batch.y());
  }

  @Override
  protected SgdLinearRegression fromBytes(byte[] bytes) {
    return SgdLinearRegression.fromByteArray(bytes);
  }

  @Override
  protected Batch randomEvent(Random random) {
    int size = 1 + random.nextInt(4);
    double[][] x = new double[size][];
    double[] y = new double[size];
    for (int i = 0; i < size; i++) {
      Row row = Row.random(random, 3, 0.3);
      x[i] = row.x();
      y[i] = row.y();
    }
    return new Batch(x, y);
  }

  @Override
  protected int maxStreamLength() {
    return 100;
  }

  @Override
  protected void assertEquivalent(
      SgdLinearRegression expected, SgdLinearRegression actual, String law) {
    assertEquals(expected.count(), actual.count(), law + ": count");
    assertEquals(expected.batches(), actual.batches(), law + ": batches");
    if (law.startsWith("sketch(a) + sketch(b) == sketch(a ++ b)")) {
      return; // approximate by design: parameter averaging is not sequential descent
    }
    double[] a = expected.coefficients();
    double[] b = actual.coefficients();
    assertTrue(Row.relativeDifference(a, b, 1) <= 1e-12, law + ": weights");
    assertEquals(
        expected.intercept(),
        actual.intercept(),
        1e-12 * Math.max(1, Math.abs(expected.intercept())),
        law + ": intercept");
  }
}
