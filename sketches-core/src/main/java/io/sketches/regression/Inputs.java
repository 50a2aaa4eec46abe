package io.sketches.regression;

import io.sketches.IncompatibleSketchException;
import io.sketches.format.SketchReader;

/** The argument checks shared by the regression sketches: each names the offending value. */
final class Inputs {
  /** Largest dimension of the models that keep a d×d factor; SGD has no such limit. */
  static final int MAX_FACTOR_DIMENSION = 10_000;

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

  static int checkDimension(int dimension, int max) {
    if (dimension < 1 || dimension > max) {
      throw new IllegalArgumentException("dimension must be in [1, " + max + "]: " + dimension);
    }
    return dimension;
  }

  /** Reads the flags' validity and the varint dimension of a serialized model. */
  static int readDimension(SketchReader in, int knownFlags, int max) {
    in.check((in.flags() & ~knownFlags) == 0, "unknown flags 0x%x", in.flags());
    long dimension = in.getVarLong();
    in.check(
        dimension >= 1 && dimension <= max,
        "dimension must be in [1, %d], found %d",
        max,
        dimension);
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
