package io.sketches.regression;

/**
 * The range of states a {@link BayesianLinearRegression}'s bytes may hold, beyond its data factor's
 * ({@link UpdatingQr#rangeDefect}): a posterior whose every query answers finitely. The reader
 * refuses bytes outside it; the builder, updates, merges and decays refuse to leave it, so that
 * re-serializing any sketch gives bytes the reader accepts.
 */
final class BayesianRange {
  /** The reader's bound on the posterior's covariance, mean and noise variance: 2^960. */
  private static final double BOUND = UpdatingQr.MAX_COLUMN_SUM_OF_SQUARES;

  /** Where {@link #staysWellInRange} stops vouching: 2^900, and 2^958 for sums of two terms. */
  private static final double WELL_IN_RANGE = 0x1p900;

  private static final double WELL_IN_RANGE_OF_SUMS = 0x1p958;

  private BayesianRange() {}

  /** The largest diagonal entry of the prior covariance S₀ and the largest |m₀|. */
  record PriorBounds(double varianceMax, double meanMax) {
    static PriorBounds of(double[][] priorRows, double[] priorMean) {
      UpdatingQr prior = new UpdatingQr(priorMean.length + 1);
      for (double[] row : priorRows) {
        prior.includeRow(row.clone(), 1.0);
      }
      double[][] covariance = prior.inverseGram();
      double variance = 0;
      double mean = 0;
      for (int i = 0; i < covariance.length; i++) {
        // NaN stays NaN, then counts as +∞: the comparisons fail and the exact check runs
        variance =
            Double.isNaN(covariance[i][i]) ? Double.NaN : Math.max(variance, covariance[i][i]);
        mean = Math.max(mean, Math.abs(priorMean[i]));
      }
      return new PriorBounds(Double.isNaN(variance) ? Double.POSITIVE_INFINITY : variance, mean);
    }
  }

  /**
   * Why the posterior of {@code sketch} would give non-finite answers, or null: its precision
   * factor must be finite and positive definite with a finite inverse diagonal, its covariance
   * diagonal and mean within 2^960 (so that m_Nᵀφ and φᵀS_Nφ stay finite for any x of moderate
   * size), its residual finite, and the noise variance 1/β ≤ 2^960, or with unknown noise a_N, b_N
   * finite and, once a_N &gt; 1, b_N/(a_N − 1) in (0, 2^960] and the scaled covariance within
   * 2^960. O(p³), of the order of the prior's Cholesky, which reading does anyway.
   */
  static String posteriorDefect(BayesianLinearRegression sketch) {
    UpdatingQr factor = sketch.posterior();
    if (!factor.hasInvertibleDiagonal()) {
      return "the posterior precision S₀⁻¹ + βΦᵀΦ is not finite and positive definite";
    }
    double[][] covariance = factor.inverseGram();
    for (int i = 0; i < covariance.length; i++) {
      if (!(covariance[i][i] <= BOUND)) {
        return "the posterior covariance S_N has a diagonal entry above 2^960: "
            + covariance[i][i]
            + ", the prior precision is out of range";
      }
    }
    for (double value : sketch.posteriorMean()) {
      if (!(Math.abs(value) <= BOUND)) {
        return "the posterior mean has an entry beyond ±2^960: "
            + value
            + ", prior mean or data factor out of range";
      }
    }
    if (!Double.isFinite(factor.residualSumOfSquares())) {
      return "the posterior residual overflows: prior mean or data factor out of range";
    }
    if (!sketch.unknownNoise()) {
      double beta = sketch.noisePrecision();
      return 1.0 / beta <= BOUND ? null : "the noise variance 1/β is above 2^960: β = " + beta;
    }
    double shape = sketch.posteriorNoiseShape();
    double rate = sketch.posteriorNoiseRate();
    if (!(Double.isFinite(shape) && Double.isFinite(rate))) {
      return "the posterior noise shape or rate overflows";
    }
    if (shape > 1) {
      double scale = rate / (shape - 1);
      if (!(scale > 0 && scale <= BOUND)) {
        return "the posterior noise variance b_N/(a_N − 1) is not in (0, 2^960]: " + scale;
      }
      for (int i = 0; i < covariance.length; i++) {
        if (!(covariance[i][i] * scale <= BOUND)) {
          return "the posterior covariance Λ_N⁻¹·b_N/(a_N − 1) has a diagonal entry above 2^960: "
              + covariance[i][i] * scale;
        }
      }
    }
    return null;
  }

  /**
   * Whether bounds that cost O(p²) already keep the state of {@code sketch} well inside what the
   * reader accepts ({@link BayesianLinearRegression#stateDefect}), with margins of 2^58 and more
   * over its 2^960. With B = β‖y − Φm₀‖² (the posterior's objective at w = m₀, so B bounds its
   * residual and (m_N − m₀)ᵀS₀⁻¹(m_N − m₀)): every column of the data and the weight sum ≤ 2^900; B
   * ≤ 2^900; S₀'s diagonal ≤ 2^900, which bounds S_N's (S_N ⪯ S₀) and the posterior's pivots from
   * below; |m_N,i| ≤ |m₀,i| + √(B·S₀,ii) ≤ 2^958; with unknown noise b₀/(a_N − 1) normal and (b₀ +
   * B/2)/(a_N − 1)·max(1, S₀,ii) ≤ 2^958.
   */
  static boolean staysWellInRange(BayesianLinearRegression sketch) {
    UpdatingQr data = sketch.data();
    if (data == null) {
      return true;
    }
    double[] priorMean = sketch.priorMean();
    double[] v = new double[priorMean.length + 1];
    for (int j = 0; j < priorMean.length; j++) {
      v[j] = -priorMean[j];
    }
    v[priorMean.length] = 1.0;
    double beta = sketch.noisePrecision();
    double residualBound = beta * data.squaredNormOfProduct(v);
    double columns = data.maxColumnSquares();
    if (!(residualBound <= WELL_IN_RANGE
        && columns <= WELL_IN_RANGE
        && beta * columns <= WELL_IN_RANGE
        && data.weightSum() <= WELL_IN_RANGE)) {
      return false;
    }
    PriorBounds prior = sketch.priorBounds();
    if (!(prior.varianceMax() <= WELL_IN_RANGE
        && prior.meanMax() + Math.sqrt(residualBound * prior.varianceMax())
            <= WELL_IN_RANGE_OF_SUMS)) {
      return false;
    }
    if (sketch.unknownNoise()) {
      double shape = sketch.noiseShape() + data.weightSum() / 2;
      if (shape > 1) {
        double lower = sketch.noiseRate() / (shape - 1);
        double upper = (sketch.noiseRate() + residualBound / 2) / (shape - 1);
        return lower >= Double.MIN_NORMAL
            && upper * Math.max(1, prior.varianceMax()) <= WELL_IN_RANGE_OF_SUMS;
      }
    }
    return true;
  }
}
