package io.sketches.regression;

import static com.google.common.base.Preconditions.checkArgument;

import io.sketches.IncompatibleSketchException;
import io.sketches.Sketch;
import java.util.SplittableRandom;

/**
 * Linear regression by mini-batch gradient descent, for models too wide for a d×d factor (d in the
 * tens of thousands and more): O(d) memory, O(d) work per row and iteration.
 *
 * <p>Each call to {@link #update(double[][], double[])} takes {@code iterationsPerBatch} proximal
 * gradient steps on the batch objective (Robbins and Monro 1951; the L1 step is ISTA's soft
 * threshold, Beck and Teboulle 2009):
 *
 * <pre>
 *   f̂(w, b) = 1/(2m) Σ_{i∈batch} (wᵀxᵢ + b − yᵢ)² + (l2/2)‖w‖² + l1‖w‖₁
 *   w ← S_{η·l1}(w − η ∇f̂(w)),   b ← b − η ∂f̂/∂b,   Sₜ(v) = sign(v)·max(|v| − t, 0)
 * </pre>
 *
 * over a Bernoulli({@code miniBatchFraction}) sample of the batch rows, drawn from the seed and the
 * batch number (as Spark MLlib's {@code StreamingLinearRegressionWithSGD}, which this generalizes
 * with an intercept that persists across batches, L1 and L2, and a merge). The intercept is not
 * penalized. With a fixed step the iterates converge to a neighbourhood of the minimizer of the
 * expected loss whose size grows with η; η must be below 2/λ<sub>max</sub>(E xxᵀ) for stability.
 *
 * <p><b>Merging is approximate.</b> Gradient descent is not a sufficient statistic: the merge is
 * the average of the two parameter vectors weighted by their example counts (parameter mixing, Mann
 * et al. 2009; Zinkevich et al. 2010), which converges to the same minimizer for a convex loss but
 * is not the model one sequential pass would give. Use {@link StreamingLinearRegression} where an
 * exact merge matters and d is small enough.
 */
public final class SgdLinearRegression implements Sketch<SgdLinearRegression> {
  /** Largest dimension: the weights are one dense array. */
  public static final int MAX_DIMENSION = 1 << 24;

  /**
   * The bound on |w_j| and |b| that the reader accepts and an update may reach: a prediction at any
   * x of moderate size stays finite.
   */
  static final double MAX_PARAMETER = 0x1p480;

  static final int MAX_ITERATIONS = 1_000_000;

  private final int dimension;
  private final boolean intercept;
  private final double stepSize;
  private final int iterationsPerBatch;
  private final double l2;
  private final double l1;
  private final double miniBatchFraction;
  private final long seed;
  private long count;
  private long batches;
  private double bias;

  /** Null until the first batch, so an unused sketch is small. */
  private double[] weights;

  private SgdLinearRegression(Builder builder) {
    this.dimension = builder.dimension;
    this.intercept = builder.intercept;
    this.stepSize = builder.stepSize;
    this.iterationsPerBatch = builder.iterationsPerBatch;
    this.l2 = builder.l2;
    this.l1 = builder.l1;
    this.miniBatchFraction = builder.miniBatchFraction;
    this.seed = builder.seed;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Configures an {@link SgdLinearRegression}; {@code dimension} is required. */
  public static final class Builder {
    private int dimension = -1;
    private boolean intercept = true;
    private double stepSize = 0.01;
    private int iterationsPerBatch = 1;
    private double l2;
    private double l1;
    private double miniBatchFraction = 1.0;
    private long seed;

    private Builder() {}

    /** Number of features d, in [1, 2²⁴]. */
    public Builder dimension(int dimension) {
      this.dimension = Inputs.checkDimension(dimension, MAX_DIMENSION);
      return this;
    }

    /** Whether the model has an unpenalized intercept (default true). */
    public Builder intercept(boolean intercept) {
      this.intercept = intercept;
      return this;
    }

    /** Step size η &gt; 0 (default 0.01). */
    public Builder stepSize(double eta) {
      if (!(eta > 0) || eta == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("step size must be finite and positive: " + eta);
      }
      this.stepSize = eta;
      return this;
    }

    /** Gradient steps per mini-batch, in [1, 10⁶] (default 1). */
    public Builder iterationsPerBatch(int iterations) {
      if (iterations < 1 || iterations > MAX_ITERATIONS) {
        throw new IllegalArgumentException(
            "iterations per batch must be in [1, " + MAX_ITERATIONS + "]: " + iterations);
      }
      this.iterationsPerBatch = iterations;
      return this;
    }

    /** L2 (ridge) penalty (l2/2)‖w‖² (default 0). */
    public Builder l2(double l2) {
      this.l2 = Inputs.checkNonNegative("l2", l2);
      return this;
    }

    /** L1 (lasso) penalty l1‖w‖₁ (default 0). */
    public Builder l1(double l1) {
      this.l1 = Inputs.checkNonNegative("l1", l1);
      return this;
    }

    /** Fraction of each batch sampled per iteration, in (0, 1] (default 1: the whole batch). */
    public Builder miniBatchFraction(double fraction) {
      if (!(fraction > 0 && fraction <= 1)) {
        throw new IllegalArgumentException("mini-batch fraction must be in (0, 1]: " + fraction);
      }
      this.miniBatchFraction = fraction;
      return this;
    }

    /** Seed of the mini-batch sampling (default 0). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public SgdLinearRegression build() {
      if (dimension < 0) {
        throw new IllegalStateException("dimension must be set");
      }
      return new SgdLinearRegression(this);
    }
  }

  /**
   * Takes {@code iterationsPerBatch} gradient steps on one mini-batch.
   *
   * @throws IllegalArgumentException for rows of the wrong dimension, non-finite values or
   *     mismatched lengths; the model is then unchanged
   * @throws ArithmeticException if the descent diverges (a weight or the intercept overflows or
   *     leaves ±2^480: the step size is too large for the data); the model is then unchanged
   */
  public SgdLinearRegression update(double[][] x, double[] y) {
    Inputs.checkBatch(x, y, dimension);
    descend(null, x, y);
    return this;
  }

  /**
   * One mini-batch of sparse rows: row i has the values {@code values[i]} at the feature indices
   * {@code indices[i]} (strictly increasing, in [0, d)) and zeros elsewhere. The same descent as
   * {@link #update(double[][], double[])}, with O(nonzeros + d) work per iteration.
   *
   * @throws IllegalArgumentException for indices out of range or not increasing, non-finite values
   *     or mismatched lengths; the model is then unchanged
   * @throws ArithmeticException if the descent diverges (a weight or the intercept overflows or
   *     leaves ±2^480: the step size is too large for the data); the model is then unchanged
   */
  public SgdLinearRegression update(int[][] indices, double[][] values, double[] y) {
    Inputs.checkSparseBatch(indices, values, y, dimension);
    descend(indices, values, y);
    return this;
  }

  /** The proximal gradient steps of the class comment; {@code indices} null for dense rows. */
  private void descend(int[][] indices, double[][] x, double[] y) {
    if (y.length == 0) {
      return;
    }
    double[] weights = this.weights == null ? new double[dimension] : this.weights.clone();
    double bias = this.bias;
    SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (batches + 1)));
    double[] gradient = new double[dimension];
    for (int iteration = 0; iteration < iterationsPerBatch; iteration++) {
      java.util.Arrays.fill(gradient, 0.0);
      double biasGradient = 0;
      int used = 0;
      for (int i = 0; i < y.length; i++) {
        if (miniBatchFraction < 1.0 && random.nextDouble() >= miniBatchFraction) {
          continue;
        }
        double[] row = x[i];
        int[] at = indices == null ? null : indices[i];
        double residual = bias - y[i];
        for (int k = 0; k < row.length; k++) {
          residual += weights[at == null ? k : at[k]] * row[k];
        }
        for (int k = 0; k < row.length; k++) {
          gradient[at == null ? k : at[k]] += residual * row[k];
        }
        biasGradient += residual;
        used++;
      }
      if (used == 0) {
        continue;
      }
      double step = stepSize / used;
      double threshold = stepSize * l1;
      for (int j = 0; j < dimension; j++) {
        double w = weights[j] - step * gradient[j] - stepSize * l2 * weights[j];
        if (threshold > 0) {
          w = Math.signum(w) * Math.max(Math.abs(w) - threshold, 0.0);
        }
        weights[j] = w;
      }
      if (intercept) {
        bias -= step * biasGradient;
      }
    }
    if (!(Math.abs(bias) <= MAX_PARAMETER)) {
      throw new ArithmeticException("the descent diverges: the intercept overflows " + bias);
    }
    for (int j = 0; j < dimension; j++) {
      if (!(Math.abs(weights[j]) <= MAX_PARAMETER)) {
        throw new ArithmeticException(
            "the descent diverges: weight " + j + " overflows " + weights[j]);
      }
    }
    this.weights = weights;
    this.bias = bias;
    count = Inputs.saturatedSum(count, y.length);
    batches = Inputs.saturatedSum(batches, 1);
  }

  /**
   * Weighted parameter averaging by example count: (n₁w₁ + n₂w₂)/(n₁ + n₂). Approximate; see the
   * class comment.
   */
  @Override
  public SgdLinearRegression merge(SgdLinearRegression other) {
    checkArgument(other != null, "the sketch to merge must not be null");
    IncompatibleSketchException.checkEqual("dimension", dimension, other.dimension);
    IncompatibleSketchException.checkEqual("intercept", intercept ? 1 : 0, other.intercept ? 1 : 0);
    IncompatibleSketchException.checkEqual(
        "iterations per batch", iterationsPerBatch, other.iterationsPerBatch);
    IncompatibleSketchException.checkEqual("seed", seed, other.seed);
    Inputs.checkSame("step size", stepSize, other.stepSize);
    Inputs.checkSame("l2", l2, other.l2);
    Inputs.checkSame("l1", l1, other.l1);
    Inputs.checkSame("mini-batch fraction", miniBatchFraction, other.miniBatchFraction);
    if (other.weights == null) {
      return this;
    }
    if (weights == null) {
      weights = other.weights.clone();
      bias = other.bias;
    } else {
      double total = (double) count + other.count;
      double mine = count / total;
      double theirs = other.count / total;
      for (int j = 0; j < dimension; j++) {
        weights[j] = mine * weights[j] + theirs * other.weights[j];
      }
      bias = mine * bias + theirs * other.bias;
    }
    count = Inputs.saturatedSum(count, other.count);
    batches = Inputs.saturatedSum(batches, other.batches);
    return this;
  }

  @Override
  public SgdLinearRegression copy() {
    SgdLinearRegression copy = new SgdLinearRegression(configuration());
    copy.count = count;
    copy.batches = batches;
    copy.bias = bias;
    copy.weights = weights == null ? null : weights.clone();
    return copy;
  }

  private Builder configuration() {
    Builder builder = new Builder();
    builder.dimension = dimension;
    builder.intercept = intercept;
    builder.stepSize = stepSize;
    builder.iterationsPerBatch = iterationsPerBatch;
    builder.l2 = l2;
    builder.l1 = l1;
    builder.miniBatchFraction = miniBatchFraction;
    builder.seed = seed;
    return builder;
  }

  /** The weights w (zeros before the first batch). */
  public double[] coefficients() {
    return weights == null ? new double[dimension] : weights.clone();
  }

  /** The intercept b (0 for a model without one). */
  public double intercept() {
    return bias;
  }

  /** wᵀx + b. */
  public double predict(double[] x) {
    Inputs.checkRow(x, dimension);
    double value = bias;
    if (weights != null) {
      for (int j = 0; j < dimension; j++) {
        value += weights[j] * x[j];
      }
    }
    return value;
  }

  /** Number of examples seen (merged sketches add). */
  public long count() {
    return count;
  }

  /** Number of mini-batches seen (merged sketches add). */
  public long batches() {
    return batches;
  }

  public int dimension() {
    return dimension;
  }

  /** Whether the model has an intercept. */
  public boolean hasIntercept() {
    return intercept;
  }

  /** The step size η. */
  public double stepSize() {
    return stepSize;
  }

  public int iterationsPerBatch() {
    return iterationsPerBatch;
  }

  public double l2() {
    return l2;
  }

  public double l1() {
    return l1;
  }

  public double miniBatchFraction() {
    return miniBatchFraction;
  }

  /** The seed of the mini-batch sampling. */
  public long seed() {
    return seed;
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
  public static SgdLinearRegression fromByteArray(byte[] bytes) {
    return RegressionFormat.readSgd(bytes);
  }

  /** The weights themselves, or null before the first batch: for {@link RegressionFormat}. */
  double[] weightsOrNull() {
    return weights;
  }

  /** Sets the state of a sketch being read, already validated by {@link RegressionFormat}. */
  void restore(long count, long batches, double bias, double[] weights) {
    this.count = count;
    this.batches = batches;
    this.bias = bias;
    this.weights = weights;
  }

  @Override
  public String toString() {
    return "SgdLinearRegression[dimension="
        + dimension
        + ", stepSize="
        + stepSize
        + ", count="
        + count
        + "]";
  }
}
