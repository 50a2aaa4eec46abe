package io.sketches.spark.catalog;

import java.util.List;
import org.apache.spark.QueryContext;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FractionalType;
import org.apache.spark.sql.types.NumericType;
import scala.Option;

/**
 * The arguments of one {@code sk_*} call as the analyzer hands them over: data inputs, and literal
 * arguments that configure the sketch. A configuration argument that is not a constant, or is out
 * of range, fails analysis with an {@link AnalysisException} naming the function, the parameter and
 * the value.
 */
public final class Arguments {
  private final String function;
  private final String signature;
  private final List<Expression> args;

  Arguments(SqlFunction function, List<Expression> args) {
    this.function = function.name();
    this.signature = function.signature();
    this.args = args;
  }

  int size() {
    return args.size();
  }

  Expression get(int index) {
    return args.get(index);
  }

  /**
   * The data input at {@code index} as {@code ARRAY<DOUBLE>}: numeric arrays of other element types
   * are cast; anything else is left for the type check to refuse.
   */
  Expression features(int index) {
    Expression e = args.get(index);
    if (e.resolved()
        && e.dataType() instanceof ArrayType
        && ((ArrayType) e.dataType()).elementType() instanceof NumericType
        && !(((ArrayType) e.dataType()).elementType() instanceof DoubleType)) {
      return new Cast(e, DataTypes.createArrayType(DataTypes.DoubleType, true), Option.empty());
    }
    return e;
  }

  /** Fails unless the call has between {@code min} and {@code max} arguments. */
  Arguments arity(int min, int max) {
    if (args.size() < min || args.size() > max) {
      throw error(
          "%s takes %s arguments: %s; got %d",
          function, min == max ? String.valueOf(min) : min + " to " + max, signature, args.size());
    }
    return this;
  }

  /**
   * Whether there is an argument at {@code index} of a fractional type (DOUBLE, FLOAT, DECIMAL).
   */
  boolean isFractional(int index) {
    return index < args.size() && args.get(index).dataType() instanceof FractionalType;
  }

  /** The integer literal at {@code index} (or {@code dflt} if absent), checked to be in range. */
  int intLiteral(int index, String what, int min, int max, int dflt) {
    if (index >= args.size()) {
      return dflt;
    }
    Object value = literal(index, what);
    if (!(value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte)) {
      throw error("%s: %s must be an integer literal; got %s", function, what, describe(index));
    }
    long v = ((Number) value).longValue();
    if (v < min || v > max) {
      throw error("%s: %s must be in [%d, %d]: %d", function, what, min, max, v);
    }
    return (int) v;
  }

  /** The long literal at {@code index} (or {@code dflt} if absent). */
  long longLiteral(int index, String what, long dflt) {
    if (index >= args.size()) {
      return dflt;
    }
    Object value = literal(index, what);
    if (!(value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte)) {
      throw error("%s: %s must be an integer literal; got %s", function, what, describe(index));
    }
    return ((Number) value).longValue();
  }

  /**
   * The numeric literal at {@code index} (or {@code dflt} if absent), in the open or closed
   * interval given.
   */
  double doubleLiteral(
      int index,
      String what,
      double min,
      boolean minOpen,
      double max,
      boolean maxOpen,
      double dflt) {
    if (index >= args.size()) {
      return dflt;
    }
    Object value = literal(index, what);
    double v;
    if (value instanceof Number) {
      v = ((Number) value).doubleValue();
    } else if (value instanceof Decimal) {
      v = ((Decimal) value).toDouble();
    } else {
      throw error("%s: %s must be a numeric literal; got %s", function, what, describe(index));
    }
    boolean below = minOpen ? !(v > min) : !(v >= min);
    boolean above = maxOpen ? !(v < max) : !(v <= max);
    if (below || above) {
      throw error(
          "%s: %s must be in %s%s, %s%s: %s",
          function, what, minOpen ? "(" : "[", format(min), format(max), maxOpen ? ")" : "]", v);
    }
    return v;
  }

  private static String format(double v) {
    return v == Math.rint(v) && !Double.isInfinite(v)
        ? String.valueOf((long) v)
        : String.valueOf(v);
  }

  private Object literal(int index, String what) {
    Expression e = args.get(index);
    if (!e.foldable()) {
      throw error("%s: %s must be a constant (a literal), not %s", function, what, e.sql());
    }
    Object value = e.eval(null);
    if (value == null) {
      throw error("%s: %s must not be NULL", function, what);
    }
    return value;
  }

  private String describe(int index) {
    Expression e = args.get(index);
    return e.sql() + " of type " + e.dataType().sql();
  }

  /**
   * An analysis error with a plain message, to be thrown: {@code throw Arguments.error(...)}. (An
   * {@link AnalysisException} is a checked exception to javac but not to Scala callers; it is
   * thrown here unchecked, as the analyzer expects it.)
   */
  static RuntimeException error(String format, Object... values) {
    AnalysisException e =
        new AnalysisException(
            String.format(format, values),
            Option.empty(),
            Option.empty(),
            Option.empty(),
            Option.empty(),
            scala.collection.immutable.Map$.MODULE$.empty(),
            new QueryContext[0]);
    throw Arguments.<RuntimeException>sneaky(e);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable e) throws E {
    throw (E) e;
  }
}
