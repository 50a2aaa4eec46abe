package io.sketches.spark;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import scala.Option;
import scala.Tuple3;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * The {@code sk_*} functions for the DataFrame API, and their registration for SQL.
 *
 * <pre>{@code
 * import static io.sketches.spark.SketchFunctions.*;
 * SketchFunctions.register(spark);                       // SQL: SELECT sk_distinct(user) ...
 * df.groupBy("day").agg(hll(col("user"), 12));           // DataFrame
 * }</pre>
 *
 * <p>Each column function is the SQL function of the same name (it registers the functions in the
 * active session on first use), so both give the same plan, the same checks and the same errors.
 */
public final class SketchFunctions {
  private SketchFunctions() {}

  /** Registers every {@code sk_*} function as a temporary function of {@code spark}. */
  public static void register(SparkSession spark) {
    FunctionRegistry registry =
        ((org.apache.spark.sql.classic.SparkSession) spark).sessionState().functionRegistry();
    for (SqlFunction function : FunctionTable.all()) {
      Tuple3<FunctionIdentifier, ExpressionInfo, scala.Function1<Seq<Expression>, Expression>> r =
          registration(function);
      registry.registerFunction(sessionIdentifier(function.name()), r._2(), r._3());
    }
  }

  static Tuple3<FunctionIdentifier, ExpressionInfo, scala.Function1<Seq<Expression>, Expression>>
      registration(SqlFunction function) {
    FunctionIdentifier id = FunctionIdentifier.apply(function.name());
    return new Tuple3<>(id, info(function), new Builder(function));
  }

  private static ExpressionInfo info(SqlFunction function) {
    return new ExpressionInfo(
        SketchFunctions.class.getName(), null, function.name(), function.usage(), "");
  }

  /** Spark 4.2 keeps temporary functions under the qualified name {@code system.session.f}. */
  private static FunctionIdentifier sessionIdentifier(String name) {
    return FunctionIdentifier.apply(name, Option.apply("session"), Option.apply("system"));
  }

  /** The analyzer's builder of one function: arguments to expression. */
  private static final class Builder extends AbstractFunction1<Seq<Expression>, Expression>
      implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final SqlFunction function;

    Builder(SqlFunction function) {
      this.function = function;
    }

    @Override
    public Expression apply(Seq<Expression> args) {
      List<Expression> list = CollectionConverters.asJava(args);
      return function.builder().apply(new Arguments(function.name(), list));
    }
  }

  private static volatile SparkSession registeredIn;

  /** Registers the functions in the active session once, so column functions resolve. */
  private static Column call(String name, Column... args) {
    Option<SparkSession> active = SparkSession.getActiveSession();
    if (active.isDefined() && active.get() != registeredIn) {
      SparkSession spark = active.get();
      if (!spark.catalog().functionExists(name)) {
        register(spark);
      }
      registeredIn = spark;
    }
    return call_function(name, args);
  }

  // ---- aggregates ----

  /** {@code sk_merge(sketches)}: the union of stored sketches of one kind. */
  public static Column merge(Column sketches) {
    return call("sk_merge", sketches);
  }

  /** {@code sk_linreg(features, label)}: exact least squares with an intercept. */
  public static Column linreg(Column features, Column label) {
    return call("sk_linreg", features, label);
  }

  /** {@code sk_linreg(features, label, ridge)}: ridge regression. */
  public static Column linreg(Column features, Column label, double ridge) {
    return call("sk_linreg", features, label, lit(ridge));
  }

  // ---- scalars ----

  /** {@code sk_predict(model, features)}. */
  public static Column predict(Column model, Column features) {
    return call("sk_predict", model, features);
  }

  /** {@code sk_coefficients(model)}. */
  public static Column coefficients(Column model) {
    return call("sk_coefficients", model);
  }
}
