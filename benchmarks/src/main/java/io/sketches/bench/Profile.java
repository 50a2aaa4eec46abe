package io.sketches.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long benchmarks and studies run. {@link #QUICK} regenerates every table and plot in at most
 * ten minutes on two cores, with wide error bars; {@link #FULL} is the one to quote.
 */
public enum Profile {
  QUICK(1, 2, 1, 3, 1),
  FULL(2, 5, 2, 5, 2);

  private final int forks;
  private final int warmupIterations;
  private final int warmupSeconds;
  private final int measurementIterations;
  private final int measurementSeconds;

  Profile(
      int forks,
      int warmupIterations,
      int warmupSeconds,
      int measurementIterations,
      int measurementSeconds) {
    this.forks = forks;
    this.warmupIterations = warmupIterations;
    this.warmupSeconds = warmupSeconds;
    this.measurementIterations = measurementIterations;
    this.measurementSeconds = measurementSeconds;
  }

  public boolean quick() {
    return this == QUICK;
  }

  /** Picks {@code quick} or {@code full} by profile: trial counts, stream lengths. */
  public int pick(int quick, int full) {
    return this == QUICK ? quick : full;
  }

  /** Applies this profile's forks, warm-up and measurement to JMH options. */
  public ChainedOptionsBuilder apply(ChainedOptionsBuilder options) {
    return options
        .forks(forks)
        .warmupIterations(warmupIterations)
        .warmupTime(TimeValue.seconds(warmupSeconds))
        .measurementIterations(measurementIterations)
        .measurementTime(TimeValue.seconds(measurementSeconds))
        .timeUnit(TimeUnit.NANOSECONDS);
  }
}
