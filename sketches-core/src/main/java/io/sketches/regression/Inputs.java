package io.sketches.regression;

import io.sketches.IncompatibleSketchException;
import io.sketches.format.SketchReader;

/** The argument checks shared by the regression sketches: each names the offending value. */
final class Inputs {
  /**
   * Largest dimension the ceiling of the models that keep a (d+2)×(d+2) factor can be raised to: a
   * 400 MB factor. SGD keeps d weights and has its own limit.
   */
  static final int MAX_FACTOR_DIMENSION = 10_000;

  /**
   * The default ceiling on the dimension of the factor models: d = 1024 keeps a factor of half a
   * million doubles (4 MiB), whose update takes about a millisecond. A byte array of 34 bytes can
   * announce an empty sketch of any accepted dimension, whose first update allocates the whole
   * factor: the ceiling is what one forged row can make a reader allocate.
   */
  static final int DEFAULT_FACTOR_DIMENSION_CEILING = 1024;

  /**
   * The system property that sets the ceiling on the dimension of {@link StreamingLinearRegression}
   * and {@link BayesianLinearRegression}, for their builders and readers alike: an integer up to
   * {@link #MAX_FACTOR_DIMENSION} (larger values count as that), e.g. {@code
   * -Dio.sketches.regression.maxDimension=10000}.
   */
  static final String FACTOR_DIMENSION_CEILING_PROPERTY = "io.sketches.regression.maxDimension";

  private Inputs() {}

  static void checkRow(double[] x, int dimension) {
    if (x == null) {
      throw new IllegalArgumentException("feature row is null");
    }
    if (x.length != dimension) {
      throw new IllegalArgumentException(
          "feature row must have dimension " + dimension + ": " + x.length);
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new IllegalArgumentException("feature " + i + " must be finite: " + x[i]);
      }
    }
  }

  /** One observation (x, y) with its weight, as the factor models take it. */
  static void checkObservation(double[] x, double y, double weight, int dimension) {
    checkRow(x, dimension);
    checkResponse(y);
    checkWeight(weight);
  }

  /** A dense mini-batch: as many rows of {@code dimension} finite features as finite responses. */
  static void checkBatch(double[][] x, double[] y, int dimension) {
    if (x == null || y == null) {
      throw new IllegalArgumentException("batch features and responses must not be null");
    }
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "batch has " + x.length + " feature rows but " + y.length + " responses");
    }
    for (int i = 0; i < x.length; i++) {
      checkRow(x[i], dimension);
      checkResponse(y[i]);
    }
  }

  /**
   * A sparse mini-batch: row i has {@code values[i]} at the strictly increasing feature indices
   * {@code indices[i]} in [0, dimension), and a finite response {@code y[i]}.
   */
  static void checkSparseBatch(int[][] indices, double[][] values, double[] y, int dimension) {
    if (indices == null || values == null || y == null) {
      throw new IllegalArgumentException("batch indices, values and responses must not be null");
    }
    if (indices.length != y.length || values.length != y.length) {
      throw new IllegalArgumentException(
          "batch has "
              + indices.length
              + " index rows, "
              + values.length
              + " value rows and "
              + y.length
              + " responses");
    }
    for (int i = 0; i < y.length; i++) {
      checkSparseRow(indices[i], values[i], dimension);
      checkResponse(y[i]);
    }
  }

  private static void checkSparseRow(int[] indices, double[] values, int dimension) {
    if (indices == null || values == null || indices.length != values.length) {
      throw new IllegalArgumentException(
          "a sparse row needs as many indices as values: "
              + (indices == null ? "null" : indices.length)
              + " and "
              + (values == null ? "null" : values.length));
    }
    for (int k = 0; k < indices.length; k++) {
      if (indices[k] < 0 || indices[k] >= dimension || (k > 0 && indices[k] <= indices[k - 1])) {
        throw new IllegalArgumentException(
            "sparse indices must increase within [0, "
                + dimension
                + "): "
                + indices[k]
                + " at position "
                + k);
      }
      if (!Double.isFinite(values[k])) {
        throw new IllegalArgumentException(
            "feature " + indices[k] + " must be finite: " + values[k]);
      }
    }
  }

  static void checkResponse(double y) {
    if (!Double.isFinite(y)) {
      throw new IllegalArgumentException("response must be finite: " + y);
    }
  }

  static void checkWeight(double weight) {
    if (!(weight >= 0.0) || weight == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("weight must be finite and non-negative: " + weight);
    }
  }

  static void checkDecay(double factor) {
    if (!(factor > 0.0 && factor <= 1.0)) {
      throw new IllegalArgumentException("decay factor must be in (0, 1]: " + factor);
    }
  }

  /**
   * The largest dimension the factor models accept: the system property {@value
   * #FACTOR_DIMENSION_CEILING_PROPERTY} if set (capped at {@link #MAX_FACTOR_DIMENSION}), else
   * {@link #DEFAULT_FACTOR_DIMENSION_CEILING}. Read at each call.
   */
  static int factorDimensionCeiling() {
    Integer value = Integer.getInteger(FACTOR_DIMENSION_CEILING_PROPERTY);
    return value == null
        ? DEFAULT_FACTOR_DIMENSION_CEILING
        : Math.max(1, Math.min(value, MAX_FACTOR_DIMENSION));
  }

  static int checkDimension(int dimension, int max) {
    return checkDimension(dimension, max, "");
  }

  /** The dimension of a factor model, within {@link #factorDimensionCeiling()}. */
  static int checkFactorDimension(int dimension) {
    return checkDimension(dimension, factorDimensionCeiling(), CEILING_HINT);
  }

  private static final String CEILING_HINT =
      " (the ceiling is the system property " + FACTOR_DIMENSION_CEILING_PROPERTY + ")";

  private static int checkDimension(int dimension, int max, String hint) {
    if (dimension < 1 || dimension > max) {
      throw new IllegalArgumentException(
          "dimension must be in [1, " + max + "]: " + dimension + hint);
    }
    return dimension;
  }

  /** Reads the flags' validity and the varint dimension of a serialized model. */
  static int readDimension(SketchReader in, int knownFlags, int max) {
    return readDimension(in, knownFlags, max, "");
  }

  /** As {@link #readDimension} for a factor model, within {@link #factorDimensionCeiling()}. */
  static int readFactorDimension(SketchReader in, int knownFlags) {
    return readDimension(in, knownFlags, factorDimensionCeiling(), CEILING_HINT);
  }

  private static int readDimension(SketchReader in, int knownFlags, int max, String hint) {
    in.check((in.flags() & ~knownFlags) == 0, "unknown flags 0x%x", in.flags());
    long dimension = in.getVarLong();
    in.check(
        dimension >= 1 && dimension <= max,
        "dimension must be in [1, %d], found %d%s",
        max,
        dimension,
        hint);
    return (int) dimension;
  }

  static double checkNonNegative(String what, double value) {
    if (!(value >= 0.0) || value == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(what + " must be finite and non-negative: " + value);
    }
    return value;
  }

  /** The per-observation forgetting factor whose weight halves after {@code halfLife} updates. */
  static double forgettingOfHalfLife(double halfLife) {
    if (!(halfLife > 0.0)) {
      throw new IllegalArgumentException("half-life must be positive: " + halfLife);
    }
    return halfLife == Double.POSITIVE_INFINITY ? 1.0 : Math.pow(0.5, 1.0 / halfLife);
  }

  /**
   * a + b for counts a, b ≥ 0, at most {@link Long#MAX_VALUE}: a count read from bytes may be
   * forged near the top, and merging it must still give a count the reader accepts.
   */
  static long saturatedSum(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  static void checkSame(String what, double mine, double theirs) {
    if (Double.doubleToLongBits(mine) != Double.doubleToLongBits(theirs)) {
      throw new IncompatibleSketchException(
          "cannot merge sketches with different " + what + ": " + mine + " and " + theirs);
    }
  }
}
