package io.sketches.spark;

import io.sketches.regression.StreamingLinearRegression;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code sk_linreg(features, label [, ridge])}: exact least squares with an intercept ({@link
 * StreamingLinearRegression}), returning the model bytes. The dimension is taken from the first
 * row (or given up front for the typed aggregator); every row must have it.
 *
 * @param dimension the number of features, or 0 to take it from the first row
 * @param ridge the ridge penalty λ ≥ 0
 */
record LinearRegressionSpec(int dimension, double ridge)
    implements SketchSpec<StreamingLinearRegression> {
  static final String NAME = "sk_linreg";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int arity() {
    return 2;
  }

  @Override
  public StreamingLinearRegression create() {
    return dimension == 0 ? null : create(dimension);
  }

  private StreamingLinearRegression create(int d) {
    return StreamingLinearRegression.builder().dimension(d).intercept(true).ridge(ridge).build();
  }

  @Override
  public StreamingLinearRegression update(StreamingLinearRegression model, Object features, Object label) {
    return Items.updateLabeled(NAME, model, features, label, new Items.LabeledModel<>() {
      @Override
      public StreamingLinearRegression create(int d) {
        return LinearRegressionSpec.this.create(d);
      }

      @Override
      public int dimension(StreamingLinearRegression m) {
        return m.dimension();
      }

      @Override
      public StreamingLinearRegression update(StreamingLinearRegression m, double[] x, double y) {
        return m.update(x, y);
      }
    });
  }

  @Override
  public StreamingLinearRegression fromBytes(byte[] bytes) {
    return StreamingLinearRegression.fromByteArray(bytes);
  }

  @Override
  public DataType resultType() {
    return DataTypes.BinaryType;
  }

  @Override
  public Object result(StreamingLinearRegression model) {
    return model == null ? null : model.toByteArray();
  }

  @Override
  public String checkInputTypes(List<DataType> types) {
    return Items.checkLabeled(NAME, types);
  }
}
