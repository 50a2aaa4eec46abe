package io.sketches.spark.aggregate;

import io.sketches.frequency.HeavyHitters;
import io.sketches.frequency.HeavyHitters.ErrorType;
import io.sketches.spark.input.ItemType;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The answer of {@code sk_heavy_hitters} (from rows) and {@code sk_top_k} (from stored bytes): the
 * summary's {@link HeavyHitters#topK(int, ErrorType) topK(k, errorType)} as {@code
 * ARRAY<STRUCT<item, estimate, lower, upper>>}, sorted by estimate, {@code lower ≤ true count ≤
 * upper} for every entry.
 *
 * @param k the number of items asked for
 * @param errorType which error the answer avoids ({@code approx_top_k}'s is no false positives)
 * @param itemType how the items are kept, or {@code null} to return any kept item as a string
 *     ({@link ItemType#asString})
 * @param itemSqlType the SQL type of the returned items: the input column's own type
 */
public record TopK(int k, ErrorType errorType, ItemType itemType, DataType itemSqlType)
    implements Serializable {

  /** The entries of an untyped read: every kept item as a string. */
  public static TopK asStrings(int k, ErrorType errorType) {
    return new TopK(k, errorType, null, DataTypes.StringType);
  }

  /** {@code ARRAY<STRUCT<item, estimate BIGINT, lower BIGINT, upper BIGINT>>}. */
  public DataType resultType() {
    return DataTypes.createArrayType(
        new StructType()
            .add("item", itemSqlType, false)
            .add("estimate", DataTypes.LongType, false)
            .add("lower", DataTypes.LongType, false)
            .add("upper", DataTypes.LongType, false),
        false);
  }

  /**
   * The top k of {@code summary} in Catalyst form.
   *
   * @throws ArithmeticException if a kept item is no value of {@link #itemSqlType} ({@link
   *     ItemType#toCatalyst})
   */
  public Object rows(HeavyHitters<?> summary) {
    List<? extends HeavyHitters.Entry<?>> top = summary.topK(k, errorType);
    Object[] rows = new Object[top.size()];
    for (int i = 0; i < rows.length; i++) {
      HeavyHitters.Entry<?> e = top.get(i);
      Object item =
          itemType == null
              ? ItemType.asString(e.item())
              : itemType.toCatalyst(e.item(), itemSqlType);
      rows[i] =
          new GenericInternalRow(new Object[] {item, e.estimate(), e.lowerBound(), e.upperBound()});
    }
    return new GenericArrayData(rows);
  }
}
