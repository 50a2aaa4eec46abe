package io.sketches.spark.input;

import io.sketches.quantiles.QuantileSketch;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DayTimeIntervalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.sql.types.YearMonthIntervalType;

/**
 * One row's quantile input added to a sketch straight from the row: for a plain column of a
 * primitive quantile type the value is read unboxed by its ordinal ({@code getDouble}, {@code
 * getLong}, {@code getInt}, ...), with the reader picked once per aggregate, not per row; anything
 * else (DECIMAL, an expression) is evaluated and added by {@link QuantileInput#update}. The sketch
 * gets the same items as from {@link QuantileInput#update} of the evaluated value in every case:
 * integral values, days and microseconds as longs, FLOAT and DOUBLE as doubles; NULL and NaN rows
 * are skipped.
 */
public abstract class QuantileRows {
  /** Adds this row's input to {@code sketch}, unless it is NULL or NaN. */
  public abstract void update(QuantileSketch sketch, InternalRow row);

  /** The reader of {@code input}, a resolved expression of a quantile type. */
  public static QuantileRows of(Expression input) {
    if (!(input instanceof BoundReference)) {
      return new Evaluated(input);
    }
    int ordinal = ((BoundReference) input).ordinal();
    DataType type = input.dataType();
    if (type instanceof DoubleType) {
      return new QuantileRows() {
        @Override
        public void update(QuantileSketch sketch, InternalRow row) {
          if (!row.isNullAt(ordinal)) {
            double v = row.getDouble(ordinal);
            if (!Double.isNaN(v)) { // skipped, as kll_sketch_agg_double skips it
              sketch.update(v);
            }
          }
        }
      };
    }
    if (type instanceof LongType
        || type instanceof TimestampType
        || type instanceof TimestampNTZType
        || type instanceof DayTimeIntervalType) {
      return new QuantileRows() {
        @Override
        public void update(QuantileSketch sketch, InternalRow row) {
          if (!row.isNullAt(ordinal)) {
            sketch.update(row.getLong(ordinal));
          }
        }
      };
    }
    if (type instanceof IntegerType
        || type instanceof DateType
        || type instanceof YearMonthIntervalType) {
      return new QuantileRows() {
        @Override
        public void update(QuantileSketch sketch, InternalRow row) {
          if (!row.isNullAt(ordinal)) {
            sketch.update((long) row.getInt(ordinal));
          }
        }
      };
    }
    if (type instanceof FloatType) {
      return new QuantileRows() {
        @Override
        public void update(QuantileSketch sketch, InternalRow row) {
          if (!row.isNullAt(ordinal)) {
            float v = row.getFloat(ordinal);
            if (!Float.isNaN(v)) {
              sketch.update((double) v);
            }
          }
        }
      };
    }
    if (type instanceof ShortType || type instanceof ByteType) {
      boolean isShort = type instanceof ShortType;
      return new QuantileRows() {
        @Override
        public void update(QuantileSketch sketch, InternalRow row) {
          if (!row.isNullAt(ordinal)) {
            sketch.update(isShort ? (long) row.getShort(ordinal) : (long) row.getByte(ordinal));
          }
        }
      };
    }
    return new Evaluated(input);
  }

  /** Any other input (DECIMAL, an expression): evaluated, then added as a Catalyst value. */
  private static final class Evaluated extends QuantileRows {
    private final Expression input;

    Evaluated(Expression input) {
      this.input = input;
    }

    @Override
    public void update(QuantileSketch sketch, InternalRow row) {
      Object value = input.eval(row);
      if (value != null) {
        QuantileInput.update(sketch, value);
      }
    }
  }
}
