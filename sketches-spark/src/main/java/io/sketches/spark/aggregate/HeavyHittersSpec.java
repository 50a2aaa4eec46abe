package io.sketches.spark.aggregate;

import io.sketches.ItemSerde;
import io.sketches.frequency.HeavyHitters;
import io.sketches.spark.input.ItemType;
import io.sketches.spark.input.TypeMismatch;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code sk_heavy_hitters(expr, k)}: the items above 1/(k+1) of the rows, by a mergeable
 * Misra–Gries summary ({@link HeavyHitters}), as {@code ARRAY<STRUCT<item, estimate, lower,
 * upper>>} sorted by estimate; {@code lower ≤ true count ≤ upper} always holds.
 *
 * @param k the number of heavy hitters guaranteed
 * @param itemType the item type of the input column ({@link ItemType#of})
 * @param sqlType the type of the returned items ({@link ItemType#resultType})
 */
@SuppressWarnings("unchecked")
public record HeavyHittersSpec(int k, ItemType itemType, DataType sqlType)
    implements SketchSpec<HeavyHitters<Object>> {
  public static final String NAME = "sk_heavy_hitters";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public HeavyHitters<Object> create() {
    return HeavyHitters.create(k, (ItemSerde<Object>) itemType.serde());
  }

  @Override
  public HeavyHitters<Object> update(HeavyHitters<Object> sketch, Object item, Object unused) {
    return sketch.update(itemType.toItem(item), 1);
  }

  @Override
  public HeavyHitters<Object> fromBytes(byte[] bytes) {
    return HeavyHitters.fromByteArray(bytes, (ItemSerde<Object>) itemType.serde());
  }

  @Override
  public DataType resultType() {
    return DataTypes.createArrayType(
        new StructType()
            .add("item", sqlType, false)
            .add("estimate", DataTypes.LongType, false)
            .add("lower", DataTypes.LongType, false)
            .add("upper", DataTypes.LongType, false),
        false);
  }

  @Override
  public Object result(HeavyHitters<Object> sketch) {
    List<HeavyHitters.Entry<Object>> top = (sketch == null ? create() : sketch).top();
    Object[] rows = new Object[top.size()];
    for (int i = 0; i < rows.length; i++) {
      HeavyHitters.Entry<Object> e = top.get(i);
      rows[i] =
          new GenericInternalRow(
              new Object[] {
                itemType.toCatalyst(e.item(), sqlType), e.estimate(), e.lowerBound(), e.upperBound()
              });
    }
    return new GenericArrayData(rows);
  }

  @Override
  public TypeMismatch checkInputTypes(List<DataType> types) {
    return ItemType.check(types.get(0), 0);
  }
}
