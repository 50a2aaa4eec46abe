package io.sketches.cardinality;

/**
 * How a {@link HyperLogLog} turns its registers into a distinct count: the martingale estimator
 * while the sketch has seen one stream ({@link MartingaleEstimator}), else the estimators of the
 * registers alone ({@link MergedEstimator}). The registers announce each state change to it before
 * making the change.
 */
sealed interface CardinalityEstimator permits MartingaleEstimator, MergedEstimator {
  /** Called by the registers just before they change state. */
  void stateChanging(Registers registers);

  double estimate(Registers registers);

  /** The relative standard error of {@link #estimate} for dense registers, at the estimate. */
  double denseRelativeStandardError(double estimate, int precision);

  CardinalityEstimator copy();
}
