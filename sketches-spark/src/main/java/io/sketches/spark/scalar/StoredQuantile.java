package io.sketches.spark.scalar;

import io.sketches.SketchType;
import io.sketches.quantiles.ItemKind;
import io.sketches.quantiles.QuantileSketch;
import io.sketches.spark.aggregate.QuantileAnswer;
import io.sketches.spark.input.TypeMismatch;
import java.util.List;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;

/**
 * {@code sk_quantile(sketch, rank [, type])}: the quantile of stored quantile sketch bytes ({@code
 * sk_quantiles}, {@code sk_merge} of them) at a rank, or at each rank of an array, as {@code
 * sk_percentile} answers from rows ({@link QuantileAnswer}). Without a type the answer is a DOUBLE
 * of either kind of sketch; with one ({@code 'bigint'}, {@code 'date'}, {@code 'timestamp'}, ...)
 * it is the item in that SQL type, and a type kept as the other kind (a sketch of doubles read as
 * {@code 'bigint'}) fails with {@code STORED_ITEM_TYPE_MISMATCH}: a SQL function's result type is
 * fixed before any bytes are read. An empty sketch gives NULL; a rank outside [0, 1] (or NULL in an
 * array of ranks) fails with {@code INVALID_SKETCH_INPUT} naming it.
 *
 * @param array whether the ranks come as an {@code ARRAY<DOUBLE>}
 * @param answer the answers' SQL type
 */
public record StoredQuantile(boolean array, QuantileAnswer answer) implements ScalarSpec {
  public static final String NAME = "sk_quantile";

  @Override
  public String functionName() {
    return NAME;
  }

  @Override
  public DataType resultType() {
    return answer.resultType(array);
  }

  @Override
  public TypeMismatch checkInputTypes(List<DataType> types) {
    TypeMismatch notBytes = TypeMismatch.unlessBinary(types, "quantile sketch");
    if (notBytes != null) {
      return notBytes;
    }
    DataType rank = types.get(1);
    boolean fits =
        array
            ? rank instanceof ArrayType && ((ArrayType) rank).elementType() instanceof DoubleType
            : rank instanceof DoubleType;
    return fits
        ? null
        : new TypeMismatch(1, "(\"DOUBLE\" or \"ARRAY<DOUBLE>\") (a rank in [0, 1])");
  }

  @Override
  public Object apply(Object[] inputs) {
    QuantileSketch sketch = read(NAME, (byte[]) inputs[0]);
    if (answer.input() != null && !sketch.isEmpty()) {
      checkKind(sketch, answer.input().longs(), answer.valueType());
    }
    double[] ranks = ranks(inputs[1]);
    try {
      return array ? answer.values(sketch, ranks) : answer.value(sketch, ranks[0]);
    } catch (ArithmeticException e) { // a long beyond the named type's range, a double no FLOAT
      throw StoredItems.mismatch(
          NAME, "an item is not a " + answer.valueType().sql() + ": " + e.getMessage());
    }
  }

  /** The rank or ranks asked for, each checked to be in [0, 1]. */
  private double[] ranks(Object input) {
    if (!array) {
      return new double[] {rank(NAME, (Double) input)};
    }
    ArrayData ranks = (ArrayData) input;
    double[] checked = new double[ranks.numElements()];
    for (int i = 0; i < checked.length; i++) {
      if (ranks.isNullAt(i)) {
        throw new IllegalArgumentException(NAME + ": rank " + i + " of the array is NULL");
      }
      checked[i] = rank(NAME, ranks.getDouble(i));
    }
    return checked;
  }

  /** The quantile sketch in stored {@code bytes}, refused as every scalar refuses bytes. */
  static QuantileSketch read(String function, byte[] bytes) {
    return (QuantileSketch)
        StoredSketchFunction.read(function, bytes, List.of(SketchType.QUANTILES));
  }

  /**
   * Fails with {@code STORED_ITEM_TYPE_MISMATCH} unless the non-empty {@code sketch} keeps its
   * items as longs exactly when {@code longs}.
   */
  private static void checkKind(QuantileSketch sketch, boolean longs, DataType asked) {
    boolean keptAsLongs = sketch.itemKind() == ItemKind.LONGS;
    if (keptAsLongs != longs) {
      throw StoredItems.mismatch(
          NAME,
          "the sketch's items are kept as "
              + (keptAsLongs ? "longs" : "doubles")
              + ", which "
              + asked.sql()
              + " is not; read them as "
              + (keptAsLongs
                  ? "'bigint', 'int', 'smallint', 'tinyint', 'date', 'timestamp', 'timestamp_ntz'"
                      + " or an interval type"
                  : "'double', 'float' or 'decimal(p, s)'")
              + ", or without a type as DOUBLE");
    }
  }

  /** {@code rank}, refused by {@code function} unless in [0, 1]. */
  static double rank(String function, double rank) {
    if (!(rank >= 0 && rank <= 1)) {
      throw new IllegalArgumentException(function + ": rank " + rank + " is not in [0, 1]");
    }
    return rank;
  }
}
