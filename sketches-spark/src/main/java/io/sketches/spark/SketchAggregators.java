package io.sketches.spark;

import io.sketches.cardinality.HyperLogLog;
import io.sketches.frequency.CountMinSketch;
import io.sketches.quantiles.QuantileSketch;
import io.sketches.regression.StreamingLinearRegression;
import io.sketches.spark.aggregate.CountMinSpec;
import io.sketches.spark.aggregate.HllSpec;
import io.sketches.spark.aggregate.LabeledSpec;
import io.sketches.spark.aggregate.QuantilesSpec;
import org.apache.spark.sql.Encoder;
import scala.Tuple2;

/**
 * Typed {@link SketchAggregator}s and the {@link Encoder}s of the core sketches, for {@code
 * Dataset<T>} code:
 *
 * <pre>{@code
 * Dataset<String> users = ...;
 * HyperLogLog hll = users.select(SketchAggregators.<String>hll(12).toColumn()).first();
 * }</pre>
 */
public final class SketchAggregators {
  private SketchAggregators() {}

  public static Encoder<HyperLogLog> hllEncoder() {
    return SketchEncoders.of(HyperLogLog.class, HyperLogLog::fromByteArray);
  }

  public static Encoder<CountMinSketch> cmsEncoder() {
    return SketchEncoders.of(CountMinSketch.class, CountMinSketch::fromByteArray);
  }

  public static Encoder<StreamingLinearRegression> linregEncoder() {
    return SketchEncoders.of(
        StreamingLinearRegression.class, StreamingLinearRegression::fromByteArray);
  }

  public static Encoder<QuantileSketch> quantilesEncoder() {
    return SketchEncoders.of(QuantileSketch.class, QuantileSketch::fromByteArray);
  }

  /** HyperLogLog of the items (strings, boxed numbers, byte arrays), precision 4..18. */
  public static <T> SketchAggregator<T, HyperLogLog> hll(int precision) {
    return SketchAggregator.of(new HllSpec(HllSpec.SKETCH, precision, false), hllEncoder());
  }

  /** Count-Min of the items, each counted once. */
  public static <T> SketchAggregator<T, CountMinSketch> cms(
      double epsilon, double delta, long seed) {
    return SketchAggregator.of(new CountMinSpec(epsilon, delta, seed), cmsEncoder());
  }

  /**
   * A quantile sketch of the values, k in [8, 65535]: boxed integral numbers, {@code LocalDate},
   * {@code Instant} (days and microseconds) kept as longs; {@code Double}, {@code Float}, {@code
   * BigDecimal} as doubles, NaN skipped. A Dataset's values must all be of one kind.
   */
  public static <T> SketchAggregator<T, QuantileSketch> quantiles(int k) {
    return SketchAggregator.of(QuantilesSpec.bytes(k), quantilesEncoder());
  }

  /** Least squares with an intercept over (features, label) pairs of the given dimension. */
  public static SketchAggregator<Tuple2<double[], Double>, StreamingLinearRegression> linreg(
      int dimension, double ridge) {
    return SketchAggregator.of(
        new LabeledSpec<>(dimension, new LabeledSpec.LeastSquares(ridge)), linregEncoder());
  }
}
