package io.sketches.spark.scalar;

import io.sketches.quantiles.QuantileSketch;
import io.sketches.spark.input.QuantileInput;
import io.sketches.spark.input.TypeMismatch;
import java.util.List;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code sk_rank(sketch, value)}: the estimated fraction of a stored quantile sketch's items that
 * are ≤ value, a DOUBLE; {@code sk_cdf(sketch, split_points)}: that fraction at each of the
 * strictly increasing split points, then 1.0, an {@code ARRAY<DOUBLE>} one longer than the split
 * points ({@link QuantileSketch#cdf}). Values are of any quantile type ({@link QuantileInput}) and
 * compare as the core compares them: a long-kept value (BIGINT, DATE, TIMESTAMP, ...) exactly with
 * a sketch of longs, a fractional value with a sketch of longs by its floor, a long with a sketch
 * of doubles by the largest double at or below it. An empty sketch, or a NaN value, gives NULL (NaN
 * is no value of the sketch: {@code sk_quantiles} skips it); split points that are not strictly
 * increasing fail with {@code INVALID_SKETCH_INPUT}.
 *
 * @param cdf {@code sk_cdf} (else {@code sk_rank})
 * @param valueType the SQL type of the value, or of the split points' elements
 */
public record StoredRanks(boolean cdf, DataType valueType) implements ScalarSpec {
  public static final String RANK = "sk_rank";
  public static final String CDF = "sk_cdf";

  @Override
  public String functionName() {
    return cdf ? CDF : RANK;
  }

  @Override
  public DataType resultType() {
    return cdf ? DataTypes.createArrayType(DataTypes.DoubleType, false) : DataTypes.DoubleType;
  }

  @Override
  public TypeMismatch checkInputTypes(List<DataType> types) {
    TypeMismatch notBytes = TypeMismatch.unlessBinary(types, "quantile sketch");
    if (notBytes != null) {
      return notBytes;
    }
    DataType second = types.get(1);
    if (cdf) {
      return second instanceof ArrayType
              && QuantileInput.of(((ArrayType) second).elementType()) != null
          ? null
          : new TypeMismatch(1, "\"ARRAY\" of " + QuantileInput.REQUIRED + " (split points)");
    }
    return QuantileInput.check(second, 1);
  }

  @Override
  public Object apply(Object[] inputs) {
    QuantileSketch sketch = StoredQuantile.read(functionName(), (byte[]) inputs[0]);
    if (sketch.isEmpty()) {
      return null;
    }
    QuantileInput input = QuantileInput.of(valueType);
    if (!cdf) {
      return rank(sketch, input, inputs[1]);
    }
    ArrayData points = (ArrayData) inputs[1];
    Object[] values = new Object[points.numElements()];
    for (int i = 0; i < values.length; i++) {
      if (points.isNullAt(i)) {
        throw new IllegalArgumentException(CDF + ": split point " + i + " is NULL");
      }
      values[i] = points.get(i, valueType);
    }
    return new GenericArrayData(cdf(sketch, input, values));
  }

  /** The rank of one value; {@code null} for NaN. */
  private static Object rank(QuantileSketch sketch, QuantileInput input, Object value) {
    if (input.longs()) {
      return sketch.rank(input.toLong(value));
    }
    double v = input.toDouble(value);
    return Double.isNaN(v) ? null : (Object) sketch.rank(v);
  }

  /** The ranks of the split points, then 1.0. */
  private static Object[] cdf(QuantileSketch sketch, QuantileInput input, Object[] values) {
    double[] ranks;
    try {
      if (input.longs()) {
        long[] points = new long[values.length];
        for (int i = 0; i < points.length; i++) {
          points[i] = input.toLong(values[i]);
        }
        ranks = sketch.cdf(points);
      } else {
        double[] points = new double[values.length];
        for (int i = 0; i < points.length; i++) {
          points[i] = input.toDouble(values[i]);
        }
        ranks = sketch.cdf(points);
      }
    } catch (IllegalArgumentException e) { // not strictly increasing, or NaN
      throw new IllegalArgumentException(CDF + ": " + e.getMessage(), e);
    }
    Object[] boxed = new Object[ranks.length];
    for (int i = 0; i < ranks.length; i++) {
      boxed[i] = ranks[i];
    }
    return boxed;
  }
}
