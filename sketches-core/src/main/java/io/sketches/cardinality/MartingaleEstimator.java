package io.sketches.cardinality;

/**
 * The martingale, or historic inverse probability (HIP), estimator (Ting 2014, "Streamed
 * approximate counting of distinct elements", eq. 6; Cohen 2015, "All-distances sketches,
 * revisited: HIP estimators"): each state change adds 1/q, where q is the probability that a new
 * distinct item changes the state. Unbiased at every n with relative standard error √(ln 2)/√m ≈
 * 0.833/√m, but only defined for one stream: a merge replaces it by the {@link MergedEstimator}. It
 * observes the registers, as hash4j's {@code MartingaleEstimator} does.
 */
final class MartingaleEstimator implements CardinalityEstimator {
  private double estimate;

  MartingaleEstimator(double estimate) {
    this.estimate = estimate;
  }

  @Override
  public void stateChanging(Registers registers) {
    estimate += registers.inverseChangeProbability();
  }

  @Override
  public double estimate(Registers registers) {
    return estimate;
  }

  double estimate() {
    return estimate;
  }

  /** The martingale's standard error at the estimated n ({@link MartingaleVariance}). */
  @Override
  public double denseRelativeStandardError(double estimate, int precision) {
    return Math.sqrt(MartingaleVariance.relativeVariance(estimate, precision));
  }

  @Override
  public MartingaleEstimator copy() {
    return new MartingaleEstimator(estimate);
  }
}
