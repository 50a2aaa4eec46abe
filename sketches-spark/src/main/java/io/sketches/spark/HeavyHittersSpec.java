package io.sketches.spark;

import io.sketches.ItemSerde;
import io.sketches.frequency.HeavyHitters;
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
 * @param itemType the item type, from the input column's type
 */
@SuppressWarnings("unchecked")
record HeavyHittersSpec(int k, ItemType itemType) implements SketchSpec<HeavyHitters<Object>> {
  static final String NAME = "sk_heavy_hitters";

  static StructType entryType(ItemType itemType) {
    return new StructType()
        .add("item", itemType.sqlType, false)
        .add("estimate", DataTypes.LongType, false)
        .add("lower", DataTypes.LongType, false)
        .add("upper", DataTypes.LongType, false);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public HeavyHitters<Object> create() {
    return HeavyHitters.create(k, (ItemSerde<Object>) itemType.serde);
  }

  @Override
  public HeavyHitters<Object> update(HeavyHitters<Object> sketch, Object item, Object unused) {
    return sketch.update(itemType.toItem(item), 1);
  }

  @Override
  public HeavyHitters<Object> fromBytes(byte[] bytes) {
    return HeavyHitters.fromByteArray(bytes, (ItemSerde<Object>) itemType.serde);
  }

  @Override
  public DataType resultType() {
    return DataTypes.createArrayType(entryType(itemType), false);
  }

  @Override
  public Object result(HeavyHitters<Object> sketch) {
    if (sketch == null) {
      sketch = create();
    }
    return entries(sketch.top(), itemType);
  }

  static GenericArrayData entries(List<HeavyHitters.Entry<Object>> top, ItemType itemType) {
    Object[] rows = new Object[top.size()];
    for (int i = 0; i < rows.length; i++) {
      HeavyHitters.Entry<Object> e = top.get(i);
      rows[i] = new GenericInternalRow(new Object[] {
          itemType.toCatalyst(e.item()), e.estimate(), e.lowerBound(), e.upperBound()});
    }
    return new GenericArrayData(rows);
  }

  @Override
  public String checkInputTypes(List<DataType> types) {
    return ItemType.check(NAME, types.get(0));
  }
}
