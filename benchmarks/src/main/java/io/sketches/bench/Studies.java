package io.sketches.bench;

import java.util.List;

/** Every study, in the order of {@code docs/benchmarks.md}. Each sketch adds its own here. */
final class Studies {
  private Studies() {}

  static final List<Study> ALL =
      List.of(
          new io.sketches.bench.sampling.SamplingSpeedStudy(),
          new io.sketches.bench.sampling.SamplingUniformityStudy(),
          new io.sketches.bench.regression.RegressionSpeedStudy(),
          new io.sketches.bench.regression.RegressionAccuracyStudy(),
          new io.sketches.bench.frequency.CountMinSpeedStudy(),
          new io.sketches.bench.frequency.CountMinAccuracyStudy(),
          new io.sketches.bench.frequency.TopKAccuracyStudy(),
          new io.sketches.bench.cardinality.HllSpeedStudy(),
          new io.sketches.bench.cardinality.HllAccuracyStudy(),
          new io.sketches.bench.quantiles.QuantilesSpeedStudy(),
          new io.sketches.bench.quantiles.QuantilesAccuracyStudy(),
          new io.sketches.bench.clustering.KMeansSpeedStudy(),
          new io.sketches.bench.clustering.KMeansQualityStudy(),
          new io.sketches.bench.spark.SparkThroughputStudy(),
          new io.sketches.bench.streaming.SustainedThroughputStudy(),
          new io.sketches.bench.fuzz.HostileBytesStudy());
}
