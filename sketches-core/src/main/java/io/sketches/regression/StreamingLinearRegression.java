package io.sketches.regression;

import static com.google.common.base.Preconditions.checkArgument;

import io.sketches.IncompatibleSketchException;
import io.sketches.Sketch;

/**
 * Exact, mergeable least squares over a stream: ordinary least squares with an optional intercept,
 * row weights, ridge regularization and exponential forgetting.
 *
 * <p>The state is the triangular factor R of the weighted matrix [1 | X | y], kept in Gentleman's
 * square-root-free form and updated by Givens rotations (Gentleman 1973; Miller 1992, AS 274), so
 * the cross-product matrix X<sup>T</sup>X is never formed. Two states merge by stacking their
 * factors and re-triangularizing, which gives the factor of the concatenated stream up to rounding.
 * Because the column of ones comes first, the rotation subtracts the running weighted mean of every
 * column before it squares anything (West 1979; Chan, Golub and LeVeque 1979): the coefficients
 * have a forward error of order κ(X<sub>c</sub>)·ε + κ(X<sub>c</sub>)²·ε·‖r‖/‖y‖ in the centred
 * condition number κ(X<sub>c</sub>) (Golub and Van Loan, §5.3.8), where normal equations have
 * κ(X)²·ε in the raw one. With an intercept, every row is also shifted by the sketch's first
 * observation before it is rotated in (an exact re-parametrization, undone at query time), which
 * removes large common offsets exactly. On the NIST StRD Longley data every coefficient agrees with
 * the certified value to 13 or more significant digits, single-stream or merged from 8 serialized
 * parts of a shuffled stream; the normal equations keep 7.
 *
 * <ul>
 *   <li><b>Ridge</b> λ is applied when solving, on a copy: the rows √λ·e<sub>j</sub> with response
 *       0 are stacked under R for every slope (the intercept is not penalized).
 *   <li><b>Forgetting</b> factor f ∈ (0, 1]: before each update every earlier weight is multiplied
 *       by f (R scaled by √f), so an observation's weight halves after {@code ln 2 / −ln f}
 *       updates; {@link Builder#halfLife} sets f from that half-life. {@link #decay(double)} does
 *       the same on demand, for a caller that forgets per batch.
 *   <li><b>Rank deficiency</b>: when a column's residual after projection on the earlier columns is
 *       below {@value #RANK_TOLERANCE} of its norm (including when fewer rows than columns were
 *       seen), every solving query throws {@link IllegalStateException} naming the column; no query
 *       ever returns NaN silently.
 *   <li><b>Merging</b> adds the two states as they stand: partitions of the same stream. Forgetting
 *       is not re-applied by a merge; to append a later window, {@link #decay} the earlier one by
 *       f<sup>n</sup> first.
 * </ul>
 *
 * <p><b>Size.</b> Slightly above the few screens a class should fit: the queries (coefficients,
 * standard errors, R², condition number) each undo the intercept shift, which only this class
 * knows; the factor is {@link UpdatingQr}, input checks are shared in {@code Inputs} and the bytes
 * are in {@code RegressionFormat}.
 */
public final class StreamingLinearRegression implements Sketch<StreamingLinearRegression> {
  /** Relative residual norm below which a column counts as a combination of earlier ones. */
  public static final double RANK_TOLERANCE = 1e-11;

  private final int dimension;
  private final boolean intercept;
  private final double ridge;
  private final double forgetting;

  /** Null until the first update: an unused sketch is small. */
  private UpdatingQr factor;

  /**
   * With an intercept: the first observation [0, x, y], subtracted from every row before it is
   * rotated in. Least squares with an intercept is invariant under this shift, and it removes the
   * offset of data like Longley's (years near 1950) before any rounding: 2 to 3 more digits.
   */
  private double[] shift;

  /** The coefficients of the last solve (intercept first if any), dropped by every change. */
  private double[] solution;

  private UpdatingQr solvedFactor;

  StreamingLinearRegression(int dimension, boolean intercept, double ridge, double forgetting) {
    this.dimension = dimension;
    this.intercept = intercept;
    this.ridge = ridge;
    this.forgetting = forgetting;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Configures a {@link StreamingLinearRegression}; {@code dimension} is required. */
  public static final class Builder {
    private int dimension = -1;
    private boolean intercept = true;
    private double ridge;
    private double forgetting = 1.0;

    private Builder() {}

    /**
     * Number of features d, excluding the intercept; in [1, 1024], a ceiling the system property
     * {@code io.sketches.regression.maxDimension} raises up to 10000.
     */
    public Builder dimension(int dimension) {
      this.dimension = Inputs.checkFactorDimension(dimension);
      return this;
    }

    /** Whether the model has an unpenalized intercept (default true). */
    public Builder intercept(boolean intercept) {
      this.intercept = intercept;
      return this;
    }

    /** Ridge penalty λ ≥ 0 on the slopes: minimizes Σ w (y − ŷ)² + λ‖b‖² (default 0). */
    public Builder ridge(double lambda) {
      this.ridge = Inputs.checkNonNegative("ridge", lambda);
      return this;
    }

    /** Per-update forgetting factor f ∈ (0, 1] (default 1, no forgetting). */
    public Builder forgetting(double factor) {
      Inputs.checkDecay(factor);
      this.forgetting = factor;
      return this;
    }

    /** Forgetting such that an observation's weight halves after {@code updates} more updates. */
    public Builder halfLife(double updates) {
      this.forgetting = Inputs.forgettingOfHalfLife(updates);
      return this;
    }

    public StreamingLinearRegression build() {
      if (dimension < 0) {
        throw new IllegalStateException("dimension must be set");
      }
      return new StreamingLinearRegression(dimension, intercept, ridge, forgetting);
    }
  }

  int modelColumns() {
    return dimension + (intercept ? 1 : 0);
  }

  /** Adds the observation (x, y) with weight 1. */
  public StreamingLinearRegression update(double[] x, double y) {
    return update(x, y, 1.0);
  }

  /**
   * Adds the observation (x, y) with a frequency weight (weight 2 is the same as two copies).
   *
   * @throws IllegalArgumentException for a wrong dimension, a non-finite value or a negative
   *     weight; the sketch is then unchanged
   * @throws ArithmeticException if the state would leave the range its bytes may hold (see {@code
   *     docs/format.md}): a weighted sum of squares of a column, or the weight sum, above 2^960, or
   *     with an intercept a first observation beyond ±2^480; the data exceed what doubles can fit,
   *     rescale them. The sketch is then unchanged
   */
  public StreamingLinearRegression update(double[] x, double y, double weight) {
    Inputs.checkObservation(x, y, weight, dimension);
    boolean first = factor == null;
    if (first) {
      if (intercept) {
        checkShiftRange(x, y);
        shift = new double[modelColumns() + 1];
        System.arraycopy(x, 0, shift, 1, dimension);
        shift[dimension + 1] = y;
      }
      factor = new UpdatingQr(modelColumns() + 1);
    }
    double scale = first ? 1.0 : forgetting;
    double[] row = factor.observationRow(intercept, x, y, shift);
    // O(n) almost always; the exact O(n²) check only when a column nears the reader's bound
    UpdatingQr before = factor.staysWellInRange(row, weight, scale) ? null : factor.copy();
    if (scale != 1.0) {
      factor.scale(scale);
    }
    factor.includeObservationRow(row, weight);
    solution = null;
    if (before != null) {
      String defect = stateDefect();
      if (defect != null) {
        factor = first ? null : before;
        shift = first ? null : shift;
        throw new ArithmeticException("the update is refused: " + defect);
      }
    }
    return this;
  }

  /** The first observation becomes the shift, which the reader bounds by ±2^480. */
  private static void checkShiftRange(double[] x, double y) {
    for (int j = 0; j < x.length; j++) {
      if (!(Math.abs(x[j]) <= MAX_SHIFT)) {
        throw new ArithmeticException(
            "the update is refused: feature "
                + j
                + " of a first observation must be within ±2^480: "
                + x[j]);
      }
    }
    if (!(Math.abs(y) <= MAX_SHIFT)) {
      throw new ArithmeticException(
          "the update is refused: the response of a first observation must be within ±2^480: " + y);
    }
  }

  /**
   * Largest |value| of the shift (the first observation): its square, 2^960, is the bound on a
   * column's sum of squares.
   */
  static final double MAX_SHIFT = 0x1p480;

  /** Multiplies the weight of everything seen so far by {@code factor} ∈ (0, 1]. */
  public StreamingLinearRegression decay(double factor) {
    Inputs.checkDecay(factor);
    if (this.factor != null) {
      this.factor.scale(factor);
      solution = null;
    }
    return this;
  }

  /**
   * Folds {@code other} in (see {@link io.sketches.Sketch#merge}).
   *
   * @throws IncompatibleSketchException for another dimension, intercept, ridge or forgetting
   * @throws ArithmeticException if the merged state would leave the range its bytes may hold (see
   *     {@link #update(double[], double, double)}); the sketch is then unchanged
   */
  @Override
  public StreamingLinearRegression merge(StreamingLinearRegression other) {
    checkArgument(other != null, "the sketch to merge must not be null");
    IncompatibleSketchException.checkEqual("dimension", dimension, other.dimension);
    IncompatibleSketchException.checkEqual("intercept", intercept ? 1 : 0, other.intercept ? 1 : 0);
    Inputs.checkSame("ridge", ridge, other.ridge);
    Inputs.checkSame("forgetting", forgetting, other.forgetting);
    if (other.factor != null) {
      UpdatingQr theirs = other == this ? other.factor.copy() : other.factor;
      UpdatingQr before = factor == null ? null : factor.copy();
      double[] shiftBefore = shift;
      if (factor == null) {
        factor = new UpdatingQr(modelColumns() + 1);
        shift = other.shift == null ? null : other.shift.clone();
      }
      // their rows z − s' are our rows z − s + (s − s'): only their row of means changes
      factor.includeFactor(theirs, other.shift, shift);
      solution = null;
      // includeFactor refreshed the column sums: checked, not recounted
      String defect = factor.trackedRangeDefect(intercept);
      defect = defect != null ? defect : solutionDefect();
      if (defect != null) {
        factor = before;
        shift = shiftBefore;
        throw new ArithmeticException("the merge is refused: " + defect);
      }
    }
    solution = null;
    return this;
  }

  @Override
  public StreamingLinearRegression copy() {
    StreamingLinearRegression copy =
        new StreamingLinearRegression(dimension, intercept, ridge, forgetting);
    copy.factor = factor == null ? null : factor.copy();
    copy.shift = shift == null ? null : shift.clone();
    return copy;
  }

  // ---------------------------------------------------------------- queries

  /** R itself, or a copy of R with the rows √λ·e<sub>j</sub> of every slope stacked under it. */
  private UpdatingQr ridgeAugmented() {
    if (ridge == 0.0) {
      return factor;
    }
    UpdatingQr augmented = factor.copy();
    for (int j = intercept ? 1 : 0; j < modelColumns(); j++) {
      augmented.includeUnitRow(j, ridge);
    }
    return augmented;
  }

  /** The factor actually solved: R itself, or R with the ridge rows stacked under it. */
  private UpdatingQr solved() {
    if (solution != null) {
      return solvedFactor;
    }
    if (factor == null) {
      throw new IllegalStateException("no observations yet: the model is undetermined");
    }
    UpdatingQr target = ridgeAugmented();
    int dependent = target.firstDependentColumn(RANK_TOLERANCE);
    if (dependent >= 0) {
      String column =
          intercept && dependent == 0
              ? "the intercept"
              : "feature " + (dependent - (intercept ? 1 : 0));
      throw new IllegalStateException(
          "rank-deficient data: "
              + column
              + " is a linear combination of the earlier columns (or fewer than "
              + modelColumns()
              + " independent rows were seen, "
              + count()
              + " rows so far); add ridge or more data");
    }
    double[] solved = target.solve();
    for (double value : solved) {
      if (!Double.isFinite(value)) {
        throw new IllegalStateException(
            "the solution overflowed ("
                + value
                + "): the data span"
                + " more than the double range; rescale the features");
      }
    }
    solution = solved;
    solvedFactor = target;
    return target;
  }

  private double[] solution() {
    solved();
    return solution;
  }

  /**
   * The fitted slopes b<sub>1..d</sub>.
   *
   * @throws IllegalStateException if the data do not determine them (see the class comment)
   */
  public double[] coefficients() {
    double[] all = solution();
    return java.util.Arrays.copyOfRange(all, intercept ? 1 : 0, all.length);
  }

  /** The fitted intercept b<sub>0</sub>, or 0 for a model without one. */
  public double intercept() {
    if (!intercept) {
      return 0.0;
    }
    double[] b = solution();
    // y − s_y = b0' + Σ b_j (x_j − s_j)  ⇒  b0 = b0' + s_y − Σ b_j s_j
    double value = b[0] + shift[dimension + 1];
    for (int j = 1; j <= dimension; j++) {
      value -= b[j] * shift[j];
    }
    return value;
  }

  /** b<sub>0</sub> + x·b. */
  public double predict(double[] x) {
    Inputs.checkRow(x, dimension);
    double[] b = solution();
    if (!intercept) {
      double value = 0.0;
      for (int i = 0; i < dimension; i++) {
        value += b[i] * x[i];
      }
      return value;
    }
    double value = b[0] + shift[dimension + 1];
    for (int i = 0; i < dimension; i++) {
      value += b[1 + i] * (x[i] - shift[1 + i]);
    }
    return value;
  }

  /** Residual sum of squares Σ w (y − ŷ)² of the fitted model (the penalty excluded). */
  public double residualSumOfSquares() {
    solved();
    if (ridge == 0.0) {
      return factor.residualSumOfSquares();
    }
    double[] coefficientsAndResponse = java.util.Arrays.copyOf(solution, modelColumns() + 1);
    for (int j = 0; j < modelColumns(); j++) {
      coefficientsAndResponse[j] = -solution[j];
    }
    coefficientsAndResponse[modelColumns()] = 1.0;
    return factor.squaredNormOfProduct(coefficientsAndResponse);
  }

  /**
   * σ̂² = RSS / (Σw − p), p the number of model columns: weights are frequency weights, so with
   * unit weights this is the usual RSS/(n − p).
   *
   * @throws IllegalStateException unless Σw &gt; p
   */
  public double residualVariance() {
    double degrees = weightSum() - modelColumns();
    if (!(degrees > 0)) {
      throw new IllegalStateException(
          "residual variance needs more total weight than the "
              + modelColumns()
              + " model columns: "
              + weightSum());
    }
    return residualSumOfSquares() / degrees;
  }

  /**
   * Standard errors of the slopes, √(σ̂² [(R<sup>T</sup>R)<sup>−1</sup>]<sub>jj</sub>); with ridge,
   * R is the augmented factor (the usual approximation, ignoring the ridge bias).
   *
   * @throws IllegalStateException when the fit is undetermined (see {@link #coefficients()}), Σw ≤
   *     p, or (RᵀR)⁻¹ overflows: the data are numerically rank-deficient
   */
  public double[] standardErrors() {
    double[] all = allStandardErrors();
    return java.util.Arrays.copyOfRange(all, intercept ? 1 : 0, all.length);
  }

  /**
   * Standard error of the intercept (0 for a model without one).
   *
   * @throws IllegalStateException as {@link #standardErrors()}
   */
  public double interceptStandardError() {
    if (!intercept) {
      return 0.0;
    }
    double variance = residualVariance();
    double[][] inverse = solved().inverseGram();
    // b0 = b0' − Σ s_j b_j: Var = cᵀ (RᵀR)⁻¹ c σ² with c = (1, −s_1, ..., −s_d)
    double[] c = new double[dimension + 1];
    c[0] = 1.0;
    for (int j = 1; j <= dimension; j++) {
      c[j] = -shift[j];
    }
    return checkedError(Math.sqrt(variance * UpdatingQr.quadraticForm(c, inverse)));
  }

  /** A standard error, refused when (RᵀR)⁻¹ overflows (a d<sub>j</sub> near 2^−1024). */
  private static double checkedError(double error) {
    if (!(error < Double.POSITIVE_INFINITY)) {
      throw new IllegalStateException(
          "rank-deficient data: the standard error overflows ("
              + error
              + "), (RᵀR)⁻¹ exceeds the double range; add ridge or rescale the features");
    }
    return error;
  }

  private double[] allStandardErrors() {
    double variance = residualVariance();
    double[][] inverse = solved().inverseGram();
    double[] errors = new double[inverse.length];
    for (int j = 0; j < errors.length; j++) {
      errors[j] = checkedError(Math.sqrt(variance * inverse[j][j]));
    }
    return errors;
  }

  /**
   * Coefficient of determination 1 − RSS/TSS, TSS centred on the weighted mean of y when the model
   * has an intercept and uncentred otherwise (as R's {@code lm}).
   */
  public double rSquared() {
    double rss = residualSumOfSquares();
    int y = modelColumns();
    double total = factor.columnSumOfSquares(y, intercept ? 1 : 0);
    if (!(total > 0)) {
      throw new IllegalStateException("R² is undefined: y has no variation");
    }
    return 1.0 - rss / total;
  }

  /**
   * The 2-norm condition number of the weighted feature matrix that governs the slopes: X centred
   * on its weighted mean when the model has an intercept, X itself otherwise, with the ridge rows
   * when λ &gt; 0; from the singular values of the factor. Slopes lose about log<sub>10</sub> of it
   * in significant digits at worst (Longley: 5.8e5 centred, against 4.9e9 for [1 | X]). {@code
   * +Infinity} when the matrix is singular or nothing was seen.
   */
  public double conditionNumber() {
    if (factor == null) {
      return Double.POSITIVE_INFINITY;
    }
    return ridgeAugmented().conditionNumber(intercept ? 1 : 0);
  }

  /** Number of updates seen (merged sketches add). */
  public long count() {
    return factor == null ? 0 : factor.count();
  }

  /** Σ of the weights seen, after forgetting: the effective number of observations. */
  public double weightSum() {
    return factor == null ? 0.0 : factor.weightSum();
  }

  public int dimension() {
    return dimension;
  }

  public boolean hasIntercept() {
    return intercept;
  }

  public double ridge() {
    return ridge;
  }

  public double forgetting() {
    return forgetting;
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
  public static StreamingLinearRegression fromByteArray(byte[] bytes) {
    return RegressionFormat.readLeastSquares(bytes);
  }

  /** The data factor, or null while empty: for {@link RegressionFormat}. */
  UpdatingQr factor() {
    return factor;
  }

  /** With an intercept, the shift [0, x, y] (first observation); else null. */
  double[] shift() {
    return shift;
  }

  /**
   * Why this state is outside what {@link #fromByteArray} accepts, or null: the factor's range
   * ({@link UpdatingQr#rangeDefect}) and {@link #solutionDefect()}. O(n²).
   */
  String stateDefect() {
    String defect = factor.rangeDefect(intercept);
    return defect != null ? defect : solutionDefect();
  }

  /**
   * Why the unpenalized back-substitution or (with an intercept) the shift and the intercept b0 +
   * s_y − Σ b_j s_j of this non-empty state are not finite and in range, or null: every query then
   * answers finitely (or refuses as documented).
   */
  String solutionDefect() {
    double[] slopes = factor.solve();
    if (!UpdatingQr.allFinite(slopes)) {
      return "the factor's back-substitution R̄b = θ overflows: R̄ is out of range";
    }
    if (!intercept) {
      return null;
    }
    int columns = modelColumns() + 1;
    for (int j = 1; j < columns; j++) {
      if (!(Math.abs(shift[j]) <= MAX_SHIFT)) {
        return "shift " + j + " must be within ±2^480: " + shift[j];
      }
    }
    double value = slopes[0] + shift[columns - 1];
    for (int j = 1; j < columns - 1; j++) {
      value -= slopes[j] * shift[j];
    }
    return Double.isFinite(value)
        ? null
        : "the intercept b0 + s_y − Σ b_j s_j overflows: the shift is out of range";
  }

  /** Sets the state of a sketch being read, already validated by {@link RegressionFormat}. */
  void restore(UpdatingQr factor, double[] shift) {
    this.factor = factor;
    this.shift = shift;
  }

  @Override
  public String toString() {
    return "StreamingLinearRegression[dimension="
        + dimension
        + ", intercept="
        + intercept
        + ", ridge="
        + ridge
        + ", forgetting="
        + forgetting
        + ", count="
        + count()
        + "]";
  }
}
