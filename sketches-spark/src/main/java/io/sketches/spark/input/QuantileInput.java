package io.sketches.spark.input;

import io.sketches.quantiles.QuantileSketch;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DayTimeIntervalType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.sql.types.YearMonthIntervalType;

/**
 * The one table of column types a quantile sketch takes ({@code sk_quantiles}, {@code
 * sk_percentile}, the values of {@code sk_rank} and {@code sk_cdf}): how a value is kept — as a
 * long, exactly, or as a double — and how a kept item comes back as a Catalyst value of the
 * column's own SQL type. These are the types {@code percentile_approx} takes.
 *
 * <table>
 *   <caption>Quantile input types</caption>
 *   <tr><th>constant</th><th>Spark types</th><th>kept as</th><th>returned as</th></tr>
 *   <tr><td>INTEGRAL</td><td>TINYINT…BIGINT</td><td>the equal long</td><td>the input type</td></tr>
 *   <tr><td>FLOATING</td><td>FLOAT, DOUBLE</td><td>the equal double</td><td>the input type</td></tr>
 *   <tr><td>DECIMAL</td><td>DECIMAL(p, s)</td><td>the nearest double</td>
 *       <td>DECIMAL(p, s), rounded half up to scale s</td></tr>
 *   <tr><td>DATE</td><td>DATE</td><td>days since 1970-01-01</td><td>DATE</td></tr>
 *   <tr><td>TIMESTAMP</td><td>TIMESTAMP, TIMESTAMP_NTZ</td><td>microseconds since the epoch</td>
 *       <td>the input type</td></tr>
 *   <tr><td>YEAR_MONTH_INTERVAL</td><td>INTERVAL YEAR TO MONTH (any fields)</td><td>months</td>
 *       <td>the input type</td></tr>
 *   <tr><td>DAY_TIME_INTERVAL</td><td>INTERVAL DAY TO SECOND (any fields)</td>
 *       <td>microseconds</td><td>the input type</td></tr>
 * </table>
 *
 * <p>Long-kept values are exact at any magnitude (a BIGINT above 2^53 too), where {@code
 * percentile_approx} turns every value into a double first.
 */
public enum QuantileInput {
  INTEGRAL(true),
  FLOATING(false),
  DECIMAL(false),
  DATE(true),
  TIMESTAMP(true),
  YEAR_MONTH_INTERVAL(true),
  DAY_TIME_INTERVAL(true);

  /** What a quantile argument requires, as Spark words {@code percentile_approx}'s. */
  public static final String REQUIRED =
      "(\"NUMERIC\" or \"DATE\" or \"TIMESTAMP\" or \"TIMESTAMP_NTZ\" or \"INTERVAL YEAR TO"
          + " MONTH\" or \"INTERVAL DAY TO SECOND\")";

  /** The types as a SQL user names them in a string: {@code sk_quantile(s, 0.5, 'date')}. */
  public static final String NAMES =
      "a quantile type ('bigint', 'int', 'smallint', 'tinyint', 'double', 'float',"
          + " 'decimal(p, s)', 'date', 'timestamp', 'timestamp_ntz', 'interval year to month' or"
          + " 'interval day to second')";

  private final boolean longs;

  QuantileInput(boolean longs) {
    this.longs = longs;
  }

  /** Whether values of this type are kept as longs (else as doubles). */
  public boolean longs() {
    return longs;
  }

  /**
   * The quantile input type of a column type, or {@code null} if a quantile sketch cannot take it.
   */
  public static QuantileInput of(DataType type) {
    if (type instanceof YearMonthIntervalType) {
      return YEAR_MONTH_INTERVAL;
    }
    if (type instanceof DayTimeIntervalType) {
      return DAY_TIME_INTERVAL;
    }
    ItemType item = ItemType.of(type); // the types both tables share are told apart there
    if (item == null) {
      return null;
    }
    switch (item) {
      case INTEGRAL:
        return INTEGRAL;
      case FLOATING:
        return FLOATING;
      case DECIMAL:
        return DECIMAL;
      case DATE:
        return DATE;
      case TIMESTAMP:
        return TIMESTAMP;
      default: // strings, binary, booleans have no order a quantile sketch keeps
        return null;
    }
  }

  /**
   * The analysis error of argument {@code argument} of {@code type}, or {@code null} if a quantile
   * sketch takes it.
   */
  public static TypeMismatch check(DataType type, int argument) {
    return of(type) != null ? null : new TypeMismatch(argument, REQUIRED);
  }

  /**
   * Adds a Catalyst value of a quantile type ({@code Long}, {@code Integer} for INT, DATE and
   * year-month intervals, {@code Double}, {@code Float}, {@code Decimal}, ...) or, on the typed
   * Dataset path, an equal Java value ({@code BigDecimal}, {@code LocalDate}, {@code
   * java.sql.Date}, {@code Instant}, {@code java.sql.Timestamp}, {@code LocalDateTime}) to {@code
   * sketch}: integral values, days and microseconds as longs, the others as doubles. NaN is
   * skipped, as {@code kll_sketch_agg_double} skips it.
   *
   * @throws IllegalArgumentException naming the value if it is of no quantile type, or of the other
   *     kind than the sketch already holds
   */
  public static QuantileSketch update(QuantileSketch sketch, Object value) {
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return sketch.update(((Number) value).longValue());
    }
    if (value instanceof Double || value instanceof Float) {
      double v = ((Number) value).doubleValue();
      return Double.isNaN(v) ? sketch : sketch.update(v);
    }
    if (value instanceof Decimal) {
      return sketch.update(((Decimal) value).toDouble());
    }
    if (value instanceof BigDecimal) {
      return sketch.update(((BigDecimal) value).doubleValue());
    }
    if (value instanceof LocalDate) {
      return sketch.update(((LocalDate) value).toEpochDay());
    }
    if (value instanceof java.sql.Date) {
      return sketch.update(((java.sql.Date) value).toLocalDate().toEpochDay());
    }
    if (value instanceof Instant) {
      return sketch.update(micros((Instant) value));
    }
    if (value instanceof java.sql.Timestamp) {
      return sketch.update(micros(((java.sql.Timestamp) value).toInstant()));
    }
    if (value instanceof LocalDateTime) {
      return sketch.update(micros(((LocalDateTime) value).toInstant(ZoneOffset.UTC)));
    }
    throw new IllegalArgumentException(
        "a quantile sketch takes numbers, dates, timestamps and intervals, not a "
            + value.getClass().getName()
            + ": "
            + value);
  }

  private static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  /**
   * A Catalyst value of this (long-kept) type as the long it is kept as: the value, days or
   * microseconds.
   */
  public long toLong(Object value) {
    return ((Number) value).longValue();
  }

  /** A Catalyst value of any quantile type as a double. */
  public double toDouble(Object value) {
    return value instanceof Decimal ? ((Decimal) value).toDouble() : ((Number) value).doubleValue();
  }

  /**
   * A kept long item as a Catalyst value of {@code sqlType}, a type of this (long-kept) input.
   *
   * @throws ArithmeticException if the item is out of the range of {@code sqlType} (only when
   *     stored bytes are read as a narrower type than they were written from)
   */
  public Object fromLong(long item, DataType sqlType) {
    if (sqlType instanceof LongType
        || sqlType instanceof TimestampType
        || sqlType instanceof TimestampNTZType
        || sqlType instanceof DayTimeIntervalType) {
      return item;
    }
    if (sqlType instanceof IntegerType
        || sqlType instanceof DateType
        || sqlType instanceof YearMonthIntervalType) {
      return Math.toIntExact(item);
    }
    if (sqlType instanceof ShortType) {
      return (short) narrow(item, Short.MIN_VALUE, Short.MAX_VALUE, sqlType);
    }
    if (sqlType instanceof ByteType) {
      return (byte) narrow(item, Byte.MIN_VALUE, Byte.MAX_VALUE, sqlType);
    }
    throw new IllegalStateException(this + " does not return " + sqlType.sql());
  }

  /**
   * A kept double item as a Catalyst value of {@code sqlType}, a type of this (double-kept) input:
   * a FLOAT as the float the double came from, a DECIMAL(p, s) rounded half up to scale s.
   *
   * @throws ArithmeticException if the item is no value of {@code sqlType} (a double beyond the
   *     FLOAT range, or too large for the decimal's precision: only when stored bytes are read as
   *     another type than they were written from)
   */
  public Object fromDouble(double item, DataType sqlType) {
    if (sqlType instanceof DoubleType) {
      return item;
    }
    if (sqlType instanceof FloatType) {
      float f = (float) item;
      if (Float.isInfinite(f) && !Double.isInfinite(item)) {
        throw new ArithmeticException(item + " is out of the FLOAT range");
      }
      return f;
    }
    if (sqlType instanceof DecimalType) {
      if (Double.isInfinite(item)) {
        throw new ArithmeticException(item + " is no " + sqlType.sql());
      }
      DecimalType type = (DecimalType) sqlType;
      BigDecimal rounded = new BigDecimal(item).setScale(type.scale(), RoundingMode.HALF_UP);
      if (rounded.precision() - rounded.scale() > type.precision() - type.scale()) {
        throw new ArithmeticException(item + " is out of the " + sqlType.sql() + " range");
      }
      return Decimal.apply(rounded, type.precision(), type.scale());
    }
    throw new IllegalStateException(this + " does not return " + sqlType.sql());
  }

  private static long narrow(long v, long min, long max, DataType sqlType) {
    if (v < min || v > max) {
      throw new ArithmeticException(v + " is out of the " + sqlType.sql() + " range");
    }
    return v;
  }
}
