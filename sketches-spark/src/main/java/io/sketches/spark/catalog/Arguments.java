package io.sketches.spark.catalog;

import io.sketches.spark.input.ItemType;
import java.util.List;
import java.util.function.Predicate;
import org.apache.spark.SparkBuildInfo;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.errors.QueryCompilationErrors;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FractionalType;
import org.apache.spark.sql.types.NullType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Option;

/**
 * The arguments of one {@code sk_*} call as the analyzer hands them over: data inputs, and literal
 * arguments that configure the sketch. A wrong number of arguments, or a configuration argument
 * that is not a constant, NULL, of another type or out of range, fails analysis with an {@link
 * AnalysisException} carrying the Spark condition a built-in raises for the same mistake ({@code
 * WRONG_NUM_ARGS}, {@code DATATYPE_MISMATCH.NON_FOLDABLE_INPUT}, {@code UNEXPECTED_NULL}, {@code
 * UNEXPECTED_INPUT_TYPE}, {@code VALUE_OUT_OF_RANGE}), whose parameters name the call, the
 * parameter and the value.
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
    return e.resolved() && e.dataType() instanceof ArrayType ? asDoubles(e) : e;
  }

  /**
   * Fails unless the call has between {@code min} and {@code max} arguments, with Spark's {@code
   * WRONG_NUM_ARGS} naming the signature.
   */
  Arguments arity(int min, int max) {
    if (args.size() < min || args.size() > max) {
      throw wrongNumArgs(min == max ? String.valueOf(min) : min + " to " + max);
    }
    return this;
  }

  /**
   * Spark's {@code WRONG_NUM_ARGS.WITHOUT_SUGGESTION} for this call, {@code expected} in words ("2
   * to 3", "1, 3 or 4"); the function is named by its signature.
   */
  RuntimeException wrongNumArgs(String expected) {
    return SqlConditions.analysis(
        "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
        "functionName",
        "`" + signature + "`",
        "expectedNum",
        expected,
        "actualNum",
        String.valueOf(args.size()),
        "docroot",
        SparkBuildInfo.spark_doc_root());
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
    Object value = literal(index, what, "INT");
    if (!(value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte)) {
      throw unexpectedType(index, QueryCompilationErrors.toSQLType("INT"));
    }
    long v = ((Number) value).longValue();
    if (v < min || v > max) {
      throw outOfRange(what, "[" + min + ", " + max + "]", index);
    }
    return (int) v;
  }

  /** The long literal at {@code index} (or {@code dflt} if absent). */
  long longLiteral(int index, String what, long dflt) {
    if (index >= args.size()) {
      return dflt;
    }
    Object value = literal(index, what, "BIGINT");
    if (!(value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte)) {
      throw unexpectedType(index, QueryCompilationErrors.toSQLType("BIGINT"));
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
    Object value = literal(index, what, "DOUBLE");
    double v;
    if (value instanceof Number) {
      v = ((Number) value).doubleValue();
    } else if (value instanceof Decimal) {
      v = ((Decimal) value).toDouble();
    } else {
      throw unexpectedType(index, QueryCompilationErrors.toSQLType("DOUBLE"));
    }
    boolean below = minOpen ? !(v > min) : !(v >= min);
    boolean above = maxOpen ? !(v < max) : !(v <= max);
    if (below || above) {
      String range =
          (minOpen ? "(" : "[") + format(min) + ", " + format(max) + (maxOpen ? ")" : "]");
      throw outOfRange(what, range, index);
    }
    return v;
  }

  /**
   * The item type named by the string literal at {@code index} ({@code 'bigint'}, {@code
   * 'decimal(10, 2)'}); Spark's {@code DATATYPE_MISMATCH.INVALID_ARG_VALUE} for any other string.
   */
  DataType itemTypeLiteral(int index, String what) {
    return typeLiteral(index, what, type -> ItemType.of(type) != null, ItemType.NAMES);
  }

  /**
   * The SQL type named by the string literal at {@code index}, one that {@code accepted} takes;
   * Spark's {@code DATATYPE_MISMATCH.INVALID_ARG_VALUE} listing {@code names} for any other string.
   */
  DataType typeLiteral(int index, String what, Predicate<DataType> accepted, String names) {
    String value = stringLiteral(index, what);
    DataType type;
    try {
      type = DataType.fromDDL(value);
    } catch (RuntimeException e) { // not a type at all
      type = null;
    }
    if (type == null || !accepted.test(type)) {
      throw invalidValue(what, names, value);
    }
    return type;
  }

  /** Whether the argument at {@code index} is an array. */
  boolean isArray(int index) {
    return index < args.size() && args.get(index).dataType() instanceof ArrayType;
  }

  /**
   * The data input at {@code index} as a DOUBLE, or as {@code ARRAY<DOUBLE>} if it is an array:
   * other numeric types are cast; anything else is left for the type check to refuse. If it is a
   * constant, each of its values must be in [0, 1] ({@code DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE}
   * naming {@code what}); a NULL constant is left to give NULL.
   */
  Expression fractions(int index, String what) {
    Expression e = args.get(index);
    if (!e.resolved()) {
      return e;
    }
    Expression doubles = asDoubles(e);
    if (doubles.foldable() && isNumbers(e.dataType())) {
      checkFractions(index, what, doubles, false);
    }
    return doubles;
  }

  /**
   * The constant fraction, or array of fractions, at {@code index}, each in [0, 1], checked as
   * {@code percentile_approx} checks its percentage: neither a number nor an array of numbers is
   * {@code UNEXPECTED_INPUT_TYPE}, not a constant {@code NON_FOLDABLE_INPUT}, NULL (or a NULL
   * element) {@code UNEXPECTED_NULL}, a value outside [0, 1] {@code VALUE_OUT_OF_RANGE}.
   */
  double[] fractionsLiteral(int index, String what) {
    DataType type = args.get(index).dataType();
    if (!isNumbers(type) && !(type instanceof NullType)) {
      throw unexpectedType(index, FRACTIONS);
    }
    literal(index, what, "DOUBLE"); // a constant, and not NULL (so not of NullType either)
    return checkFractions(index, what, asDoubles(args.get(index)), true);
  }

  /** A number, or an array of numbers. */
  private static boolean isNumbers(DataType type) {
    return type instanceof NumericType
        || type instanceof ArrayType && ((ArrayType) type).elementType() instanceof NumericType;
  }

  /**
   * {@code e} cast to DOUBLE or {@code ARRAY<DOUBLE>} if it holds numbers of another type (or is an
   * untyped NULL).
   */
  private static Expression asDoubles(Expression e) {
    DataType type = e.dataType();
    if (type instanceof NumericType && !(type instanceof DoubleType) || type instanceof NullType) {
      return new Cast(e, DataTypes.DoubleType, Option.empty());
    }
    if (type instanceof ArrayType
        && ((ArrayType) type).elementType() instanceof NumericType
        && !(((ArrayType) type).elementType() instanceof DoubleType)) {
      return new Cast(e, DataTypes.createArrayType(DataTypes.DoubleType, true), Option.empty());
    }
    return e;
  }

  private static final String FRACTIONS = "(\"DOUBLE\" or \"ARRAY<DOUBLE>\")";

  /**
   * The values of the constant {@code cast} (a DOUBLE or an {@code ARRAY<DOUBLE>}), each checked to
   * be in [0, 1]; a NULL value or element fails with {@code UNEXPECTED_NULL} if {@code required},
   * else gives {@code null} (the call's answer will be NULL).
   */
  private double[] checkFractions(int index, String what, Expression cast, boolean required) {
    Object value = cast.eval(null);
    if (value == null) {
      if (required) {
        throw mismatch("UNEXPECTED_NULL", "exprName", QueryCompilationErrors.toSQLId(what));
      }
      return null;
    }
    double[] fractions;
    if (value instanceof ArrayData) {
      ArrayData array = (ArrayData) value;
      fractions = new double[array.numElements()];
      for (int i = 0; i < fractions.length; i++) {
        if (array.isNullAt(i)) {
          if (required) {
            throw mismatch("UNEXPECTED_NULL", "exprName", QueryCompilationErrors.toSQLId(what));
          }
          return null;
        }
        fractions[i] = array.getDouble(i);
      }
    } else {
      fractions = new double[] {(Double) value};
    }
    for (double f : fractions) {
      if (!(f >= 0 && f <= 1)) {
        throw outOfRange(what, "[0.0, 1.0]", index);
      }
    }
    return fractions;
  }

  /**
   * The constant of {@code type} named, case-insensitively, by the string literal at {@code index}
   * (or {@code dflt} if absent); Spark's {@code DATATYPE_MISMATCH.INVALID_ARG_VALUE} listing the
   * names for any other string.
   */
  <E extends Enum<E>> E enumLiteral(int index, String what, Class<E> type, E dflt) {
    if (index >= args.size()) {
      return dflt;
    }
    String value = stringLiteral(index, what);
    StringBuilder names = new StringBuilder();
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value)) {
        return constant;
      }
      names.append(names.length() == 0 ? "" : " or ").append('\'').append(constant).append('\'');
    }
    throw invalidValue(what, names.toString(), value);
  }

  private String stringLiteral(int index, String what) {
    Object value = literal(index, what, "STRING");
    if (!(value instanceof UTF8String)) {
      throw unexpectedType(index, QueryCompilationErrors.toSQLType("STRING"));
    }
    return value.toString();
  }

  /**
   * {@code DATATYPE_MISMATCH.INVALID_ARG_VALUE}: the string {@code what} is none of {@code valid}.
   */
  private RuntimeException invalidValue(String what, String valid, String value) {
    return mismatch(
        "INVALID_ARG_VALUE",
        "inputName",
        QueryCompilationErrors.toSQLId(what),
        "requireType",
        QueryCompilationErrors.toSQLType("STRING"),
        "validValues",
        valid,
        "inputValue",
        QueryCompilationErrors.toSQLValue(value));
  }

  private static String format(double v) {
    return v == Math.rint(v) && !Double.isInfinite(v)
        ? String.valueOf((long) v)
        : String.valueOf(v);
  }

  /**
   * The value of the literal at {@code index}: Spark's {@code DATATYPE_MISMATCH.NON_FOLDABLE_INPUT}
   * if it is not a constant, {@code UNEXPECTED_NULL} if it is NULL.
   */
  private Object literal(int index, String what, String type) {
    Expression e = args.get(index);
    if (!e.foldable()) {
      throw mismatch(
          "NON_FOLDABLE_INPUT",
          "inputName",
          QueryCompilationErrors.toSQLId(what),
          "inputType",
          QueryCompilationErrors.toSQLType(type),
          "inputExpr",
          QueryCompilationErrors.toSQLExpr(e));
    }
    Object value = e.eval(null);
    if (value == null) {
      throw mismatch("UNEXPECTED_NULL", "exprName", QueryCompilationErrors.toSQLId(what));
    }
    return value;
  }

  /**
   * {@code DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE} for the argument at {@code index}, which should
   * have been of {@code requiredType} (as Spark prints types: {@code "INT"}, or in words).
   */
  RuntimeException unexpectedType(int index, String requiredType) {
    Expression e = args.get(index);
    return mismatch(
        "UNEXPECTED_INPUT_TYPE",
        "paramIndex",
        QueryCompilationErrors.ordinalNumber(index),
        "requiredType",
        requiredType,
        "inputSql",
        QueryCompilationErrors.toSQLExpr(e),
        "inputType",
        QueryCompilationErrors.toSQLType(e.dataType()));
  }

  /**
   * {@code DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE}: the literal {@code what} at {@code index} is not
   * in {@code range}.
   */
  RuntimeException outOfRange(String what, String range, int index) {
    Expression e = args.get(index);
    return mismatch(
        "VALUE_OUT_OF_RANGE",
        "exprName",
        QueryCompilationErrors.toSQLId(what),
        "valueRange",
        range,
        "currentValue",
        QueryCompilationErrors.toSQLValue(e.eval(null), e.dataType()));
  }

  /**
   * Spark's {@code DATATYPE_MISMATCH} condition {@code subclass} for this call, with {@code
   * sqlExpr} the call as written.
   */
  RuntimeException mismatch(String subclass, String... parameters) {
    String[] all = new String[parameters.length + 2];
    all[0] = "sqlExpr";
    all[1] = callSql();
    System.arraycopy(parameters, 0, all, 2, parameters.length);
    return SqlConditions.analysis("DATATYPE_MISMATCH." + subclass, all);
  }

  /**
   * The call as Spark prints an expression in a message, each argument as {@link
   * QueryCompilationErrors#toSQLExpr} prints it without its quotes: {@code "sk_hll(user, 3)"}.
   */
  private String callSql() {
    StringBuilder sql = new StringBuilder("\"").append(function).append('(');
    for (int i = 0; i < args.size(); i++) {
      String arg = QueryCompilationErrors.toSQLExpr(args.get(i));
      sql.append(i == 0 ? "" : ", ").append(arg, 1, arg.length() - 1);
    }
    return sql.append(")\"").toString();
  }
}
