package io.sketches.regression;

import static com.google.common.base.Preconditions.checkArgument;

import io.sketches.IncompatibleSketchException;
import io.sketches.Sketch;
import java.util.Arrays;
import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Bayesian linear regression with a Gaussian prior and known noise precision, exactly mergeable
 * (Bishop 2006, <i>Pattern Recognition and Machine Learning</i>, §3.3).
 *
 * <p>Prior w ~ N(m₀, S₀) with precision S₀<sup>−1</sup>, likelihood y ~ N(wᵀφ(x), β<sup>−1</sup>)
 * with φ(x) = (1, x) when the model has an intercept and x otherwise. The posterior is N(m_N, S_N)
 * with (Bishop eqs. 3.50–3.51)
 *
 * <pre>
 *   S_N⁻¹ = S₀⁻¹ + β ΦᵀΦ,      m_N = S_N (S₀⁻¹ m₀ + β Φᵀy)
 * </pre>
 *
 * and the predictive distribution of y at x is N(m_Nᵀφ, 1/β + φᵀS_Nφ) (eqs. 3.58–3.59).
 *
 * <p>The state is only the data part: the triangular factor R of the weighted [Φ | y] (the same
 * square-root-free Givens factor as {@link StreamingLinearRegression}, so ΦᵀΦ = RᵀR and Φᵀy are
 * never formed as sums). Merging stacks the data factors, so the natural parameters βΦᵀΦ and βΦᵀy
 * add and the prior, stored beside them, is counted once: the merged posterior equals the batch
 * posterior up to rounding. A query stacks the rows √β·R and the prior rows Lᵀ (L Lᵀ =
 * S₀<sup>−1</sup>, response Lᵀm₀) on a copy and triangularizes: m_N by back-substitution, S_N =
 * R̄<sup>−1</sup> D<sup>−1</sup> R̄<sup>−T</sup>. The prior makes the system full rank, so every
 * query is defined.
 *
 * <p>{@link #decay(double)} multiplies the data part by a factor (a power posterior), the Bayesian
 * form of forgetting; the prior is not decayed.
 *
 * <p><b>Unknown noise</b> ({@link Builder#noiseGammaPrior}): the Normal–Gamma conjugate prior τ ~
 * Gamma(a₀, b₀), w | τ ~ N(m₀, (τS₀⁻¹)⁻¹) (Bishop exercise 3.12; Murphy 2012, §7.6.3). Then Λ_N =
 * S₀⁻¹ + ΦᵀWΦ, m_N = Λ_N⁻¹(S₀⁻¹m₀ + ΦᵀWy), a_N = a₀ + Σw/2 and b_N = b₀ + ½(yᵀWy + m₀ᵀS₀⁻¹m₀ −
 * m_NᵀΛ_N m_N); that last bracket is exactly the residual sum of squares of the stacked system, the
 * last diagonal entry of its factor, so it is computed without cancellation. The marginal posterior
 * of w and the predictive distribution are Student t with 2a_N degrees of freedom; {@link
 * #posteriorCovariance()} is Λ_N⁻¹·b_N/(a_N − 1) and {@link #predictiveVariance} (1 +
 * φᵀΛ_N⁻¹φ)·b_N/(a_N − 1), both defined once a_N &gt; 1.
 *
 * <p><b>Size.</b> Above the few screens a class should fit: a quarter is the {@link Builder} and
 * its check that the prior precision is symmetric positive definite (the prior as Cholesky rows),
 * which belong to the model; the factor is {@link UpdatingQr}, input checks are shared in {@code
 * Inputs}, the range the bytes may hold is in {@code BayesianRange} and the bytes are in {@code
 * RegressionFormat}.
 */
public final class BayesianLinearRegression implements Sketch<BayesianLinearRegression> {

  private final int dimension;
  private final boolean intercept;
  private final double noisePrecision;

  /** Gamma prior on the noise precision, shape a₀ &gt; 0 and rate b₀ &gt; 0; 0 for known noise. */
  private final double noiseShape;

  private final double noiseRate;
  private final double[] priorMean;
  private final double[][] priorPrecision;

  /** Rows of Lᵀ (L Lᵀ = S₀⁻¹) followed by the response Lᵀm₀: the prior as p observations. */
  private final double[][] priorRows;

  private UpdatingQr data;
  private UpdatingQr posterior;
  private double[] posteriorMean;

  /** The largest diagonal entry of S₀ and the largest |m₀|; null until an update needs them. */
  private BayesianRange.PriorBounds priorBounds;

  BayesianLinearRegression(
      int dimension,
      boolean intercept,
      double noisePrecision,
      double noiseShape,
      double noiseRate,
      double[] priorMean,
      double[][] priorPrecision,
      double[][] priorRows) {
    this.dimension = dimension;
    this.intercept = intercept;
    this.noisePrecision = noisePrecision;
    this.noiseShape = noiseShape;
    this.noiseRate = noiseRate;
    this.priorMean = priorMean;
    this.priorPrecision = priorPrecision;
    this.priorRows = priorRows;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Configures a {@link BayesianLinearRegression}; {@code dimension} is required. */
  public static final class Builder {
    private int dimension = -1;
    private boolean intercept;
    private double noisePrecision = 1.0;
    private double noiseShape;
    private double noiseRate;
    private double[] priorMean;
    private double[][] priorPrecision;
    private double isotropicPrecision = 1.0;

    private Builder() {}

    /**
     * Number of features d, excluding the intercept; in [1, 1024], a ceiling the system property
     * {@code io.sketches.regression.maxDimension} raises up to 10000.
     */
    public Builder dimension(int dimension) {
      this.dimension = Inputs.checkFactorDimension(dimension);
      return this;
    }

    /** Whether φ(x) = (1, x), with the intercept as weight 0 (default false). */
    public Builder intercept(boolean intercept) {
      this.intercept = intercept;
      return this;
    }

    /** Prior mean m₀, intercept first when there is one (default 0). */
    public Builder priorMean(double... mean) {
      checkArgument(mean != null, "prior mean must not be null");
      for (int i = 0; i < mean.length; i++) {
        if (!Double.isFinite(mean[i])) {
          throw new IllegalArgumentException("prior mean " + i + " must be finite: " + mean[i]);
        }
      }
      this.priorMean = mean.clone();
      return this;
    }

    /** Isotropic prior precision α: S₀ = α⁻¹ I (default α = 1). */
    public Builder priorPrecision(double alpha) {
      if (!(alpha > 0) || alpha == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("prior precision must be finite and positive: " + alpha);
      }
      this.isotropicPrecision = alpha;
      this.priorPrecision = null;
      return this;
    }

    /** A full prior precision matrix S₀⁻¹, symmetric positive definite, intercept first. */
    public Builder priorPrecision(double[][] precision) {
      checkArgument(precision != null, "prior precision must not be null");
      double[][] rows = new double[precision.length][];
      for (int i = 0; i < precision.length; i++) {
        checkArgument(precision[i] != null, "prior precision row %s must not be null", i);
        rows[i] = precision[i].clone();
      }
      this.priorPrecision = rows;
      return this;
    }

    /** Noise precision β = 1/σ² of the likelihood (default 1). */
    public Builder noisePrecision(double beta) {
      if (!(beta > 0) || beta == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("noise precision must be finite and positive: " + beta);
      }
      this.noisePrecision = beta;
      this.noiseShape = 0;
      this.noiseRate = 0;
      return this;
    }

    /**
     * Unknown noise precision τ with the conjugate prior Gamma(shape a₀, rate b₀), so that E τ =
     * a₀/b₀; the prior precision of w is then relative to τ (Normal–Gamma).
     */
    public Builder noiseGammaPrior(double shape, double rate) {
      if (!(shape > 0) || shape == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("noise shape must be finite and positive: " + shape);
      }
      if (!(rate > 0) || rate == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("noise rate must be finite and positive: " + rate);
      }
      this.noiseShape = shape;
      this.noiseRate = rate;
      this.noisePrecision = 1.0;
      return this;
    }

    public BayesianLinearRegression build() {
      if (dimension < 0) {
        throw new IllegalStateException("dimension must be set");
      }
      int p = dimension + (intercept ? 1 : 0);
      double[] mean = priorMean == null ? new double[p] : priorMean;
      if (mean.length != p) {
        throw new IllegalArgumentException("prior mean must have length " + p + ": " + mean.length);
      }
      double[][] precision = priorPrecision;
      if (precision == null) {
        precision = new double[p][p];
        for (int i = 0; i < p; i++) {
          precision[i][i] = isotropicPrecision;
        }
      }
      double[][] rows = priorRows(mean, precision);
      if (rows == null) {
        throw new IllegalArgumentException(
            "prior precision must be a finite symmetric positive "
                + "definite "
                + p
                + "×"
                + p
                + " matrix: "
                + Arrays.deepToString(precision));
      }
      BayesianLinearRegression sketch =
          new BayesianLinearRegression(
              dimension, intercept, noisePrecision, noiseShape, noiseRate, mean, precision, rows);
      // the reader's bounds, so that what the builder makes, its bytes can hold
      String defect = sketch.posteriorDefect();
      if (defect != null) {
        throw new IllegalArgumentException("the prior is out of range: " + defect);
      }
      return sketch;
    }
  }

  /**
   * The prior as rows [Lᵀ | Lᵀm₀], or null when the precision is not symmetric positive definite.
   */
  static double[][] priorRows(double[] mean, double[][] precision) {
    int p = mean.length;
    if (precision.length != p) {
      return null;
    }
    for (int i = 0; i < p; i++) {
      if (precision[i] == null || precision[i].length != p) {
        return null;
      }
      for (int j = 0; j < p; j++) {
        if (!Double.isFinite(precision[i][j]) || precision[i][j] != precision[j][i]) {
          return null;
        }
      }
    }
    RealMatrix lowerTransposed;
    try {
      lowerTransposed =
          new CholeskyDecomposition(new Array2DRowRealMatrix(precision, true), 0.0, 0.0).getLT();
    } catch (MathIllegalArgumentException notPositiveDefinite) {
      return null;
    }
    double[][] rows = new double[p][p + 1];
    for (int i = 0; i < p; i++) {
      double response = 0;
      for (int j = 0; j < p; j++) {
        rows[i][j] = lowerTransposed.getEntry(i, j);
        response += rows[i][j] * mean[j];
      }
      rows[i][p] = response;
    }
    return rows;
  }

  int modelColumns() {
    return dimension + (intercept ? 1 : 0);
  }

  /** Adds the observation (x, y) with weight 1. */
  public BayesianLinearRegression update(double[] x, double y) {
    return update(x, y, 1.0);
  }

  /**
   * Adds (x, y) with a weight w: the likelihood term becomes N(y | wᵀφ, (wβ)⁻¹).
   *
   * @throws IllegalArgumentException for a wrong dimension, a non-finite value or a negative
   *     weight; the sketch is then unchanged
   * @throws ArithmeticException if the state would leave the range its bytes may hold (see {@code
   *     docs/format.md}: a column of the data or the posterior mean, residual, covariance or noise
   *     variance out of range; y or x far out of the prior's range); the sketch is then unchanged
   */
  public BayesianLinearRegression update(double[] x, double y, double weight) {
    Inputs.checkObservation(x, y, weight, dimension);
    UpdatingQr before = data == null ? null : data.copy();
    if (data == null) {
      data = new UpdatingQr(modelColumns() + 1);
    }
    data.includeObservation(intercept, x, y, weight, null);
    posterior = null;
    refuseOutOfRange(before, "update");
    return this;
  }

  /**
   * Multiplies the data part of the posterior by {@code factor} ∈ (0, 1] (a power posterior).
   *
   * @throws ArithmeticException if the posterior would leave the range its bytes may hold (with
   *     unknown noise, b_N/(a_N − 1) overflows as a_N nears 1); the sketch is then unchanged
   */
  public BayesianLinearRegression decay(double factor) {
    Inputs.checkDecay(factor);
    if (data != null) {
      UpdatingQr before = data.copy();
      data.scale(factor);
      posterior = null;
      refuseOutOfRange(before, "decay");
    }
    return this;
  }

  /**
   * After a change of the data factor: if the new state is outside what the reader accepts, puts
   * {@code before} back and throws. Most changes are vouched for in O(p²) by {@link
   * BayesianRange#staysWellInRange}; only the rest pay the exact O(p³) check.
   */
  private void refuseOutOfRange(UpdatingQr before, String change) {
    if (BayesianRange.staysWellInRange(this)) {
      return;
    }
    String defect = stateDefect();
    if (defect != null) {
      data = before;
      posterior = null;
      throw new ArithmeticException("the " + change + " is refused: " + defect);
    }
  }

  /**
   * Why this state is outside what {@link #fromByteArray} accepts, or null: the data factor's range
   * ({@link UpdatingQr#rangeDefect}) and {@link #posteriorDefect()}. O(p³).
   */
  String stateDefect() {
    String defect = data == null ? null : data.rangeDefect(intercept);
    return defect != null ? defect : posteriorDefect();
  }

  /**
   * Folds {@code other} in (see {@link io.sketches.Sketch#merge}): the data factors stack, the
   * prior is counted once.
   *
   * @throws IncompatibleSketchException for another dimension, intercept, noise model or prior
   * @throws ArithmeticException if the merged state would leave the range its bytes may hold (see
   *     {@link #update(double[], double, double)}); the sketch is then unchanged
   */
  @Override
  public BayesianLinearRegression merge(BayesianLinearRegression other) {
    checkArgument(other != null, "the sketch to merge must not be null");
    IncompatibleSketchException.checkEqual("dimension", dimension, other.dimension);
    IncompatibleSketchException.checkEqual("intercept", intercept ? 1 : 0, other.intercept ? 1 : 0);
    Inputs.checkSame("noise precision", noisePrecision, other.noisePrecision);
    Inputs.checkSame("noise prior shape", noiseShape, other.noiseShape);
    Inputs.checkSame("noise prior rate", noiseRate, other.noiseRate);
    if (!Arrays.equals(priorMean, other.priorMean)) {
      throw new IncompatibleSketchException(
          "cannot merge sketches with different prior means: "
              + Arrays.toString(priorMean)
              + " and "
              + Arrays.toString(other.priorMean));
    }
    if (!Arrays.deepEquals(priorPrecision, other.priorPrecision)) {
      throw new IncompatibleSketchException(
          "cannot merge sketches with different prior "
              + "precisions: "
              + Arrays.deepToString(priorPrecision)
              + " and "
              + Arrays.deepToString(other.priorPrecision));
    }
    if (other.data != null) {
      UpdatingQr theirs = other == this ? other.data.copy() : other.data;
      UpdatingQr before = data == null ? null : data.copy();
      if (data == null) {
        data = new UpdatingQr(modelColumns() + 1);
      }
      data.includeFactor(theirs);
      posterior = null;
      // vouched for in O(p²) as updates are; the exact O(p³) check, which computes a posterior
      // that the next merge discards, only near the reader's bounds
      refuseOutOfRange(before, "merge");
    }
    posterior = null;
    return this;
  }

  @Override
  public BayesianLinearRegression copy() {
    BayesianLinearRegression copy =
        new BayesianLinearRegression(
            dimension,
            intercept,
            noisePrecision,
            noiseShape,
            noiseRate,
            priorMean,
            priorPrecision,
            priorRows);
    copy.data = data == null ? null : data.copy();
    copy.priorBounds = priorBounds;
    return copy;
  }

  // ---------------------------------------------------------------- queries

  /** The factor of [√β Φ; Lᵀ | √β y; Lᵀm₀], triangularized once per state. */
  UpdatingQr posterior() {
    if (posterior != null) {
      return posterior;
    }
    UpdatingQr factor = data == null ? new UpdatingQr(modelColumns() + 1) : data.copy();
    factor.scale(noisePrecision);
    for (double[] row : priorRows) {
      factor.includeRow(row.clone(), 1.0);
    }
    posteriorMean = factor.solve();
    posterior = factor;
    return factor;
  }

  /** See {@link BayesianRange#posteriorDefect}; computes the posterior, cached for the queries. */
  String posteriorDefect() {
    return BayesianRange.posteriorDefect(this);
  }

  /** m_N (Bishop eq. 3.50), intercept first when the model has one. */
  public double[] posteriorMean() {
    posterior();
    return posteriorMean.clone();
  }

  boolean unknownNoise() {
    return noiseShape > 0;
  }

  /**
   * S_N = (S₀⁻¹ + βΦᵀΦ)⁻¹ (Bishop eq. 3.51); with unknown noise the covariance of the marginal
   * Student t, Λ_N⁻¹·b_N/(a_N − 1).
   */
  public double[][] posteriorCovariance() {
    double[][] covariance = posterior().inverseGram();
    if (unknownNoise()) {
      double scale = noiseVarianceMean();
      for (double[] row : covariance) {
        for (int j = 0; j < row.length; j++) {
          row[j] *= scale;
        }
      }
    }
    return covariance;
  }

  /** Posterior shape a_N = a₀ + Σw/2 of the noise precision (unknown-noise models only). */
  public double posteriorNoiseShape() {
    if (!unknownNoise()) {
      throw new IllegalStateException("the noise precision is known: " + noisePrecision);
    }
    return noiseShape + weightSum() / 2;
  }

  /** Posterior rate b_N = b₀ + ½·(residual of the stacked system) (unknown-noise models only). */
  public double posteriorNoiseRate() {
    if (!unknownNoise()) {
      throw new IllegalStateException("the noise precision is known: " + noisePrecision);
    }
    return noiseRate + 0.5 * posterior().residualSumOfSquares();
  }

  /** E[σ²] = b_N/(a_N − 1) under the posterior; 1/β for known noise. */
  private double noiseVarianceMean() {
    if (!unknownNoise()) {
      return 1.0 / noisePrecision;
    }
    double shape = posteriorNoiseShape();
    if (!(shape > 1)) {
      throw new IllegalStateException(
          "the posterior variance needs a_N > 1 (a Student t with more than 2 degrees of freedom):"
              + " a_N = "
              + shape);
    }
    return posteriorNoiseRate() / (shape - 1);
  }

  private double[] features(double[] x) {
    Inputs.checkRow(x, dimension);
    if (!intercept) {
      return x;
    }
    double[] phi = new double[dimension + 1];
    phi[0] = 1.0;
    System.arraycopy(x, 0, phi, 1, dimension);
    return phi;
  }

  /** m_Nᵀφ(x) (Bishop eq. 3.58). */
  public double predictiveMean(double[] x) {
    double[] phi = features(x);
    posterior();
    double value = 0;
    for (int i = 0; i < phi.length; i++) {
      value += posteriorMean[i] * phi[i];
    }
    return value;
  }

  /**
   * σ²_N(x) = 1/β + φ(x)ᵀ S_N φ(x) (Bishop eq. 3.59); with unknown noise the variance of the
   * predictive Student t, (1 + φᵀΛ_N⁻¹φ)·b_N/(a_N − 1).
   */
  public double predictiveVariance(double[] x) {
    double[] phi = features(x);
    double quadratic = UpdatingQr.quadraticForm(phi, posterior().inverseGram());
    return unknownNoise()
        ? noiseVarianceMean() * (1 + quadratic)
        : 1.0 / noisePrecision + quadratic;
  }

  public long count() {
    return data == null ? 0 : data.count();
  }

  /** Σ of the weights seen, after decay. */
  public double weightSum() {
    return data == null ? 0.0 : data.weightSum();
  }

  public int dimension() {
    return dimension;
  }

  public boolean hasIntercept() {
    return intercept;
  }

  public double noisePrecision() {
    return noisePrecision;
  }

  // ---------------------------------------------------------------- bytes

  /** The sketch in the library's byte format; the body is in {@link RegressionFormat}. */
  @Override
  public byte[] toByteArray() {
    return RegressionFormat.write(this);
  }

  /**
   * Reads a sketch written by {@link #toByteArray()}.
   *
   * @throws io.sketches.SketchFormatException if the bytes are not a valid sketch
   */
  public static BayesianLinearRegression fromByteArray(byte[] bytes) {
    return RegressionFormat.readBayesian(bytes);
  }

  /** The Gamma prior's shape a₀ and rate b₀ (0 for known noise): for {@link RegressionFormat}. */
  double noiseShape() {
    return noiseShape;
  }

  double noiseRate() {
    return noiseRate;
  }

  /** The prior mean m₀ itself, not a copy: for {@link RegressionFormat}. */
  double[] priorMean() {
    return priorMean;
  }

  /** The prior precision S₀⁻¹ itself, not a copy: for {@link RegressionFormat}. */
  double[][] priorPrecision() {
    return priorPrecision;
  }

  /** The data factor, or null while empty: for {@link RegressionFormat}. */
  UpdatingQr data() {
    return data;
  }

  /** The bounds of the prior that {@link BayesianRange#staysWellInRange} needs, computed once. */
  BayesianRange.PriorBounds priorBounds() {
    if (priorBounds == null) {
      priorBounds = BayesianRange.PriorBounds.of(priorRows, priorMean);
    }
    return priorBounds;
  }

  /** Sets the data factor of a sketch being read, already validated. */
  void restoreData(UpdatingQr data) {
    this.data = data;
  }

  @Override
  public String toString() {
    return "BayesianLinearRegression[dimension="
        + dimension
        + ", intercept="
        + intercept
        + ", noisePrecision="
        + noisePrecision
        + ", count="
        + count()
        + "]";
  }
}
