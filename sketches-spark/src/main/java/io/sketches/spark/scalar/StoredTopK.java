package io.sketches.spark.scalar;

import io.sketches.SketchType;
import io.sketches.frequency.HeavyHitters;
import io.sketches.spark.aggregate.TopK;
import io.sketches.spark.input.TypeMismatch;
import java.util.List;
import org.apache.spark.sql.types.DataType;

/**
 * {@code sk_top_k(summary, k [, type [, error_type]])}: the top k of stored heavy hitters bytes
 * ({@code sk_frequent}, {@code sk_merge} of them), as {@code sk_heavy_hitters} answers from rows
 * ({@link TopK}). The items' SQL type is named in the call, as for {@code sk_sample_values(sample,
 * type)}: a SQL function's result type is fixed before any bytes are read. Without a type the items
 * come back as strings; a named type whose items are stored another way fails with {@code
 * STORED_ITEM_TYPE_MISMATCH} ({@link StoredItems}).
 *
 * @param topK what to answer: k, the error type, the items' type
 */
public record StoredTopK(TopK topK) implements ScalarSpec {
  public static final String NAME = "sk_top_k";

  @Override
  public String functionName() {
    return NAME;
  }

  @Override
  public DataType resultType() {
    return topK.resultType();
  }

  @Override
  public TypeMismatch checkInputTypes(List<DataType> types) {
    return TypeMismatch.unlessBinary(types, "heavy hitters summary");
  }

  @Override
  public Object apply(Object[] inputs) {
    HeavyHitters<?> summary =
        (HeavyHitters<?>)
            StoredSketchFunction.read(NAME, (byte[]) inputs[0], List.of(SketchType.HEAVY_HITTERS));
    if (topK.itemType() != null) {
      StoredItems.check(
          NAME, "summary", summary.serde(), topK.itemType(), topK.itemSqlType().sql());
    }
    try {
      return topK.rows(summary);
    } catch (RuntimeException e) { // a long beyond the named type's range, a string no decimal
      throw StoredItems.mismatch(
          NAME, "an item is not a " + topK.itemSqlType().sql() + ": " + e.getMessage());
    }
  }
}
