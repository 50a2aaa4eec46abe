package io.sketches.spark.input;

import io.sketches.ItemSerde;
import io.sketches.hash.ItemHash;
import java.math.BigDecimal;
import java.util.Base64;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The one table of item types: which Spark column types every item-taking function accepts ({@code
 * sk_hll}, {@code sk_distinct}, {@code sk_cms}, {@code sk_frequency}, {@code sk_heavy_hitters},
 * {@code sk_frequent}, {@code sk_sample}), how a value becomes an item hash, and, for the sketches
 * that keep items, which core {@link ItemSerde} stores it and how it comes back as a Catalyst value
 * of the input's own SQL type.
 *
 * <table>
 *   <caption>Item types</caption>
 *   <tr><th>constant</th><th>Spark types</th><th>hashed as</th><th>kept as</th>
 *       <th>returned as</th></tr>
 *   <tr><td>STRING</td><td>STRING</td><td>its UTF-8 bytes</td><td>string</td><td>STRING</td></tr>
 *   <tr><td>BINARY</td><td>BINARY</td><td>its bytes</td><td>bytes</td><td>BINARY</td></tr>
 *   <tr><td>INTEGRAL</td><td>TINYINT…BIGINT</td><td>the equal long</td><td>long</td>
 *       <td>the input type</td></tr>
 *   <tr><td>FLOATING</td><td>FLOAT, DOUBLE</td><td>the equal double</td><td>double</td>
 *       <td>the input type</td></tr>
 *   <tr><td>DECIMAL</td><td>DECIMAL(p, s)</td><td>its plain string</td><td>plain string</td>
 *       <td>DECIMAL(p, s)</td></tr>
 *   <tr><td>DATE</td><td>DATE</td><td>days since the epoch, as a long</td><td>long</td>
 *       <td>DATE</td></tr>
 *   <tr><td>TIMESTAMP</td><td>TIMESTAMP, TIMESTAMP_NTZ</td><td>microseconds since the epoch,
 *       as a long</td><td>long</td><td>the input type</td></tr>
 *   <tr><td>BOOLEAN</td><td>BOOLEAN</td><td>0 or 1, as a long</td><td>long</td>
 *       <td>BOOLEAN</td></tr>
 * </table>
 *
 * <p>Hashes are those of the core library ({@link ItemHash}), so a Spark sketch equals the core
 * sketch of the same Java items.
 */
public enum ItemType {
  STRING(ItemSerde.strings()) {
    @Override
    public Object toItem(Object value) {
      return value.toString(); // UTF8String or String
    }

    @Override
    public Object toCatalyst(Object item, DataType sqlType) {
      return UTF8String.fromString((String) item);
    }
  },
  BINARY(ItemSerde.byteArrays()),
  INTEGRAL(ItemSerde.longs()) {
    @Override
    public Object toItem(Object value) {
      return value instanceof Long ? value : Long.valueOf(((Number) value).longValue());
    }

    @Override
    public Object toCatalyst(Object item, DataType sqlType) {
      long v = (Long) item;
      if (sqlType instanceof IntegerType) {
        return Math.toIntExact(v);
      }
      if (sqlType instanceof ShortType) {
        return (short) narrow(v, Short.MIN_VALUE, Short.MAX_VALUE, sqlType);
      }
      if (sqlType instanceof ByteType) {
        return (byte) narrow(v, Byte.MIN_VALUE, Byte.MAX_VALUE, sqlType);
      }
      return item;
    }
  },
  FLOATING(ItemSerde.doubles()) {
    @Override
    public Object toItem(Object value) {
      return value instanceof Double ? value : Double.valueOf(((Number) value).doubleValue());
    }

    @Override
    public Object toCatalyst(Object item, DataType sqlType) {
      if (!(sqlType instanceof FloatType)) {
        return item;
      }
      double v = (Double) item;
      float f = (float) v;
      if (f != v && !Double.isNaN(v)) { // only a double read as FLOAT can miss
        throw new ArithmeticException(v + " is not a FLOAT");
      }
      return f;
    }
  },
  DECIMAL(ItemSerde.strings()) {
    @Override
    public Object toItem(Object value) {
      return decimalString(value);
    }

    @Override
    public Object toCatalyst(Object item, DataType sqlType) {
      DecimalType type = (DecimalType) sqlType;
      return Decimal.apply(new BigDecimal((String) item), type.precision(), type.scale());
    }
  },
  DATE(ItemSerde.longs()) {
    @Override
    public Object toItem(Object value) {
      return ((Number) value).longValue();
    }

    @Override
    public Object toCatalyst(Object item, DataType sqlType) {
      return Math.toIntExact((Long) item);
    }
  },
  TIMESTAMP(ItemSerde.longs()) {
    @Override
    public Object toItem(Object value) {
      return value instanceof Long ? value : Long.valueOf(((Number) value).longValue());
    }
  },
  BOOLEAN(ItemSerde.longs()) {
    @Override
    public Object toItem(Object value) {
      return (Boolean) value ? 1L : 0L;
    }

    @Override
    public Object toCatalyst(Object item, DataType sqlType) {
      return (Long) item != 0;
    }
  };

  private final ItemSerde<?> serde;

  ItemType(ItemSerde<?> serde) {
    this.serde = serde;
  }

  /** The item type of a column type, or {@code null} if no sketch takes such items. */
  public static ItemType of(DataType type) {
    if (type instanceof StringType) {
      return STRING;
    }
    if (type instanceof BinaryType) {
      return BINARY;
    }
    if (type instanceof LongType
        || type instanceof IntegerType
        || type instanceof ShortType
        || type instanceof ByteType) {
      return INTEGRAL;
    }
    if (type instanceof DoubleType || type instanceof FloatType) {
      return FLOATING;
    }
    if (type instanceof DecimalType) {
      return DECIMAL;
    }
    if (type instanceof DateType) {
      return DATE;
    }
    if (type instanceof TimestampType || type instanceof TimestampNTZType) {
      return TIMESTAMP;
    }
    if (type instanceof BooleanType) {
      return BOOLEAN;
    }
    return null;
  }

  /**
   * The item type of a Catalyst or Java value, decided by its class as {@link #hash} decides: of
   * the types that share a class (INT and DATE, BIGINT and TIMESTAMP) it picks one that stores the
   * value alike. {@code null} for a value of no item type.
   */
  public static ItemType ofValue(Object value) {
    if (value instanceof UTF8String || value instanceof String) {
      return STRING;
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return INTEGRAL;
    }
    if (value instanceof Double || value instanceof Float) {
      return FLOATING;
    }
    if (value instanceof byte[]) {
      return BINARY;
    }
    if (value instanceof Decimal || value instanceof BigDecimal) {
      return DECIMAL;
    }
    if (value instanceof Boolean) {
      return BOOLEAN;
    }
    return null;
  }

  /** What an item-taking argument requires, as a type mismatch says it. */
  public static final String REQUIRED =
      "item (\"STRING\", \"BINARY\", \"TINYINT\" to \"BIGINT\", \"FLOAT\", \"DOUBLE\","
          + " \"DECIMAL\", \"DATE\", \"TIMESTAMP\", \"TIMESTAMP_NTZ\" or \"BOOLEAN\")";

  /** The item types as a SQL user names them in a string: {@code sk_sample_values(s, 'bigint')}. */
  public static final String NAMES =
      "an item type ('string', 'binary', 'bigint', 'int', 'smallint', 'tinyint', 'double',"
          + " 'float', 'decimal(p, s)', 'date', 'timestamp', 'timestamp_ntz' or 'boolean')";

  /**
   * The analysis error of an item-taking function ({@code sk_hll}, {@code sk_cms}, {@code
   * sk_sample}, ...) whose argument {@code argument} is of {@code type}, or {@code null} if the
   * type is an item type.
   */
  public static TypeMismatch check(DataType type, int argument) {
    return of(type) != null ? null : new TypeMismatch(argument, REQUIRED);
  }

  /** The serde that stores items of this type in sketches that keep items. */
  public ItemSerde<?> serde() {
    return serde;
  }

  /** A Catalyst (or, on the typed path, Java) value of this type as the serde's Java item. */
  public Object toItem(Object value) {
    return value;
  }

  /**
   * A kept Java item back as a Catalyst value of {@code sqlType}, the SQL type of the column it
   * came from (or, for stored bytes, the type a typed read names): an INT column's items come back
   * as INT, a FLOAT column's as FLOAT.
   *
   * @throws ArithmeticException if the item is no value of {@code sqlType} (a BIGINT beyond the INT
   *     range, a DOUBLE that no FLOAT equals): only when stored bytes are read as another type
   */
  public Object toCatalyst(Object item, DataType sqlType) {
    return item;
  }

  private static long narrow(long v, long min, long max, DataType sqlType) {
    if (v < min || v > max) {
      throw new ArithmeticException(v + " is out of the " + sqlType.sql() + " range");
    }
    return v;
  }

  /**
   * A kept item as a string, for reads that do not name the items' type: numbers in their shortest
   * round-tripping form, byte arrays as base64.
   */
  public static UTF8String asString(Object item) {
    return UTF8String.fromString(
        item instanceof byte[]
            ? Base64.getEncoder().encodeToString((byte[]) item)
            : item.toString());
  }

  /**
   * The item hash of a Catalyst or Java value of any item type: the value's class decides, so the
   * typed path (Java strings, boxed numbers) hashes as SQL does. A {@code UTF8String} is hashed in
   * place, equal to hashing the Java string.
   */
  public static long hash(Object value) {
    if (value instanceof UTF8String) {
      UTF8String s = (UTF8String) value;
      return ItemHash.hashUnsafe(s.getBaseObject(), s.getBaseOffset(), s.numBytes());
    }
    if (value instanceof Long) {
      return ItemHash.hash((long) (Long) value);
    }
    if (value instanceof Integer) {
      return ItemHash.hash((long) (Integer) value);
    }
    if (value instanceof CharSequence) {
      return ItemHash.hash((CharSequence) value);
    }
    if (value instanceof byte[]) {
      return ItemHash.hash((byte[]) value);
    }
    if (value instanceof Double) {
      return ItemHash.hash((double) (Double) value);
    }
    if (value instanceof Float) {
      return ItemHash.hash((double) (Float) value);
    }
    if (value instanceof Short || value instanceof Byte) {
      return ItemHash.hash(((Number) value).longValue());
    }
    if (value instanceof Boolean) {
      return ItemHash.hash((Boolean) value ? 1L : 0L);
    }
    if (value instanceof Decimal || value instanceof BigDecimal) {
      return ItemHash.hash(decimalString(value));
    }
    throw new IllegalArgumentException(
        "cannot hash a " + value.getClass().getName() + " as a sketch item: " + value);
  }

  private static String decimalString(Object value) {
    return value instanceof Decimal
        ? ((Decimal) value).toJavaBigDecimal().toPlainString()
        : ((BigDecimal) value).toPlainString();
  }
}
