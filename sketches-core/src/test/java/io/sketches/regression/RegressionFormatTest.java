package io.sketches.regression;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.SketchFormatException;
import io.sketches.SketchType;
import io.sketches.format.SketchFormat;
import io.sketches.format.SketchWriter;
import org.junit.jupiter.api.Test;

/**
 * Hand-forged bodies with a valid header and checksum: each invalid field is refused with a {@link
 * SketchFormatException} that names it (the law tests add random corruption).
 */
class RegressionFormatTest {

  private static String refusal(byte[] bytes, java.util.function.Consumer<byte[]> reader) {
    return assertThrows(SketchFormatException.class, () -> reader.accept(bytes)).getMessage();
  }

  private static byte[] leastSquares(int dimension, double forgetting, double diagonal) {
    SketchWriter out = SketchFormat.writer(SketchType.LINEAR_REGRESSION, 1, 0, 64);
    out.putVarLong(dimension).putDouble(0.0).putDouble(forgetting);
    out.putVarLong(3).putDouble(3.0);
    int n = dimension + 1;
    for (int i = 0; i < n; i++) {
      out.putDouble(i == 0 ? diagonal : 1.0);
    }
    for (int i = 0; i < n * (n - 1) / 2; i++) {
      out.putDouble(0.5);
    }
    return out.toByteArray();
  }

  @Test
  void forgedLeastSquaresFieldsAreNamed() {
    StreamingLinearRegression.fromByteArray(leastSquares(2, 1.0, 1.0)); // the well-formed baseline
    assertTrue(
        refusal(leastSquares(0, 1.0, 1.0), StreamingLinearRegression::fromByteArray)
            .contains("dimension"));
    assertTrue(
        refusal(leastSquares(2, 1.5, 1.0), StreamingLinearRegression::fromByteArray)
            .contains("forgetting"));
    assertTrue(
        refusal(leastSquares(2, 1.0, -1.0), StreamingLinearRegression::fromByteArray)
            .contains("diagonal"));
    assertTrue(
        refusal(leastSquares(2, 1.0, Double.NaN), StreamingLinearRegression::fromByteArray)
            .contains("diagonal"));
    assertTrue(
        refusal(leastSquares(10_001, 1.0, 1.0), StreamingLinearRegression::fromByteArray)
            .contains("dimension"));
  }

  @Test
  void aForgedPriorThatIsNotPositiveDefiniteIsRefused() {
    SketchWriter out = SketchFormat.writer(SketchType.BAYESIAN_LINEAR_REGRESSION, 1, 2, 64);
    out.putVarLong(2).putDouble(1.0).putDouble(0).putDouble(0);
    out.putDouble(1).putDouble(2).putDouble(2).putDouble(1);
    assertTrue(
        refusal(out.toByteArray(), BayesianLinearRegression::fromByteArray)
            .contains("positive definite"));
  }

  @Test
  void aForgedSgdWithMoreBatchesThanExamplesIsRefused() {
    SketchWriter out = SketchFormat.writer(SketchType.SGD_LINEAR_REGRESSION, 1, 1, 64);
    out.putVarLong(1)
        .putDouble(0.1)
        .putVarLong(1)
        .putDouble(0)
        .putDouble(0)
        .putDouble(1)
        .putLong(0)
        .putVarLong(2)
        .putVarLong(3)
        .putDouble(0)
        .putDouble(1);
    assertTrue(refusal(out.toByteArray(), SgdLinearRegression::fromByteArray).contains("batches"));
  }

  @Test
  void theWrongSketchTypeIsRefused() {
    byte[] bayes = BayesianLinearRegression.builder().dimension(2).build().toByteArray();
    assertTrue(refusal(bayes, StreamingLinearRegression::fromByteArray).contains("type id"));
  }
}
