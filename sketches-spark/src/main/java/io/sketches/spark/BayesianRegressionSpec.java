package io.sketches.spark;

import io.sketches.regression.BayesianLinearRegression;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code sk_bayes_linreg(features, label, prior_precision, noise_precision)}: Bayesian linear
 * regression with an intercept (Bishop §3.3; {@link BayesianLinearRegression}), isotropic prior
 * precision α and known noise precision β, returning the posterior bytes. Posteriors merge
 * exactly (precisions and natural means add). The dimension is taken from the first row.
 */
record BayesianRegressionSpec(int dimension, double priorPrecision, double noisePrecision)
    implements SketchSpec<BayesianLinearRegression> {
  static final String NAME = "sk_bayes_linreg";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int arity() {
    return 2;
  }

  @Override
  public BayesianLinearRegression create() {
    return dimension == 0 ? null : create(dimension);
  }

  private BayesianLinearRegression create(int d) {
    return BayesianLinearRegression.builder().dimension(d).intercept(true)
        .priorPrecision(priorPrecision).noisePrecision(noisePrecision).build();
  }

  @Override
  public BayesianLinearRegression update(BayesianLinearRegression model, Object features, Object label) {
    return Items.updateLabeled(NAME, model, features, label, new Items.LabeledModel<>() {
      @Override
      public BayesianLinearRegression create(int d) {
        return BayesianRegressionSpec.this.create(d);
      }

      @Override
      public int dimension(BayesianLinearRegression m) {
        return m.dimension();
      }

      @Override
      public BayesianLinearRegression update(BayesianLinearRegression m, double[] x, double y) {
        return m.update(x, y);
      }
    });
  }

  @Override
  public BayesianLinearRegression fromBytes(byte[] bytes) {
    return BayesianLinearRegression.fromByteArray(bytes);
  }

  @Override
  public DataType resultType() {
    return DataTypes.BinaryType;
  }

  @Override
  public Object result(BayesianLinearRegression model) {
    return model == null ? null : model.toByteArray();
  }

  @Override
  public String checkInputTypes(List<DataType> types) {
    return Items.checkLabeled(NAME, types);
  }
}
