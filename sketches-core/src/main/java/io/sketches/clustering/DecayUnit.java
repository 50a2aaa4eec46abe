package io.sketches.clustering;

/**
 * What one decay step is, as in Spark MLlib's {@code StreamingKMeans.setHalfLife(halfLife,
 * timeUnit)}: with {@link #BATCHES} the summary's weights are multiplied by the decay factor {@code
 * a} once per mini-batch ({@code update(double[][])}); with {@link #POINTS} by {@code a^m} for a
 * batch of {@code m} points, and by {@code a} for every single {@code update(double[])}.
 */
public enum DecayUnit {
  BATCHES,
  POINTS
}
