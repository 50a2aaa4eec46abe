package io.sketches.cardinality;

/**
 * The estimators of the registers alone, for merged state: linear counting over the 2^24 fine
 * registers while sparse (Whang et al. 1990), Ertl's corrected raw estimator once dense ({@link
 * CorrectedRawEstimator}, relative standard error √(3 ln 2 − 1)/√m ≈ 1.039/√m). Stateless.
 */
final class MergedEstimator implements CardinalityEstimator {
  static final MergedEstimator INSTANCE = new MergedEstimator();

  private MergedEstimator() {}

  @Override
  public void stateChanging(Registers registers) {}

  @Override
  public double estimate(Registers registers) {
    if (registers instanceof SparseRegisters sparse) {
      return sparse.linearCountingEstimate();
    }
    DenseRegisters dense = (DenseRegisters) registers;
    return CorrectedRawEstimator.estimate(dense.counts(), dense.precision());
  }

  @Override
  public double denseRelativeStandardError(double estimate, int precision) {
    return CorrectedRawEstimator.RELATIVE_STANDARD_ERROR_TIMES_SQRT_M / Math.sqrt(1 << precision);
  }

  @Override
  public MergedEstimator copy() {
    return this;
  }
}
