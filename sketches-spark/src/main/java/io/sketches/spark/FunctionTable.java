package io.sketches.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.Expression;

/**
 * Every {@code sk_*} SQL function this module defines, with the literal checks of its
 * configuration arguments. {@link SketchFunctions#register} and {@link SketchesExtensions} both
 * register exactly this list.
 */
final class FunctionTable {
  private FunctionTable() {}

  static List<SqlFunction> all() {
    List<SqlFunction> all = new ArrayList<>();
    all.add(new SqlFunction(MergeSpec.NAME,
        "sk_merge(sketch) - the union of stored sketches of one kind, as sketch bytes",
        a -> aggregate(new MergeSpec<>(), a.arity(1, 1, "sk_merge(sketch)").get(0))));
    all.add(new SqlFunction(LinearRegressionSpec.NAME,
        "sk_linreg(features, label [, ridge]) - exact least-squares model bytes",
        a -> {
          a.arity(2, 3, "sk_linreg(features, label [, ridge])");
          double ridge = a.doubleLiteral(2, "ridge", 0, false, Double.POSITIVE_INFINITY, true, 0);
          return aggregate(new LinearRegressionSpec(0, ridge), a.features(0), a.get(1));
        }));
    all.add(new SqlFunction(ModelScalars.Predict.NAME,
        "sk_predict(model, features) - a regression prediction or a k-means cluster id",
        a -> scalar(new ModelScalars.Predict(),
            a.arity(2, 2, "sk_predict(model, features)").get(0), a.features(1))));
    all.add(new SqlFunction(ModelScalars.Coefficients.NAME,
        "sk_coefficients(model) - STRUCT<intercept, coefficients> of a regression model",
        a -> scalar(new ModelScalars.Coefficients(),
            a.arity(1, 1, "sk_coefficients(model)").get(0))));
    return all;
  }

  static Expression aggregate(SketchSpec<?> spec, Expression... inputs) {
    return SketchAggregate.of(spec, List.of(inputs));
  }

  static Expression scalar(ScalarSpec spec, Expression... inputs) {
    return SketchScalar.of(spec, List.of(inputs));
  }
}
