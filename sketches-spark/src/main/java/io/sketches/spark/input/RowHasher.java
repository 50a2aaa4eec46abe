package io.sketches.spark.input;

import io.sketches.hash.ItemHash;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The item hash of one input column read straight from the row: for a plain column of a common
 * type, the value is read unboxed ({@code getLong}, {@code getInt}) or in place ({@code
 * getUTF8String}, hashed without decoding); anything else is evaluated and hashed by {@link
 * ItemType#hash}. Equal to {@link ItemType#hash} of the evaluated value in every case.
 */
public abstract class RowHasher {
  /** Whether the input of this row is null (then the row is skipped). */
  public abstract boolean isNull(InternalRow row);

  /** The item hash of this row's input, after {@link #isNull} said it is not null. */
  public abstract long hash(InternalRow row);

  /** The hasher of {@code input}, a resolved expression of an item type. */
  public static RowHasher of(Expression input) {
    if (input instanceof BoundReference) {
      int ordinal = ((BoundReference) input).ordinal();
      DataType type = input.dataType();
      if (type instanceof LongType
          || type instanceof TimestampType
          || type instanceof TimestampNTZType) {
        return new Column(ordinal) {
          @Override
          public long hash(InternalRow row) {
            return ItemHash.hash(row.getLong(ordinal));
          }
        };
      }
      if (type instanceof IntegerType || type instanceof DateType) {
        return new Column(ordinal) {
          @Override
          public long hash(InternalRow row) {
            return ItemHash.hash((long) row.getInt(ordinal));
          }
        };
      }
      if (type instanceof StringType) {
        return new Column(ordinal) {
          @Override
          public long hash(InternalRow row) {
            UTF8String s = row.getUTF8String(ordinal);
            return ItemHash.hashUnsafe(s.getBaseObject(), s.getBaseOffset(), s.numBytes());
          }
        };
      }
    }
    return new Evaluated(input);
  }

  /** A plain column: null check by ordinal. */
  private abstract static class Column extends RowHasher {
    final int ordinal;

    Column(int ordinal) {
      this.ordinal = ordinal;
    }

    @Override
    public boolean isNull(InternalRow row) {
      return row.isNullAt(ordinal);
    }
  }

  /** Any other expression: evaluated once per row (isNull caches the value for hash). */
  private static final class Evaluated extends RowHasher {
    private final Expression input;
    private Object value;

    Evaluated(Expression input) {
      this.input = input;
    }

    @Override
    public boolean isNull(InternalRow row) {
      value = input.eval(row);
      return value == null;
    }

    @Override
    public long hash(InternalRow row) {
      return ItemType.hash(value);
    }
  }
}
