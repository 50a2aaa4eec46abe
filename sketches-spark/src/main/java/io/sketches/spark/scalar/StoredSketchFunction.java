package io.sketches.spark.scalar;

import io.sketches.Sketch;
import io.sketches.SketchFormatException;
import io.sketches.SketchType;
import io.sketches.cardinality.HyperLogLog;
import io.sketches.clustering.StreamingKMeans;
import io.sketches.format.Sketches;
import io.sketches.frequency.CountMinSketch;
import io.sketches.frequency.HeavyHitters;
import io.sketches.regression.BayesianLinearRegression;
import io.sketches.regression.StreamingLinearRegression;
import io.sketches.sampling.ReservoirSampler;
import io.sketches.spark.input.Features;
import io.sketches.spark.input.ItemType;
import io.sketches.spark.input.StoredBytes;
import io.sketches.spark.input.TypeMismatch;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.StructType;

/**
 * The scalar functions over stored sketch bytes. Each checks that the bytes name a type it answers
 * for, reads them through the core registry of type ids ({@link StoredBytes}, {@link
 * Sketches#fromByteArray}) and computes its answer from the sketch and the other inputs; bytes of
 * another type fail with a {@link SketchFormatException} naming both types, bytes the core refuses
 * with one naming the function and the core's reason.
 */
public enum StoredSketchFunction implements ScalarSpec {
  /** {@code sk_estimate(hll)}: the distinct-count estimate as a DOUBLE. */
  ESTIMATE(
      "sk_estimate",
      DataTypes.DoubleType,
      "HyperLogLog sketch",
      Second.NONE,
      SketchType.HYPERLOGLOG) {
    @Override
    Object apply(Sketch<?> sketch, Object second) {
      return ((HyperLogLog) sketch).estimate();
    }
  },
  /** {@code sk_bounds(hll, std_devs)}: STRUCT&lt;estimate, lower, upper&gt; at 1, 2 or 3 σ. */
  BOUNDS("sk_bounds", Types.BOUNDS, "HyperLogLog sketch", Second.STD_DEVS, SketchType.HYPERLOGLOG) {
    @Override
    Object apply(Sketch<?> sketch, Object second) {
      HyperLogLog hll = (HyperLogLog) sketch;
      int stdDevs = ((Number) second).intValue();
      return new GenericInternalRow(
          new Object[] {hll.estimate(), hll.lowerBound(stdDevs), hll.upperBound(stdDevs)});
    }
  },
  /**
   * {@code sk_frequency(sketch, item)}: an estimate of the item's count that is never below the
   * truth, a BIGINT: the Count-Min estimate, or a heavy hitters summary's upper bound (its
   * estimate: the item's counter plus the summary's maximum error; the maximum error alone for an
   * item it does not keep). The item must be stored as the summary's items are ({@link
   * StoredItems}).
   */
  FREQUENCY(
      "sk_frequency",
      DataTypes.LongType,
      "Count-Min sketch or heavy hitters summary",
      Second.ITEM,
      SketchType.COUNT_MIN,
      SketchType.HEAVY_HITTERS) {
    @Override
    @SuppressWarnings("unchecked")
    Object apply(Sketch<?> sketch, Object second) {
      if (sketch instanceof CountMinSketch) {
        return ((CountMinSketch) sketch).estimateHash(ItemType.hash(second));
      }
      HeavyHitters<Object> summary = (HeavyHitters<Object>) sketch;
      ItemType type = ItemType.ofValue(second);
      StoredItems.check(function, "summary", summary.serde(), type, "the item " + second);
      return summary.entry(type.toItem(second)).upperBound();
    }
  },
  /**
   * {@code sk_sample_values(sample)}: the sampled items as {@code ARRAY<STRING>} (numbers in their
   * shortest round-tripping form, binary as base64), since the item type is only known from the
   * bytes; cast the elements back with {@code transform}.
   */
  SAMPLE_VALUES(
      "sk_sample_values", Types.STRINGS, "sample sketch", Second.NONE, SketchType.RESERVOIR) {
    @Override
    Object apply(Sketch<?> sketch, Object second) {
      List<?> sample = ((ReservoirSampler<?>) sketch).sample();
      Object[] values = new Object[sample.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = ItemType.asString(sample.get(i));
      }
      return new GenericArrayData(values);
    }
  },
  /** {@code sk_centers(kmeans)}: the k centers as ARRAY&lt;ARRAY&lt;DOUBLE&gt;&gt;. */
  CENTERS("sk_centers", Types.CENTERS, "k-means model", Second.NONE, SketchType.STREAMING_KMEANS) {
    @Override
    Object apply(Sketch<?> sketch, Object second) {
      double[][] centers = ((StreamingKMeans) sketch).centers();
      Object[] rows = new Object[centers.length];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = new GenericArrayData(centers[i]);
      }
      return new GenericArrayData(rows);
    }
  },
  /**
   * {@code sk_coefficients(model)}: STRUCT&lt;intercept DOUBLE, coefficients
   * ARRAY&lt;DOUBLE&gt;&gt; of a regression; the posterior mean of a Bayesian one.
   */
  COEFFICIENTS(
      "sk_coefficients",
      Types.COEFFICIENTS,
      "regression model",
      Second.NONE,
      SketchType.LINEAR_REGRESSION,
      SketchType.BAYESIAN_LINEAR_REGRESSION) {
    @Override
    Object apply(Sketch<?> sketch, Object second) {
      double intercept;
      double[] coefficients;
      if (sketch instanceof StreamingLinearRegression) {
        StreamingLinearRegression m = (StreamingLinearRegression) sketch;
        intercept = m.intercept();
        coefficients = m.coefficients();
      } else { // the posterior mean, intercept first
        double[] mean = ((BayesianLinearRegression) sketch).posteriorMean();
        intercept = mean[0];
        coefficients = Arrays.copyOfRange(mean, 1, mean.length);
      }
      return new GenericInternalRow(new Object[] {intercept, new GenericArrayData(coefficients)});
    }
  },
  /**
   * {@code sk_predict(model, features)}: a regression model's prediction (the predictive mean of a
   * Bayesian one), a DOUBLE. A k-means model's answer is a cluster id, an INT: {@link #CLUSTER_ID}
   * (a SQL function's type is fixed before any bytes are read, so one function cannot return both).
   */
  PREDICT(
      "sk_predict",
      DataTypes.DoubleType,
      "regression model",
      Second.FEATURES,
      SketchType.LINEAR_REGRESSION,
      SketchType.BAYESIAN_LINEAR_REGRESSION) {
    @Override
    Object apply(Sketch<?> sketch, Object second) {
      double[] x = Features.features(function, second);
      if (sketch instanceof StreamingLinearRegression) {
        StreamingLinearRegression m = (StreamingLinearRegression) sketch;
        Features.checkDimension(function, m.dimension(), x);
        return m.predict(x);
      }
      BayesianLinearRegression m = (BayesianLinearRegression) sketch;
      Features.checkDimension(function, m.dimension(), x);
      return m.predictiveMean(x);
    }
  },
  /**
   * {@code sk_cluster_id(kmeans, features)}: the index (0..k−1, an INT) of the k-means center
   * nearest to the features, as {@code StreamingKMeans.predict} and MLlib's {@code
   * KMeansModel.predict} give it.
   */
  CLUSTER_ID(
      "sk_cluster_id",
      DataTypes.IntegerType,
      "k-means model",
      Second.FEATURES,
      SketchType.STREAMING_KMEANS) {
    @Override
    Object apply(Sketch<?> sketch, Object second) {
      double[] x = Features.features(function, second);
      StreamingKMeans m = (StreamingKMeans) sketch;
      Features.checkDimension(function, m.dimension(), x);
      return m.predict(x);
    }
  };

  /** The result types of more than a word. */
  private static final class Types {
    static final DataType BOUNDS =
        new StructType()
            .add("estimate", DataTypes.DoubleType, false)
            .add("lower", DataTypes.DoubleType, false)
            .add("upper", DataTypes.DoubleType, false);
    static final DataType STRINGS = DataTypes.createArrayType(DataTypes.StringType, false);
    static final DataType CENTERS =
        DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.DoubleType, false), false);
    static final DataType COEFFICIENTS =
        new StructType()
            .add("intercept", DataTypes.DoubleType, false)
            .add("coefficients", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
  }

  /** What the second input, if any, is. */
  private enum Second {
    NONE,
    STD_DEVS,
    ITEM,
    FEATURES
  }

  final String function;
  private final DataType resultType;
  private final String bytesOf;
  private final Second second;
  private final List<SketchType> types;

  StoredSketchFunction(
      String function, DataType resultType, String bytesOf, Second second, SketchType... types) {
    this.function = function;
    this.resultType = resultType;
    this.bytesOf = bytesOf;
    this.second = second;
    this.types = List.of(types);
  }

  /** The answer of this function for a sketch of one of its types and the second input. */
  abstract Object apply(Sketch<?> sketch, Object second);

  @Override
  public String functionName() {
    return function;
  }

  /** The sketch types this function answers for. */
  public List<SketchType> types() {
    return types;
  }

  /** The number of inputs: the bytes, and the second input if there is one. */
  public int arity() {
    return second == Second.NONE ? 1 : 2;
  }

  @Override
  public DataType resultType() {
    return resultType;
  }

  @Override
  public TypeMismatch checkInputTypes(List<DataType> inputs) {
    TypeMismatch notBytes = TypeMismatch.unlessBinary(inputs, bytesOf);
    if (notBytes != null) {
      return notBytes;
    }
    switch (second) {
      case STD_DEVS:
        return inputs.get(1) instanceof IntegralType
            ? null
            : new TypeMismatch(1, "\"INT\" (1, 2 or 3 standard errors)");
      case ITEM:
        return ItemType.check(inputs.get(1), 1);
      case FEATURES:
        return Features.checkFeaturesType(inputs.get(1), 1);
      default:
        return null;
    }
  }

  /**
   * The answer for one row. The type byte is looked at first, so bytes of a type this function does
   * not answer for are refused before they are parsed; bytes of its types are then read whole by
   * the core. Every refusal is a {@link SketchFormatException} naming this function.
   */
  @Override
  public Object apply(Object[] inputs) {
    return apply(read((byte[]) inputs[0]), inputs.length > 1 ? inputs[1] : null);
  }

  /**
   * The sketch in stored {@code bytes}, refused as {@link #apply(Object[])} describes unless it is
   * of a type this function answers for.
   */
  Sketch<?> read(byte[] bytes) {
    try {
      return read(function, bytes, types);
    } catch (SketchFormatException e) {
      if (this == PREDICT && Sketches.hasTypeHint(bytes, SketchType.STREAMING_KMEANS)) {
        throw new SketchFormatException(
            e.getMessage() + "; sk_cluster_id(kmeans, features) gives a k-means model's cluster id",
            e);
      }
      throw e;
    }
  }

  /**
   * The sketch in stored {@code bytes} for {@code function}, which answers for sketches of {@code
   * types}: refused as {@link #apply(Object[])} describes unless it is of one of them.
   */
  static Sketch<?> read(String function, byte[] bytes, List<SketchType> types) {
    for (SketchType type : types) {
      if (Sketches.hasTypeHint(bytes, type)) {
        return StoredBytes.read(function, bytes);
      }
    }
    SketchType found;
    try {
      found = Sketches.typeOf(bytes); // checks magic, length, checksum and the type id
    } catch (SketchFormatException e) {
      throw StoredBytes.refused(function, e);
    }
    throw new SketchFormatException(
        function
            + ": expected a "
            + typeNames(types)
            + " sketch but found"
            + " a "
            + found
            + " sketch (type id "
            + found.id()
            + ")");
  }

  private static String typeNames(List<SketchType> types) {
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < types.size(); i++) {
      names.append(i == 0 ? "" : i == types.size() - 1 ? " or " : ", ").append(types.get(i));
    }
    return names.toString();
  }
}
