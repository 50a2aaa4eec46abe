package io.sketches.spark.aggregate;

import io.sketches.Sketch;
import io.sketches.regression.BayesianLinearRegression;
import io.sketches.regression.StreamingLinearRegression;
import io.sketches.spark.input.Features;
import io.sketches.spark.input.TypeMismatch;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The (features, label) model aggregates, returning the model bytes:
 *
 * <ul>
 *   <li>{@code sk_linreg(features, label [, ridge])}: exact least squares with an intercept ({@link
 *       StreamingLinearRegression}), optionally ridge;
 *   <li>{@code sk_bayes_linreg(features, label, prior_precision, noise_precision)}: Bayesian linear
 *       regression with an intercept (Bishop §3.3, {@link BayesianLinearRegression}), isotropic
 *       prior precision α and known noise precision β; posteriors merge exactly.
 * </ul>
 *
 * <p>The dimension is taken from the first row (or given up front for the typed aggregator); every
 * row must have it, and NaN or infinite values are refused naming the row.
 *
 * @param dimension the number of features, or 0 to take it from the first row
 * @param model the model kind and its configuration
 */
public record LabeledSpec<M extends Sketch<M>>(int dimension, Model<M> model)
    implements SketchSpec<M> {
  public static final String LINREG = "sk_linreg";
  public static final String BAYES = "sk_bayes_linreg";

  /** One kind of (features, label) model, with its configuration; records, so comparable. */
  public interface Model<M> extends Serializable {
    String name();

    M create(int dimension);

    int dimension(M model);

    M update(M model, double[] x, double y);

    M fromBytes(byte[] bytes);
  }

  /** Least squares with an intercept and ridge penalty λ ≥ 0. */
  public record LeastSquares(double ridge) implements Model<StreamingLinearRegression> {
    @Override
    public String name() {
      return LINREG;
    }

    @Override
    public StreamingLinearRegression create(int d) {
      return StreamingLinearRegression.builder().dimension(d).intercept(true).ridge(ridge).build();
    }

    @Override
    public int dimension(StreamingLinearRegression m) {
      return m.dimension();
    }

    @Override
    public StreamingLinearRegression update(StreamingLinearRegression m, double[] x, double y) {
      return m.update(x, y);
    }

    @Override
    public StreamingLinearRegression fromBytes(byte[] bytes) {
      return StreamingLinearRegression.fromByteArray(bytes);
    }
  }

  /** Bayesian linear regression with an intercept, prior precision α and noise precision β. */
  public record Bayesian(double priorPrecision, double noisePrecision)
      implements Model<BayesianLinearRegression> {
    @Override
    public String name() {
      return BAYES;
    }

    @Override
    public BayesianLinearRegression create(int d) {
      return BayesianLinearRegression.builder()
          .dimension(d)
          .intercept(true)
          .priorPrecision(priorPrecision)
          .noisePrecision(noisePrecision)
          .build();
    }

    @Override
    public int dimension(BayesianLinearRegression m) {
      return m.dimension();
    }

    @Override
    public BayesianLinearRegression update(BayesianLinearRegression m, double[] x, double y) {
      return m.update(x, y);
    }

    @Override
    public BayesianLinearRegression fromBytes(byte[] bytes) {
      return BayesianLinearRegression.fromByteArray(bytes);
    }
  }

  @Override
  public String name() {
    return model.name();
  }

  @Override
  public int arity() {
    return 2;
  }

  @Override
  public M create() {
    return dimension == 0 ? null : model.create(dimension);
  }

  @Override
  public M update(M sketch, Object features, Object label) {
    return updateFeatures(
        sketch, Features.features(name(), features), Features.number(name(), label));
  }

  @Override
  public boolean updatesByFeatures() {
    return true;
  }

  /** The models copy the row into their factor, so {@code x} may be reused. */
  @Override
  public M updateFeatures(M sketch, double[] x, double y) {
    if (sketch == null) {
      sketch = model.create(x.length);
    }
    Features.checkDimension(name(), model.dimension(sketch), x);
    return model.update(sketch, x, y);
  }

  @Override
  public M fromBytes(byte[] bytes) {
    return model.fromBytes(bytes);
  }

  @Override
  public DataType resultType() {
    return DataTypes.BinaryType;
  }

  @Override
  public Object result(M sketch) {
    return sketch == null ? null : sketch.toByteArray();
  }

  @Override
  public TypeMismatch checkInputTypes(List<DataType> types) {
    TypeMismatch error = Features.checkFeaturesType(types.get(0), 0);
    return error != null ? error : Features.checkNumericType(types.get(1), 1);
  }
}
