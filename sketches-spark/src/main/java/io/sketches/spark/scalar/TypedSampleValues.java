package io.sketches.spark.scalar;

import io.sketches.sampling.ReservoirSampler;
import io.sketches.spark.SketchesSparkException.Condition;
import io.sketches.spark.input.ItemType;
import io.sketches.spark.input.TypeMismatch;
import java.util.List;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code sk_sample_values(sample, type)}: the items of stored sample bytes in the SQL type the call
 * names, as {@code sk_sample_items} returns them from a column of that type. The type is named in
 * the call because a SQL function's result type is fixed at analysis, before any bytes are read.
 *
 * <p>A read whose type stores items another way fails with {@link
 * Condition#STORED_ITEM_TYPE_MISMATCH} ({@link StoredItems}); so does an item the named type cannot
 * hold (a BIGINT read as {@code 'int'} beyond the INT range). Types that share a store are not told
 * apart: a sample of dates read as {@code 'bigint'} gives days since the epoch.
 *
 * @param itemType how the named type is stored ({@link ItemType#of})
 * @param elementType the named type, the element type of the result
 */
public record TypedSampleValues(ItemType itemType, DataType elementType) implements ScalarSpec {

  @Override
  public String functionName() {
    return StoredSketchFunction.SAMPLE_VALUES.functionName();
  }

  @Override
  public DataType resultType() {
    return DataTypes.createArrayType(elementType, false);
  }

  @Override
  public TypeMismatch checkInputTypes(List<DataType> types) {
    return TypeMismatch.unlessBinary(types, "sample sketch");
  }

  @Override
  public Object apply(Object[] inputs) {
    ReservoirSampler<?> sample =
        (ReservoirSampler<?>) StoredSketchFunction.SAMPLE_VALUES.read((byte[]) inputs[0]);
    StoredItems.check(functionName(), "sample", sample.serde(), itemType, elementType.sql());
    List<?> items = sample.sample();
    Object[] values = new Object[items.size()];
    for (int i = 0; i < values.length; i++) {
      try {
        values[i] = itemType.toCatalyst(items.get(i), elementType);
      } catch (RuntimeException e) { // a string that is no decimal of this precision
        throw StoredItems.mismatch(
            functionName(), "item " + items.get(i) + " is not a " + elementType.sql() + ": " + e);
      }
    }
    return new GenericArrayData(values);
  }
}
