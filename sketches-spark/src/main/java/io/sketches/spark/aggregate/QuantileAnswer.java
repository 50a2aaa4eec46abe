package io.sketches.spark.aggregate;

import io.sketches.quantiles.ItemKind;
import io.sketches.quantiles.QuantileSketch;
import io.sketches.spark.input.QuantileInput;
import java.io.Serializable;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The quantiles of a sketch as SQL values: the answer of {@code sk_percentile} (from rows, in the
 * input column's type) and of {@code sk_quantile} (from stored bytes, as a DOUBLE or in the type
 * the call names). Each answer is a retained item of the sketch ({@link QuantileSketch#quantile}):
 * for a sketch of longs the exact long, so a BIGINT, DATE or TIMESTAMP quantile is a value of the
 * column.
 *
 * @param input how the answers' type is kept, or {@code null} for DOUBLE answers of either kind
 * @param valueType the SQL type of each answer
 */
public record QuantileAnswer(QuantileInput input, DataType valueType) implements Serializable {

  /** DOUBLE answers, of a sketch of longs or doubles. */
  public static QuantileAnswer doubles() {
    return new QuantileAnswer(null, DataTypes.DoubleType);
  }

  /** Answers of the SQL type {@code type}, a quantile input type ({@link QuantileInput#of}). */
  public static QuantileAnswer of(DataType type) {
    return new QuantileAnswer(QuantileInput.of(type), type);
  }

  /** The type of one answer, or of an array of them (no NULL elements). */
  public DataType resultType(boolean array) {
    return array ? DataTypes.createArrayType(valueType, false) : valueType;
  }

  /**
   * The quantile of {@code rank} in Catalyst form, or {@code null} if the sketch is empty.
   *
   * @param rank in [0, 1], checked before
   */
  public Object value(QuantileSketch sketch, double rank) {
    if (sketch.isEmpty()) {
      return null;
    }
    return sketch.itemKind() == ItemKind.LONGS
        ? fromLong(sketch.quantileLong(rank))
        : fromDouble(sketch.quantile(rank));
  }

  /**
   * The quantiles of {@code ranks} as an array in Catalyst form (the sketch sorted once for all),
   * or {@code null} if the sketch is empty.
   */
  public Object values(QuantileSketch sketch, double[] ranks) {
    if (sketch.isEmpty()) {
      return null;
    }
    Object[] values = new Object[ranks.length];
    if (sketch.itemKind() == ItemKind.LONGS) {
      long[] items = sketch.quantilesLong(ranks);
      for (int i = 0; i < values.length; i++) {
        values[i] = fromLong(items[i]);
      }
    } else {
      double[] items = sketch.quantiles(ranks);
      for (int i = 0; i < values.length; i++) {
        values[i] = fromDouble(items[i]);
      }
    }
    return new GenericArrayData(values);
  }

  /** A long item as an answer: a DOUBLE, or a value of the long-kept {@link #valueType}. */
  private Object fromLong(long item) {
    return input == null ? (Object) (double) item : input.fromLong(item, valueType);
  }

  /** A double item as an answer: a DOUBLE, or a value of the double-kept {@link #valueType}. */
  private Object fromDouble(double item) {
    return input == null ? (Object) item : input.fromDouble(item, valueType);
  }
}
