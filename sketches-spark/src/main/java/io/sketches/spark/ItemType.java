package io.sketches.spark;

import io.sketches.ItemSerde;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The item types of sketches that keep items (heavy hitters, samples): Spark column types map to
 * the core's built-in {@link ItemSerde}s — strings, integers (as BIGINT), floating point (as
 * DOUBLE) and binary — and back.
 */
enum ItemType {
  LONG(ItemSerde.longs(), DataTypes.LongType),
  DOUBLE(ItemSerde.doubles(), DataTypes.DoubleType),
  STRING(ItemSerde.strings(), DataTypes.StringType),
  BINARY(ItemSerde.byteArrays(), DataTypes.BinaryType);

  final ItemSerde<?> serde;
  final DataType sqlType;

  ItemType(ItemSerde<?> serde, DataType sqlType) {
    this.serde = serde;
    this.sqlType = sqlType;
  }

  /** The item type of a column type, or {@code null} if the sketch cannot keep such items. */
  static ItemType of(DataType type) {
    if (type instanceof StringType) {
      return STRING;
    }
    if (type instanceof LongType || type instanceof IntegerType || type instanceof ShortType
        || type instanceof ByteType) {
      return LONG;
    }
    if (type instanceof DoubleType || type instanceof FloatType) {
      return DOUBLE;
    }
    if (type instanceof BinaryType) {
      return BINARY;
    }
    return null;
  }

  static ItemType ofSerde(int serdeId) {
    for (ItemType t : values()) {
      if (t.serde.id() == serdeId) {
        return t;
      }
    }
    throw new io.sketches.SketchFormatException("no Spark item type for item serde " + serdeId);
  }

  static String check(String function, DataType type) {
    return of(type) != null ? null
        : function + " keeps strings, integers, floating point or binary items; got "
            + type.sql();
  }

  /** A Catalyst or Java value as the serde's Java item. */
  Object toItem(Object value) {
    switch (this) {
      case STRING:
        return value.toString(); // UTF8String or String
      case LONG:
        return ((Number) value).longValue();
      case DOUBLE:
        return ((Number) value).doubleValue();
      default:
        return value;
    }
  }

  /** A Java item as a Catalyst value of {@link #sqlType}. */
  Object toCatalyst(Object item) {
    return this == STRING ? UTF8String.fromString((String) item) : item;
  }
}
