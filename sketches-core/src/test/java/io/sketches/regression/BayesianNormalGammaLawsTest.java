package io.sketches.regression;

/** The sketch laws for the unknown-noise (Normal–Gamma) form, a₀ = 2 so that a_N &gt; 1 always. */
class BayesianNormalGammaLawsTest extends BayesianLinearRegressionLawsTest {
  @Override
  protected BayesianLinearRegression emptySketch() {
    return BayesianLinearRegression.builder()
        .dimension(3)
        .intercept(true)
        .priorMean(0.5, 0, 0, 1)
        .priorPrecision(0.5)
        .noiseGammaPrior(2, 1)
        .build();
  }
}
