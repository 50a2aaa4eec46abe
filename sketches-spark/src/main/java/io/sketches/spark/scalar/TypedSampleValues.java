package io.sketches.spark.scalar;

import io.sketches.ItemSerde;
import io.sketches.sampling.ReservoirSampler;
import io.sketches.spark.SketchesSparkException;
import io.sketches.spark.SketchesSparkException.Condition;
import io.sketches.spark.input.ItemType;
import io.sketches.spark.input.TypeMismatch;
import java.util.List;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code sk_sample_values(sample, type)}: the items of stored sample bytes in the SQL type the call
 * names, as {@code sk_sample_items} returns them from rows: BIGINT for every integral type, DOUBLE
 * for FLOAT and DOUBLE, otherwise the named type. The type is named in the call because a SQL
 * function's result type is fixed at analysis, before any bytes are read.
 *
 * <p>The bytes record how their items are stored (the core's item serde id: longs, doubles,
 * strings, byte arrays), not the SQL type they came from; a read whose type stores items another
 * way fails with {@link Condition#SAMPLE_ITEM_TYPE_MISMATCH}. Types that share a store (BIGINT,
 * DATE, TIMESTAMP and BOOLEAN are all longs; STRING and DECIMAL both strings) are not told apart: a
 * sample of dates read as {@code 'bigint'} gives days since the epoch.
 *
 * @param itemType how the named type is stored ({@link ItemType#of})
 * @param elementType the element type of the result ({@link ItemType#resultType})
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
    return types.get(0) instanceof BinaryType
        ? null
        : new TypeMismatch(0, "\"BINARY\" (sample sketch bytes)");
  }

  @Override
  public Object apply(Object[] inputs) {
    ReservoirSampler<?> sample =
        (ReservoirSampler<?>) StoredSketchFunction.SAMPLE_VALUES.read((byte[]) inputs[0]);
    ItemSerde<?> stored = sample.serde();
    if (stored.id() != itemType.serde().id()) {
      throw mismatch(
          "the sample's items are stored as "
              + storedAs(stored.id())
              + ", which "
              + elementType.sql()
              + " is not; read them as "
              + readableAs(stored.id()));
    }
    List<?> items = sample.sample();
    Object[] values = new Object[items.size()];
    for (int i = 0; i < values.length; i++) {
      try {
        values[i] = itemType.toCatalyst(items.get(i), elementType);
      } catch (RuntimeException e) { // a string that is no decimal of this precision
        throw mismatch("item " + items.get(i) + " is not a " + elementType.sql() + ": " + e);
      }
    }
    return new GenericArrayData(values);
  }

  private SketchesSparkException mismatch(String reason) {
    return new SketchesSparkException(
        Condition.SAMPLE_ITEM_TYPE_MISMATCH, functionName() + ": " + reason);
  }

  private static String storedAs(int serdeId) {
    switch (serdeId) {
      case 1:
        return "longs";
      case 2:
        return "doubles";
      case 3:
        return "strings";
      case 4:
        return "byte arrays";
      default:
        return "items of serde id " + serdeId;
    }
  }

  private static String readableAs(int serdeId) {
    switch (serdeId) {
      case 1:
        return "'bigint', 'date', 'timestamp', 'timestamp_ntz' or 'boolean'";
      case 2:
        return "'double'";
      case 3:
        return "'string' or 'decimal(p, s)'";
      case 4:
        return "'binary'";
      default:
        return "sk_sample_values(sample), as strings";
    }
  }
}
