package io.sketches.spark;

import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.SparkSessionExtensionsProvider;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Registers every {@code sk_*} function in every session of a Spark application:
 *
 * <pre>
 * spark-submit --conf spark.sql.extensions=io.sketches.spark.SketchesExtensions ...
 * </pre>
 *
 * <p>This is all a SQL or PySpark user needs; the functions then exist in every new session.
 */
public final class SketchesExtensions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit>
    implements SparkSessionExtensionsProvider {

  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    for (SqlFunction function : FunctionTable.all()) {
      extensions.injectFunction(SketchFunctions.registration(function));
    }
    extensions.injectOptimizerRule(new GlobalHllRuleBuilder());
    return BoxedUnit.UNIT;
  }

  /** The session's {@link GlobalHllRule}. */
  private static final class GlobalHllRuleBuilder
      extends AbstractFunction1<org.apache.spark.sql.SparkSession,
          org.apache.spark.sql.catalyst.rules.Rule<
              org.apache.spark.sql.catalyst.plans.logical.LogicalPlan>>
      implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public org.apache.spark.sql.catalyst.rules.Rule<
        org.apache.spark.sql.catalyst.plans.logical.LogicalPlan> apply(
        org.apache.spark.sql.SparkSession session) {
      return new GlobalHllRule();
    }
  }
}
