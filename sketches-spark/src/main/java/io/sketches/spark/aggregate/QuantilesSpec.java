package io.sketches.spark.aggregate;

import io.sketches.quantiles.QuantileSketch;
import io.sketches.spark.input.QuantileInput;
import io.sketches.spark.input.QuantileRows;
import io.sketches.spark.input.TypeMismatch;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code sk_quantiles(expr [, k])}: a KLL quantile sketch ({@link QuantileSketch}) of the column's
 * values as sketch bytes, for {@code sk_merge}, {@code sk_quantile}, {@code sk_rank} and {@code
 * sk_cdf}; {@code sk_percentile(expr, percentage [, k])}: the same sketch's quantiles at the
 * percentages, in the column's own type ({@link QuantileAnswer}), as {@code percentile_approx}
 * answers. Values are kept as {@link QuantileInput} says (integral values, days and microseconds as
 * exact longs; FLOAT, DOUBLE and DECIMAL as doubles); NULL and NaN rows are skipped.
 *
 * <p><b>Coins.</b> Every partition's sketch has the core's default seed ({@link
 * QuantileSketch#create(int)}): sketches merge only with sketches of their seed, and stored bytes
 * from any query must merge with these. The core draws each compaction's coin from the seed and the
 * items compacted, so partitions of different rows make independent choices. The same input in the
 * same partitioning (a replayed micro-batch) gives the same bytes; a single partition gives the
 * bytes of the core sketch of the same values in the same order.
 *
 * @param k the sketch's accuracy, in [{@value QuantileSketch#MIN_K}, {@value QuantileSketch#MAX_K}]
 * @param percentile the answer of {@code sk_percentile}, or {@code null} for {@code sk_quantiles}'
 *     bytes
 */
public record QuantilesSpec(int k, Percentile percentile) implements SketchSpec<QuantileSketch> {
  public static final String NAME = "sk_quantiles";
  public static final String PERCENTILE = "sk_percentile";

  /**
   * What {@code sk_percentile} answers: the quantiles at {@code percentages}, one value or an array
   * ({@code array}), of the input's own type ({@code answer}).
   *
   * @param percentages the ranks asked for, each in [0, 1] (checked at analysis)
   * @param array whether the call gave an array of percentages
   * @param answer the input column's type
   */
  public record Percentile(List<Double> percentages, boolean array, QuantileAnswer answer)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The answer over {@code sketch} in Catalyst form; {@code null} if no row was seen. */
    Object of(QuantileSketch sketch) {
      if (sketch == null || sketch.isEmpty()) {
        return null;
      }
      if (!array) {
        return answer.value(sketch, percentages.get(0));
      }
      if (percentages.isEmpty()) {
        return null; // as percentile_approx answers an empty array of percentages
      }
      double[] ranks = new double[percentages.size()];
      for (int i = 0; i < ranks.length; i++) {
        ranks[i] = percentages.get(i);
      }
      return answer.values(sketch, ranks);
    }
  }

  /** {@code sk_quantiles(expr, k)}: the sketch bytes. */
  public static QuantilesSpec bytes(int k) {
    return new QuantilesSpec(k, null);
  }

  /**
   * {@code sk_percentile(expr, percentages, k)} over an input of {@code inputType}.
   *
   * @param array whether the percentages came as an array
   */
  public static QuantilesSpec percentile(
      int k, double[] percentages, boolean array, DataType inputType) {
    Double[] boxed = new Double[percentages.length];
    for (int i = 0; i < boxed.length; i++) {
      boxed[i] = percentages[i];
    }
    return new QuantilesSpec(
        k, new Percentile(List.of(boxed), array, QuantileAnswer.of(inputType)));
  }

  @Override
  public String name() {
    return percentile == null ? NAME : PERCENTILE;
  }

  @Override
  public QuantileSketch create() {
    return QuantileSketch.create(k);
  }

  @Override
  public QuantileSketch update(QuantileSketch sketch, Object value, Object unused) {
    return QuantileInput.update(sketch, value);
  }

  /** A DOUBLE, BIGINT, INT, ... column read unboxed ({@link QuantileRows}). */
  @Override
  public RowUpdate<QuantileSketch> rowUpdate(Expression input) {
    return QuantileRows.of(input)::update;
  }

  @Override
  public QuantileSketch fromBytes(byte[] bytes) {
    return QuantileSketch.fromByteArray(bytes);
  }

  @Override
  public DataType resultType() {
    return percentile == null
        ? DataTypes.BinaryType
        : percentile.answer().resultType(percentile.array());
  }

  @Override
  public Object result(QuantileSketch sketch) {
    if (percentile != null) {
      return percentile.of(sketch);
    }
    return (sketch == null ? create() : sketch).toByteArray();
  }

  @Override
  public TypeMismatch checkInputTypes(List<DataType> types) {
    return QuantileInput.check(types.get(0), 0);
  }
}
