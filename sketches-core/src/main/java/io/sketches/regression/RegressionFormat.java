package io.sketches.regression;

import io.sketches.SketchType;
import io.sketches.format.SketchFormat;
import io.sketches.format.SketchReader;
import io.sketches.format.SketchWriter;

/**
 * The bodies of the three regression sketches' bytes (serial version 1, little-endian; the 16-byte
 * header is in {@code docs/format.md}). All three start with the flags 1 = intercept, 2 = empty and
 * the varint dimension; what follows is written beside each writer below.
 */
final class RegressionFormat {
  static final int SERIAL_VERSION = 1;
  static final int FLAG_INTERCEPT = 1;
  static final int FLAG_EMPTY = 2;

  /** Bayesian only: the noise precision has a Gamma prior. */
  static final int FLAG_UNKNOWN_NOISE = 4;

  private RegressionFormat() {}

  private static int flags(boolean intercept, boolean empty) {
    return (intercept ? FLAG_INTERCEPT : 0) | (empty ? FLAG_EMPTY : 0);
  }

  // ---------------------------------------------------------------- least squares

  /**
   * {@link StreamingLinearRegression}; flags: 1 = intercept, 2 = empty.
   *
   * <pre>
   * varint  dimension d (1..1024; up to 10000 by io.sketches.regression.maxDimension)
   * double  ridge λ (finite, ≥ 0)
   * double  forgetting f (0 &lt; f ≤ 1)
   * -- absent when empty --
   * varint  count (≥ 1)
   * double  weight sum (finite, ≥ 0)
   * double  D[n], n = d + intercept + 1          (finite, ≥ 0)
   * double  R̄ strict upper triangle, row by row, n(n−1)/2 entries (finite)
   * double  shift[n−1]: the first observation (x, y), only with an intercept (finite)
   * </pre>
   */
  static byte[] write(StreamingLinearRegression sketch) {
    UpdatingQr factor = sketch.factor();
    boolean intercept = sketch.hasIntercept();
    int columns = sketch.modelColumns() + 1;
    SketchWriter out =
        SketchFormat.writer(
            SketchType.LINEAR_REGRESSION,
            SERIAL_VERSION,
            flags(intercept, factor == null),
            24 + (factor == null ? 0 : UpdatingQr.serializedBytes(columns) + 8 * columns));
    out.putVarLong(sketch.dimension()).putDouble(sketch.ridge()).putDouble(sketch.forgetting());
    if (factor != null) {
      factor.write(out);
      if (intercept) {
        double[] shift = sketch.shift();
        for (int j = 1; j < shift.length; j++) {
          out.putDouble(shift[j]);
        }
      }
    }
    return out.toByteArray();
  }

  static StreamingLinearRegression readLeastSquares(byte[] bytes) {
    SketchReader in = SketchFormat.reader(bytes, SketchType.LINEAR_REGRESSION, SERIAL_VERSION);
    int dimension = Inputs.readFactorDimension(in, FLAG_INTERCEPT | FLAG_EMPTY);
    double ridge = in.getDouble();
    in.check(Double.isFinite(ridge) && ridge >= 0, "ridge must be finite and ≥ 0, found %s", ridge);
    double forgetting = in.getDouble();
    in.check(
        forgetting > 0 && forgetting <= 1, "forgetting must be in (0, 1], found %s", forgetting);
    StreamingLinearRegression sketch =
        new StreamingLinearRegression(dimension, in.hasFlag(FLAG_INTERCEPT), ridge, forgetting);
    if (!in.hasFlag(FLAG_EMPTY)) {
      int columns = sketch.modelColumns() + 1;
      UpdatingQr factor = UpdatingQr.read(in, columns, sketch.hasIntercept());
      double[] shift = null;
      if (sketch.hasIntercept()) {
        shift = new double[columns];
        for (int j = 1; j < shift.length; j++) {
          // within ±2^480, the data's range that the factor's column sums admit (solutionDefect)
          shift[j] = in.getFiniteDouble("shift " + j);
        }
      }
      sketch.restore(factor, shift);
      // a finite back-substitution, shift within ±2^480 and finite intercept: what merges and
      // updates keep (or refuse)
      String defect = sketch.solutionDefect();
      in.check(defect == null, "%s", defect);
    }
    in.expectEnd();
    return sketch;
  }

  // ---------------------------------------------------------------- Bayesian

  /**
   * {@link BayesianLinearRegression}; flags: 1 = intercept, 2 = empty, 4 = unknown noise. p = d +
   * intercept.
   *
   * <pre>
   * varint  dimension d (1..1024; up to 10000 by io.sketches.regression.maxDimension)
   * double  noise precision β (finite, &gt; 0); with flag 4 (unknown noise) instead two doubles,
   *         the Gamma prior's shape a₀ and rate b₀ (finite, &gt; 0)
   * double  prior mean m₀[p] (finite)
   * double  prior precision S₀⁻¹[p×p], row-major (symmetric positive definite)
   * -- absent when empty --
   * varint  count (≥ 1)
   * double  weight sum (finite, ≥ 0)
   * double  D[p+1] then R̄ strict upper triangle of the data factor (see StreamingLinearRegression)
   * </pre>
   */
  static byte[] write(BayesianLinearRegression sketch) {
    int p = sketch.modelColumns();
    UpdatingQr data = sketch.data();
    int flags =
        flags(sketch.hasIntercept(), data == null)
            | (sketch.unknownNoise() ? FLAG_UNKNOWN_NOISE : 0);
    SketchWriter out =
        SketchFormat.writer(
            SketchType.BAYESIAN_LINEAR_REGRESSION,
            SERIAL_VERSION,
            flags,
            32 + 8 * p * (p + 1) + (data == null ? 0 : UpdatingQr.serializedBytes(p + 1)));
    out.putVarLong(sketch.dimension());
    if (sketch.unknownNoise()) {
      out.putDouble(sketch.noiseShape()).putDouble(sketch.noiseRate());
    } else {
      out.putDouble(sketch.noisePrecision());
    }
    out.putDoubles(sketch.priorMean());
    for (double[] row : sketch.priorPrecision()) {
      out.putDoubles(row);
    }
    if (data != null) {
      data.write(out);
    }
    return out.toByteArray();
  }

  static BayesianLinearRegression readBayesian(byte[] bytes) {
    SketchReader in =
        SketchFormat.reader(bytes, SketchType.BAYESIAN_LINEAR_REGRESSION, SERIAL_VERSION);
    boolean intercept = in.hasFlag(FLAG_INTERCEPT);
    int dimension =
        Inputs.readFactorDimension(in, FLAG_INTERCEPT | FLAG_EMPTY | FLAG_UNKNOWN_NOISE);
    int p = dimension + (intercept ? 1 : 0);
    double beta = 1.0;
    double shape = 0;
    double rate = 0;
    if (in.hasFlag(FLAG_UNKNOWN_NOISE)) {
      shape = in.getDouble();
      rate = in.getDouble();
      in.check(
          shape > 0
              && shape < Double.POSITIVE_INFINITY
              && rate > 0
              && rate < Double.POSITIVE_INFINITY,
          "noise prior shape and rate must be finite and positive, found %s and %s",
          shape,
          rate);
    } else {
      beta = in.getDouble();
      in.check(
          beta > 0 && beta < Double.POSITIVE_INFINITY,
          "noise precision must be finite and positive, found %s",
          beta);
    }
    in.check(
        8L * p * (p + 1) <= in.remaining(),
        "a prior of %d columns needs %d bytes, %d remain",
        p,
        8L * p * (p + 1),
        in.remaining());
    double[] mean = new double[p];
    for (int i = 0; i < p; i++) {
      mean[i] = in.getFiniteDouble("prior mean " + i);
    }
    double[][] precision = new double[p][p];
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < p; j++) {
        precision[i][j] = in.getFiniteDouble("prior precision");
      }
    }
    double[][] rows = BayesianLinearRegression.priorRows(mean, precision);
    in.check(rows != null, "prior precision is not symmetric positive definite");
    BayesianLinearRegression sketch =
        new BayesianLinearRegression(
            dimension, intercept, beta, shape, rate, mean, precision, rows);
    if (!in.hasFlag(FLAG_EMPTY)) {
      sketch.restoreData(UpdatingQr.read(in, p + 1, intercept));
    }
    in.expectEnd();
    String defect = sketch.posteriorDefect();
    in.check(defect == null, "%s", defect);
    return sketch;
  }

  // ---------------------------------------------------------------- SGD

  /**
   * {@link SgdLinearRegression}; flags: 1 = intercept, 2 = empty.
   *
   * <pre>
   * varint  dimension d (1..2²⁴)
   * double  step size η (finite, &gt; 0)
   * varint  iterations per batch (1..10⁶)
   * double  l2, l1 (finite, ≥ 0)
   * double  mini-batch fraction (0, 1]
   * long    seed
   * -- absent when empty --
   * varint  count of examples (≥ 1), varint count of batches (≥ 1)
   * double  intercept b (within ±2^480; 0 without an intercept)
   * double  w[d] (within ±2^480)
   * </pre>
   */
  static byte[] write(SgdLinearRegression sketch) {
    double[] weights = sketch.weightsOrNull();
    SketchWriter out =
        SketchFormat.writer(
            SketchType.SGD_LINEAR_REGRESSION,
            SERIAL_VERSION,
            flags(sketch.hasIntercept(), weights == null),
            64 + (weights == null ? 0 : 8 * sketch.dimension()));
    out.putVarLong(sketch.dimension())
        .putDouble(sketch.stepSize())
        .putVarLong(sketch.iterationsPerBatch())
        .putDouble(sketch.l2())
        .putDouble(sketch.l1())
        .putDouble(sketch.miniBatchFraction())
        .putLong(sketch.seed());
    if (weights != null) {
      out.putVarLong(sketch.count())
          .putVarLong(sketch.batches())
          .putDouble(sketch.intercept())
          .putDoubles(weights);
    }
    return out.toByteArray();
  }

  /** Reads and checks every setting first, so the builder below refuses none of them. */
  static SgdLinearRegression readSgd(byte[] bytes) {
    SketchReader in = SketchFormat.reader(bytes, SketchType.SGD_LINEAR_REGRESSION, SERIAL_VERSION);
    boolean intercept = in.hasFlag(FLAG_INTERCEPT);
    int dimension =
        Inputs.readDimension(in, FLAG_INTERCEPT | FLAG_EMPTY, SgdLinearRegression.MAX_DIMENSION);
    double stepSize = in.getDouble();
    in.check(
        stepSize > 0 && stepSize < Double.POSITIVE_INFINITY,
        "step size must be finite and positive, found %s",
        stepSize);
    long iterations = in.getVarLong();
    in.check(
        iterations >= 1 && iterations <= SgdLinearRegression.MAX_ITERATIONS,
        "iterations per batch must be in [1, %d], found %d",
        SgdLinearRegression.MAX_ITERATIONS,
        iterations);
    double l2 = in.getFiniteDouble("l2");
    double l1 = in.getFiniteDouble("l1");
    in.check(l2 >= 0 && l1 >= 0, "penalties must be ≥ 0, found l2 %s, l1 %s", l2, l1);
    double miniBatchFraction = in.getDouble();
    in.check(
        miniBatchFraction > 0 && miniBatchFraction <= 1,
        "mini-batch fraction must be in (0, 1], found %s",
        miniBatchFraction);
    long seed = in.getLong();
    SgdLinearRegression sketch =
        SgdLinearRegression.builder()
            .dimension(dimension)
            .intercept(intercept)
            .stepSize(stepSize)
            .iterationsPerBatch((int) iterations)
            .l2(l2)
            .l1(l1)
            .miniBatchFraction(miniBatchFraction)
            .seed(seed)
            .build();
    if (!in.hasFlag(FLAG_EMPTY)) {
      long count = in.getVarLong();
      long batches = in.getVarLong();
      in.check(
          count > 0 && batches > 0 && batches <= count,
          "a non-empty sketch has 1 ≤ batches ≤ examples, found %d batches, %d examples",
          batches,
          count);
      double bias = in.getFiniteDouble("intercept");
      in.check(intercept || bias == 0.0, "a model without intercept has b = 0");
      in.check(
          Math.abs(bias) <= SgdLinearRegression.MAX_PARAMETER,
          "intercept must be within ±2^480, found %s",
          bias);
      in.check(
          8L * dimension <= in.remaining(),
          "%d weights need %d bytes, %d remain",
          dimension,
          8L * dimension,
          in.remaining());
      double[] weights = new double[dimension];
      // (an explicit test rather than in.check: no string or boxing per weight of millions)
      for (int j = 0; j < weights.length; j++) {
        weights[j] = in.getDouble();
        if (!(Math.abs(weights[j]) <= SgdLinearRegression.MAX_PARAMETER)) {
          throw in.fail("weight %d must be finite and within ±2^480, found %s", j, weights[j]);
        }
      }
      sketch.restore(count, batches, bias, weights);
    }
    in.expectEnd();
    return sketch;
  }
}
