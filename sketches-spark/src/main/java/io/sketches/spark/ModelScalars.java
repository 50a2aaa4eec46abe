package io.sketches.spark;

import io.sketches.Sketch;
import io.sketches.SketchFormatException;
import io.sketches.clustering.StreamingKMeans;
import io.sketches.regression.BayesianLinearRegression;
import io.sketches.regression.StreamingLinearRegression;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The scalar functions over stored models: {@code sk_predict} and {@code sk_coefficients}. */
final class ModelScalars {
  private ModelScalars() {}

  static String checkModel(String function, DataType type) {
    return type instanceof BinaryType ? null
        : function + " takes model bytes (BINARY) as its first argument; got " + type.sql();
  }

  /**
   * {@code sk_predict(model, features)}: a regression model's prediction (the predictive mean of a
   * Bayesian one), or a k-means model's
   * cluster id, as a DOUBLE.
   */
  record Predict() implements ScalarSpec {
    static final String NAME = "sk_predict";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public DataType resultType() {
      return DataTypes.DoubleType;
    }

    @Override
    public String checkInputTypes(List<DataType> types) {
      String error = checkModel(NAME, types.get(0));
      return error != null ? error : Items.checkFeaturesType(NAME, types.get(1));
    }

    @Override
    public Object apply(Object[] inputs) {
      Sketch<?> model = SketchKinds.read((byte[]) inputs[0]);
      double[] x = Items.features(NAME, inputs[1]);
      if (model instanceof StreamingLinearRegression) {
        StreamingLinearRegression m = (StreamingLinearRegression) model;
        Items.checkDimension(NAME, m.dimension(), x);
        return m.predict(x);
      }
      if (model instanceof BayesianLinearRegression) {
        BayesianLinearRegression m = (BayesianLinearRegression) model;
        Items.checkDimension(NAME, m.dimension(), x);
        return m.predictiveMean(x);
      }
      if (model instanceof StreamingKMeans) {
        StreamingKMeans m = (StreamingKMeans) model;
        Items.checkDimension(NAME, m.dimension(), x);
        return (double) m.predict(x);
      }
      throw new SketchFormatException(NAME + " predicts from regression or k-means models; got a "
          + SketchKinds.kindOf(model));
    }
  }

  /** {@code sk_centers(kmeans)}: the k centers as ARRAY&lt;ARRAY&lt;DOUBLE&gt;&gt;. */
  record Centers() implements ScalarSpec {
    static final String NAME = "sk_centers";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public DataType resultType() {
      return DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.DoubleType, false),
          false);
    }

    @Override
    public String checkInputTypes(List<DataType> types) {
      return checkModel(NAME, types.get(0));
    }

    @Override
    public Object apply(Object[] inputs) {
      Sketch<?> model = SketchKinds.read((byte[]) inputs[0]);
      if (!(model instanceof StreamingKMeans)) {
        throw new SketchFormatException(
            NAME + " reads k-means models; got a " + SketchKinds.kindOf(model));
      }
      double[][] centers = ((StreamingKMeans) model).centers();
      Object[] rows = new Object[centers.length];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = new GenericArrayData(centers[i]);
      }
      return new GenericArrayData(rows);
    }
  }

  /** {@code sk_coefficients(model)}: STRUCT&lt;intercept DOUBLE, coefficients ARRAY&lt;DOUBLE&gt;&gt;. */
  record Coefficients() implements ScalarSpec {
    static final String NAME = "sk_coefficients";
    static final StructType TYPE = new StructType()
        .add("intercept", DataTypes.DoubleType, false)
        .add("coefficients", DataTypes.createArrayType(DataTypes.DoubleType, false), false);

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public DataType resultType() {
      return TYPE;
    }

    @Override
    public String checkInputTypes(List<DataType> types) {
      return checkModel(NAME, types.get(0));
    }

    @Override
    public Object apply(Object[] inputs) {
      Sketch<?> model = SketchKinds.read((byte[]) inputs[0]);
      if (model instanceof StreamingLinearRegression) {
        StreamingLinearRegression m = (StreamingLinearRegression) model;
        return row(m.intercept(), m.coefficients());
      }
      if (model instanceof BayesianLinearRegression) { // the posterior mean, intercept first
        double[] mean = ((BayesianLinearRegression) model).posteriorMean();
        return row(mean[0], java.util.Arrays.copyOfRange(mean, 1, mean.length));
      }
      throw new SketchFormatException(
          NAME + " reads regression models; got a " + SketchKinds.kindOf(model));
    }

    static InternalRow row(double intercept, double[] coefficients) {
      return new GenericInternalRow(
          new Object[] {intercept, new GenericArrayData(coefficients)});
    }
  }
}
