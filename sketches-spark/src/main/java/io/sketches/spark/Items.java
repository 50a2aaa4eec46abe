package io.sketches.spark;

import io.sketches.hash.ItemHash;
import java.util.Arrays;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * How Spark values become sketch inputs: item hashes through {@link ItemHash} (a {@code
 * UTF8String} is hashed in place, equal to hashing the Java string) and feature vectors checked
 * for NaN and infinity.
 *
 * <p>Items hash as the core library hashes them: integral values (byte, short, int, long, date,
 * timestamp) as the equal {@code long}, floating point as the equal {@code double}, strings as
 * their UTF-8 bytes, binary as its bytes, decimals as their plain string, booleans as 0 and 1.
 */
final class Items {
  private Items() {}

  /** Whether values of {@code type} can be sketch items. */
  static boolean isItemType(DataType type) {
    return type instanceof StringType || type instanceof BinaryType || type instanceof LongType
        || type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType
        || type instanceof DoubleType || type instanceof FloatType || type instanceof DecimalType
        || type instanceof DateType || type instanceof TimestampType
        || type instanceof TimestampNTZType || type instanceof BooleanType;
  }

  /** The message for an input that cannot be an item, or {@code null}. */
  static String checkItemType(String function, DataType type) {
    return isItemType(type) ? null
        : function + " counts strings, numbers, dates, timestamps, booleans or binary; got "
            + type.sql();
  }

  /** The item hash of a Catalyst or Java value. */
  static long hash(Object value) {
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
    if (value instanceof org.apache.spark.sql.types.Decimal) {
      return ItemHash.hash(((org.apache.spark.sql.types.Decimal) value).toJavaBigDecimal()
          .toPlainString());
    }
    if (value instanceof java.math.BigDecimal) {
      return ItemHash.hash(((java.math.BigDecimal) value).toPlainString());
    }
    throw new IllegalArgumentException(
        "cannot hash a " + value.getClass().getName() + " as a sketch item: " + value);
  }

  /** The message for an input that cannot be a feature vector, or {@code null}. */
  static String checkFeaturesType(String function, DataType type) {
    if (type instanceof ArrayType && ((ArrayType) type).elementType() instanceof NumericType) {
      return null;
    }
    return function + " takes features as an ARRAY<DOUBLE> (or another numeric array); got "
        + type.sql();
  }

  /** The message for a label that is not numeric, or {@code null}. */
  static String checkNumericType(String function, String what, DataType type) {
    return type instanceof NumericType ? null
        : function + " takes a numeric " + what + "; got " + type.sql();
  }

  /**
   * The features of one row as doubles.
   *
   * @throws IllegalArgumentException naming the row's values if one is null, NaN or infinite
   */
  static double[] features(String function, Object value) {
    double[] x;
    if (value instanceof ArrayData) { // the builders cast feature arrays to ARRAY<DOUBLE>
      ArrayData array = (ArrayData) value;
      x = new double[array.numElements()];
      for (int i = 0; i < x.length; i++) {
        if (array.isNullAt(i)) {
          throw new IllegalArgumentException(function + ": feature " + i + " is null in "
              + Arrays.toString(array.toObjectArray(DataTypes.DoubleType)));
        }
        x[i] = array.getDouble(i);
      }
    } else if (value instanceof double[]) {
      x = ((double[]) value).clone();
    } else {
      throw new IllegalArgumentException(
          function + ": features must be an array of doubles; got " + value.getClass().getName());
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new IllegalArgumentException(
            function + ": feature " + i + " is " + x[i] + " in " + Arrays.toString(x)
                + "; features must be finite");
      }
    }
    return x;
  }

  /**
   * A numeric Catalyst or Java value as a double.
   *
   * @throws IllegalArgumentException if it is not a number or not finite
   */
  static double number(String function, Object value) {
    double v;
    if (value instanceof Number) {
      v = ((Number) value).doubleValue();
    } else if (value instanceof org.apache.spark.sql.types.Decimal) {
      v = ((org.apache.spark.sql.types.Decimal) value).toDouble();
    } else {
      throw new IllegalArgumentException(function + ": not a number: " + value);
    }
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(function + ": value " + v + " is not finite");
    }
    return v;
  }

  /** Refuses a row whose feature count differs from the model's, naming the row. */
  static void checkDimension(String function, int dimension, double[] x) {
    if (x.length != dimension) {
      throw new IllegalArgumentException(function + ": the model has " + dimension
          + " features but this row has " + x.length + ": " + Arrays.toString(x));
    }
  }
}
