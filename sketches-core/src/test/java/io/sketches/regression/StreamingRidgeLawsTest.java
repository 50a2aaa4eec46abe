package io.sketches.regression;

/**
 * The sketch laws again for the other configuration: no intercept (no shift, no centring row) and
 * ridge λ = 0.5, with exponential forgetting off (merge adds states; see the class comment of
 * {@link StreamingLinearRegression}).
 */
class StreamingRidgeLawsTest extends StreamingLinearRegressionLawsTest {
  @Override
  protected StreamingLinearRegression emptySketch() {
    return StreamingLinearRegression.builder().dimension(3).intercept(false).ridge(0.5).build();
  }
}
