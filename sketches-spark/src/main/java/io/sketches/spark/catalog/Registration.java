package io.sketches.spark.catalog;

import io.sketches.spark.aggregate.GlobalHllRule;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.rules.Rule;
import scala.Option;
import scala.Tuple3;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * Puts the {@link FunctionTable} into Spark: as temporary functions of one session ({@link
 * #register}, behind {@code SketchFunctions.register}) or into every session through the session
 * extension ({@link #inject}, behind {@code SketchesExtensions}), with the {@link GlobalHllRule}
 * either way. Each function's {@link ExpressionInfo} carries its usage, arguments, examples, group
 * and version, so {@code DESCRIBE FUNCTION EXTENDED} shows them as it does for Spark's built-ins.
 */
public final class Registration {
  private Registration() {}

  /** Registers every function as a temporary function of {@code spark}, and the rule. */
  public static void register(SparkSession spark) {
    FunctionRegistry registry =
        ((org.apache.spark.sql.classic.SparkSession) spark).sessionState().functionRegistry();
    for (SqlFunction function : FunctionTable.all()) {
      registry.registerFunction(
          sessionIdentifier(function.name()), info(function), new Builder(function));
    }
    List<Rule<LogicalPlan>> rules =
        new ArrayList<>(CollectionConverters.asJava(spark.experimental().extraOptimizations()));
    if (rules.stream().noneMatch(rule -> rule instanceof GlobalHllRule)) {
      rules.add(new GlobalHllRule());
      spark.experimental().extraOptimizations_$eq(CollectionConverters.asScala(rules).toList());
    }
  }

  /** Injects every function and the rule into the sessions {@code extensions} configures. */
  public static void inject(SparkSessionExtensions extensions) {
    for (SqlFunction function : FunctionTable.all()) {
      extensions.injectFunction(
          new Tuple3<>(
              FunctionIdentifier.apply(function.name()), info(function), new Builder(function)));
    }
    extensions.injectOptimizerRule(new GlobalHllRuleBuilder());
  }

  /** What {@code DESCRIBE FUNCTION} shows: the table's texts in Spark's layout. */
  static ExpressionInfo info(SqlFunction function) {
    return new ExpressionInfo(
        Registration.class.getName(),
        null,
        function.name(),
        function.usage(),
        function.argumentsBlock(),
        function.examplesBlock(),
        "",
        function.aggregate() ? "agg_funcs" : "misc_funcs",
        SqlFunction.SINCE,
        "",
        "java_udf");
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
      return function.builder().apply(new Arguments(function, list));
    }
  }

  /** The session's {@link GlobalHllRule}. */
  private static final class GlobalHllRuleBuilder
      extends AbstractFunction1<SparkSession, Rule<LogicalPlan>> implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Rule<LogicalPlan> apply(SparkSession session) {
      return new GlobalHllRule();
    }
  }
}
