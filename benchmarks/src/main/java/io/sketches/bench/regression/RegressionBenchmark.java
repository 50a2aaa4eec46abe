package io.sketches.bench.regression;

import io.sketches.regression.StreamingLinearRegression;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.stat.regression.MillerUpdatingRegression;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * d = 10 with intercept: one observation into our {@link StreamingLinearRegression} vs
 * commons-math3 {@link MillerUpdatingRegression#addObservation}, and a merge of two d = 10 states.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RegressionBenchmark {
  static final int DIMENSION = 10;
  private static final int ROWS = 1024;

  private double[][] x;
  private double[] y;
  private int next;
  private StreamingLinearRegression ours;
  private MillerUpdatingRegression miller;
  private StreamingLinearRegression mergeTarget;
  private StreamingLinearRegression mergeSource;

  @Setup
  public void setup() {
    Random random = new Random(6);
    x = new double[ROWS][DIMENSION];
    y = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      y[i] = 3;
      for (int j = 0; j < DIMENSION; j++) {
        x[i][j] = random.nextGaussian();
        y[i] += (j + 1) * x[i][j];
      }
      y[i] += random.nextGaussian();
    }
    ours = StreamingLinearRegression.builder().dimension(DIMENSION).intercept(true).build();
    miller = new MillerUpdatingRegression(DIMENSION, true);
    mergeTarget = StreamingLinearRegression.builder().dimension(DIMENSION).build();
    mergeSource = StreamingLinearRegression.builder().dimension(DIMENSION).build();
    for (int i = 0; i < ROWS; i++) {
      (i % 2 == 0 ? mergeTarget : mergeSource).update(x[i], y[i]);
    }
  }

  private int nextRow() {
    int row = next;
    next = (row + 1) & (ROWS - 1);
    return row;
  }

  @Benchmark
  public StreamingLinearRegression updateOurs() {
    int row = nextRow();
    return ours.update(x[row], y[row]);
  }

  @Benchmark
  public MillerUpdatingRegression updateMiller() {
    int row = nextRow();
    miller.addObservation(x[row], y[row]);
    return miller;
  }

  /** Stacks a d = 10 factor under another and re-triangularizes (the target keeps growing). */
  @Benchmark
  public StreamingLinearRegression mergeOurs() {
    return mergeTarget.merge(mergeSource);
  }
}
