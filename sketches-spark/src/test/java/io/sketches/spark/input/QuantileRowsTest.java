package io.sketches.spark.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sketches.quantiles.QuantileSketch;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DayTimeIntervalType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.YearMonthIntervalType;
import org.junit.jupiter.api.Test;

/**
 * A quantile column read from the row ({@link QuantileRows}) gives the sketch bytes of its
 * evaluated values added by {@link QuantileInput#update}, for every quantile type, with NULL and
 * NaN rows skipped, from Spark's UnsafeRow as from a generic row.
 */
class QuantileRowsTest {
  private static final int ROWS = 3_000; // past k = 200: the sketches compact

  private static final List<DataType> TYPES =
      List.of(
          DataTypes.DoubleType,
          DataTypes.FloatType,
          DataTypes.LongType,
          DataTypes.IntegerType,
          DataTypes.ShortType,
          DataTypes.ByteType,
          DataTypes.DateType,
          DataTypes.TimestampType,
          DataTypes.TimestampNTZType,
          DayTimeIntervalType.apply(),
          YearMonthIntervalType.apply(),
          new DecimalType(12, 3));

  /**
   * A Catalyst value of {@code type}, or null (every 17th row) or NaN (every 13th, if floating).
   */
  private static Object value(DataType type, int i, SplittableRandom random) {
    if (i % 17 == 0) {
      return null;
    }
    boolean nan = i % 13 == 0;
    long v = random.nextLong(-100_000, 100_000);
    if (type == DataTypes.DoubleType) {
      return nan ? Double.NaN : v / 7.0;
    }
    if (type == DataTypes.FloatType) {
      return nan ? Float.NaN : v / 7.0f;
    }
    if (type == DataTypes.LongType
        || type == DataTypes.TimestampType
        || type == DataTypes.TimestampNTZType
        || type instanceof DayTimeIntervalType) {
      return v * 1_000_003L;
    }
    if (type == DataTypes.ShortType) {
      return (short) v;
    }
    if (type == DataTypes.ByteType) {
      return (byte) v;
    }
    if (type instanceof DecimalType) {
      return Decimal.apply(v, 12, 3);
    }
    return (int) v; // INT, DATE, year-month intervals
  }

  @Test
  void everyTypeGivesTheBytesOfItsEvaluatedValues() {
    for (DataType type : TYPES) {
      for (boolean unsafe : new boolean[] {false, true}) {
        SplittableRandom random = new SplittableRandom(type.hashCode());
        // the column is the second of the row, so the reader must use its ordinal
        UnsafeProjection toUnsafe =
            UnsafeProjection.create(new DataType[] {DataTypes.LongType, type});
        QuantileRows rows = QuantileRows.of(new BoundReference(1, type, true));
        QuantileSketch read = QuantileSketch.create(200);
        QuantileSketch evaluated = QuantileSketch.create(200);
        long expected = 0;
        for (int i = 0; i < ROWS; i++) {
          Object value = value(type, i, random);
          InternalRow row = new GenericInternalRow(new Object[] {(long) i, value});
          rows.update(read, unsafe ? toUnsafe.apply(row) : row);
          if (value != null) {
            QuantileInput.update(evaluated, value);
            boolean nan =
                value instanceof Double && ((Double) value).isNaN()
                    || value instanceof Float && ((Float) value).isNaN();
            expected += nan ? 0 : 1;
          }
        }
        String what = type.sql() + (unsafe ? " from an UnsafeRow" : " from a generic row");
        assertEquals(expected, read.count(), what + ": NULL and NaN rows skipped, no other");
        assertArrayEquals(evaluated.toByteArray(), read.toByteArray(), what);
      }
    }
  }
}
