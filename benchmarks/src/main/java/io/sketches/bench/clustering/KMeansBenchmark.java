package io.sketches.bench.clustering;

import io.sketches.clustering.StreamingKMeans;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Streaming k-means at d = 10, k = 10: time per point of {@code update} against the time to assign
 * a point to its nearest of k centers (the least work MLlib's update does per point, timed two
 * ways: the plain loop, and MLlib's own {@code findClosest} with its norm lower bound; the study
 * takes the faster as the anchor), and {@code centers()} on a full summary (the buffer one point
 * short of a reduce, so the query reduces a copy and then runs 10 k-means++ restarts with Lloyd).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KMeansBenchmark {
  static final int K = 10;
  static final int D = 10;
  private static final int POOL = 1 << 16;

  private double[][] points;

  /** The k centers flat, row-major, as a tight nearest-center loop would keep them. */
  private double[] centers;

  /** ‖c‖ of every center, as MLlib's {@code VectorWithNorm} keeps them. */
  private double[] centerNorms;

  private StreamingKMeans sketch;
  private StreamingKMeans fullSummary;
  private int next;

  @Setup
  public void setUp() {
    Mixture mixture = Mixture.random(K, D, 4, 1);
    points = mixture.sample(POOL, 2);
    centers = new double[K * D];
    for (int c = 0; c < K; c++) {
      System.arraycopy(mixture.means()[c], 0, centers, c * D, D);
    }
    centerNorms = new double[K];
    for (int c = 0; c < K; c++) {
      double squares = 0;
      for (int a = 0; a < D; a++) {
        squares += centers[c * D + a] * centers[c * D + a];
      }
      centerNorms[c] = Math.sqrt(squares);
    }
    sketch = StreamingKMeans.builder().k(K).dimension(D).seed(3).build();
    for (double[] point : points) {
      sketch.update(point);
    }
    fullSummary = StreamingKMeans.builder().k(K).dimension(D).seed(3).build();
    int i = 0;
    while (fullSummary.featureCount() < fullSummary.featureCapacity() - 2) {
      fullSummary.update(points[i++ & (POOL - 1)]);
    }
  }

  private double[] nextPoint() {
    return points[next++ & (POOL - 1)];
  }

  /** The anchor: index of the nearest of k centers, the per-point work of MLlib's update. */
  @Benchmark
  public int nearestCenter() {
    double[] point = nextPoint();
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int c = 0; c < K; c++) {
      double sum = squaredDistance(point, c * D);
      if (sum < bestDistance) {
        bestDistance = sum;
        best = c;
      }
    }
    return best;
  }

  /**
   * The same assignment the way MLlib's {@code EuclideanDistanceMeasure.findClosest} does it (Spark
   * 4.x, called by {@code StreamingKMeansModel.update} through {@code predict}): the point's norm,
   * then per center the lower bound (‖c‖ − ‖x‖)² to skip it, else {@code fastSquaredDistance}: ‖c‖²
   * + ‖x‖² − 2 c·x when that is precise enough (precision 1e-6), the direct sum otherwise.
   */
  /** ‖point − center‖², the center at {@code offset} in {@link #centers}. */
  private double squaredDistance(double[] point, int offset) {
    double sum = 0;
    for (int a = 0; a < D; a++) {
      double diff = point[a] - centers[offset + a];
      sum += diff * diff;
    }
    return sum;
  }

  @Benchmark
  public int nearestCenterMllib() {
    double[] point = nextPoint();
    double squares = 0;
    for (int a = 0; a < D; a++) {
      squares += point[a] * point[a];
    }
    double norm = Math.sqrt(squares);
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int c = 0; c < K; c++) {
      double normDiff = centerNorms[c] - norm;
      if (normDiff * normDiff >= bestDistance) {
        continue;
      }
      int offset = c * D;
      double sumSquaredNorm = centerNorms[c] * centerNorms[c] + squares;
      double precisionBound = 2.0 * EPSILON * sumSquaredNorm / (normDiff * normDiff + EPSILON);
      double distance;
      if (precisionBound < 1e-6) {
        double dot = 0;
        for (int a = 0; a < D; a++) {
          dot += point[a] * centers[offset + a];
        }
        distance = Math.max(sumSquaredNorm - 2.0 * dot, 0.0);
      } else {
        distance = squaredDistance(point, offset);
      }
      if (distance < bestDistance) {
        bestDistance = distance;
        best = c;
      }
    }
    return best;
  }

  /** Spark's {@code MLUtils.EPSILON}: the machine epsilon 2^-52. */
  private static final double EPSILON = Math.ulp(1.0);

  /** One point into the summary, amortizing the reduces (steady state: the sketch is full). */
  @Benchmark
  public StreamingKMeans update() {
    return sketch.update(nextPoint());
  }

  /** centers() on a full summary; the copy (≈ 0.1 ms) keeps the query from being cached. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public double[][] centers() {
    return fullSummary.copy().update(nextPoint()).centers();
  }
}
