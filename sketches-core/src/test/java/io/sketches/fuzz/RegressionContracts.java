package io.sketches.fuzz;

import io.sketches.SketchType;
import io.sketches.regression.BayesianLinearRegression;
import io.sketches.regression.SgdLinearRegression;
import io.sketches.regression.StreamingLinearRegression;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/** The contracts of the three regression sketches: every fitted number finite. */
final class RegressionContracts {
  private RegressionContracts() {}

  /**
   * The two models that keep a factor: an update or merge whose state would leave the range their
   * bytes may hold (two shifts 2^481 apart, a posterior whose noise variance overflows) is refused
   * with the {@link ArithmeticException} their Javadoc documents, the sketch unchanged.
   */
  private abstract static class FactorModel<S extends io.sketches.Sketch<S>>
      extends SketchContract<S> {
    FactorModel(SketchType type, Class<S> sketchClass) {
      super(type, sketchClass);
    }

    @Override
    boolean documentedUpdateRefusal(Throwable thrown) {
      return thrown instanceof ArithmeticException;
    }

    @Override
    boolean documentedMergeRefusal(Throwable thrown) {
      return super.documentedMergeRefusal(thrown) || thrown instanceof ArithmeticException;
    }
  }

  /**
   * Least squares: coefficients, intercept, prediction, residual sum of squares, variance, standard
   * errors and R² ≤ 1 finite, or refused with the documented {@link IllegalStateException} when the
   * data do not determine them (rank deficiency, no data, too little weight, y without variation);
   * the condition number never NaN.
   */
  static final class LeastSquares extends FactorModel<StreamingLinearRegression> {
    private static final Predicate<Throwable> UNDETERMINED =
        illegalState(
            "rank-deficient", "no observations", "residual variance needs", "R² is undefined");

    LeastSquares() {
      super(SketchType.LINEAR_REGRESSION, StreamingLinearRegression.class);
    }

    @Override
    StreamingLinearRegression readOwn(byte[] bytes, Specimen origin) {
      return StreamingLinearRegression.fromByteArray(bytes);
    }

    @Override
    void queries(StreamingLinearRegression sketch, Probe probe, SplittableRandom random) {
      double[] coefficients = probe.query("coefficients()", sketch::coefficients, UNDETERMINED);
      if (coefficients != null) {
        probe.allFinite("coefficients()", coefficients);
      }
      finiteIfAnswered(
          probe, "intercept()", probe.query("intercept()", sketch::intercept, UNDETERMINED));
      double[] x = gaussianVector(random, sketch.dimension());
      finiteIfAnswered(
          probe, "predict(x)", probe.query("predict(x)", () -> sketch.predict(x), UNDETERMINED));
      Double rss =
          probe.query("residualSumOfSquares()", sketch::residualSumOfSquares, UNDETERMINED);
      if (rss != null) {
        probe.finiteNonNegative("residualSumOfSquares()", rss);
      }
      Double variance = probe.query("residualVariance()", sketch::residualVariance, UNDETERMINED);
      if (variance != null) {
        probe.finiteNonNegative("residualVariance()", variance);
      }
      double[] errors = probe.query("standardErrors()", sketch::standardErrors, UNDETERMINED);
      if (errors != null) {
        for (double error : errors) {
          probe.finiteNonNegative("standardErrors()", error);
        }
      }
      Double interceptError =
          probe.query("interceptStandardError()", sketch::interceptStandardError, UNDETERMINED);
      if (interceptError != null) {
        probe.finiteNonNegative("interceptStandardError()", interceptError);
      }
      Double rSquared = probe.query("rSquared()", sketch::rSquared, UNDETERMINED);
      probe.expect(
          rSquared == null || (Double.isFinite(rSquared) && rSquared <= 1),
          "rSquared() not finite and ≤ 1",
          "%s",
          rSquared);
      Double condition = probe.query("conditionNumber()", sketch::conditionNumber);
      probe.expect(
          condition == null || condition > 0, "conditionNumber() not > 0", "%s", condition);
      probe.finiteNonNegative("weightSum()", sketch.weightSum());
      probe.expect(sketch.count() >= 0, "count() < 0", "%d", sketch.count());
    }

    @Override
    void update(StreamingLinearRegression sketch, SplittableRandom random) {
      sketch.update(gaussianVector(random, sketch.dimension()), Corpus.gaussian(random));
    }
  }

  /**
   * Bayesian: posterior mean and covariance finite (covariance diagonal ≥ 0), noise posterior
   * finite and positive (unknown noise), predictive mean finite and variance finite and positive;
   * refusals only the documented ones (known noise has no noise posterior; a Student t with too few
   * degrees of freedom has no variance).
   */
  static final class Bayesian extends FactorModel<BayesianLinearRegression> {
    private static final Predicate<Throwable> HEAVY_TAILS = illegalState("a_N > 1");
    private static final Predicate<Throwable> KNOWN_NOISE =
        illegalState("noise precision is known");

    Bayesian() {
      super(SketchType.BAYESIAN_LINEAR_REGRESSION, BayesianLinearRegression.class);
    }

    @Override
    BayesianLinearRegression readOwn(byte[] bytes, Specimen origin) {
      return BayesianLinearRegression.fromByteArray(bytes);
    }

    @Override
    void queries(BayesianLinearRegression sketch, Probe probe, SplittableRandom random) {
      int columns = sketch.dimension() + (sketch.hasIntercept() ? 1 : 0);
      double[] mean = probe.query("posteriorMean()", sketch::posteriorMean);
      if (mean != null) {
        probe.expect(
            mean.length == columns, "posteriorMean() has the wrong length", "%d", mean.length);
        probe.allFinite("posteriorMean()", mean);
      }
      double[][] covariance =
          probe.query("posteriorCovariance()", sketch::posteriorCovariance, HEAVY_TAILS);
      if (covariance != null) {
        for (int i = 0; i < covariance.length; i++) {
          probe.allFinite("posteriorCovariance()", covariance[i]);
          probe.expect(
              covariance[i][i] >= 0, "posteriorCovariance() diagonal < 0", "%s", covariance[i][i]);
        }
      }
      Double shape = probe.query("posteriorNoiseShape()", sketch::posteriorNoiseShape, KNOWN_NOISE);
      Double rate = probe.query("posteriorNoiseRate()", sketch::posteriorNoiseRate, KNOWN_NOISE);
      probe.expect(
          shape == null || (Double.isFinite(shape) && shape > 0),
          "noise shape not finite > 0",
          "%s",
          shape);
      probe.expect(
          rate == null || (Double.isFinite(rate) && rate > 0),
          "noise rate not finite > 0",
          "%s",
          rate);
      double[] x = gaussianVector(random, sketch.dimension());
      finiteIfAnswered(
          probe,
          "predictiveMean(x)",
          probe.query("predictiveMean(x)", () -> sketch.predictiveMean(x)));
      Double variance =
          probe.query("predictiveVariance(x)", () -> sketch.predictiveVariance(x), HEAVY_TAILS);
      probe.expect(
          variance == null || (Double.isFinite(variance) && variance > 0),
          "predictiveVariance(x) not finite > 0",
          "%s",
          variance);
      probe.finiteNonNegative("weightSum()", sketch.weightSum());
      probe.expect(sketch.count() >= 0, "count() < 0", "%d", sketch.count());
    }

    @Override
    void update(BayesianLinearRegression sketch, SplittableRandom random) {
      sketch.update(gaussianVector(random, sketch.dimension()), Corpus.gaussian(random));
    }
  }

  /**
   * SGD: coefficients, intercept and prediction finite; 0 ≤ batches ≤ count. An update costs
   * iterations × dimension by the user's choice of both, so the fuzzer skips updates above 10^7
   * steps (a valid configuration, slow by design, not a reader's defect).
   */
  static final class Sgd extends SketchContract<SgdLinearRegression> {
    private static final long MAX_UPDATE_STEPS = 10_000_000;

    Sgd() {
      super(SketchType.SGD_LINEAR_REGRESSION, SgdLinearRegression.class);
    }

    @Override
    SgdLinearRegression readOwn(byte[] bytes, Specimen origin) {
      return SgdLinearRegression.fromByteArray(bytes);
    }

    @Override
    void queries(SgdLinearRegression sketch, Probe probe, SplittableRandom random) {
      double[] coefficients = probe.query("coefficients()", sketch::coefficients);
      if (coefficients != null) {
        probe.allFinite("coefficients()", coefficients);
      }
      probe.finite("intercept()", sketch.intercept());
      double[] x = gaussianVector(random, sketch.dimension());
      finiteIfAnswered(probe, "predict(x)", probe.query("predict(x)", () -> sketch.predict(x)));
      probe.expect(
          sketch.batches() >= 0 && sketch.batches() <= sketch.count(),
          "batches outside [0, count]",
          "%d batches, count %d",
          sketch.batches(),
          sketch.count());
    }

    /** A descent that diverges (step size too large for the data) is refused, documented. */
    @Override
    boolean documentedUpdateRefusal(Throwable thrown) {
      return thrown instanceof ArithmeticException;
    }

    @Override
    void update(SgdLinearRegression sketch, SplittableRandom random) {
      if ((long) sketch.iterationsPerBatch() * (sketch.dimension() + 1) > MAX_UPDATE_STEPS) {
        return;
      }
      sketch.update(
          new double[][] {gaussianVector(random, sketch.dimension())},
          new double[] {Corpus.gaussian(random)});
    }
  }

  private static void finiteIfAnswered(Probe probe, String what, Double value) {
    if (value != null) {
      probe.finite(what, value);
    }
  }
}
