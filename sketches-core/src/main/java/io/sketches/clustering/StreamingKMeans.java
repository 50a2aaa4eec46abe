package io.sketches.clustering;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import io.sketches.IncompatibleSketchException;
import io.sketches.Sketch;

/**
 * Streaming k-means whose state is a bounded, mergeable weighted summary of the stream, not a set
 * of centers updated point by point.
 *
 * <p><b>Summary.</b> The state is a list of fewer than {@code 6 · summarySize} cluster features
 * (BIRCH, Zhang et al. 1996): weight {@code w}, mean {@code μ} and squared deviation {@code ssd = Σ
 * wᵢ‖xᵢ − μ‖²}, kept in the numerically stable mean/deviation form (Chan, Golub and LeVeque 1979).
 * A point is appended as a feature of deviation zero; when the list is full it is reduced to {@code
 * summarySize} features by greedy variance splitting that starts from the cuts of the previous
 * reduce ({@link SummaryReducer}) — merge-and-reduce (Har-Peled and Mazumdar 2004; StreamKM++,
 * Ackermann et al. 2012). Merging two sketches concatenates their features and reduces, so
 * partitions of a Spark job that start from empty buffers merge into the same kind of summary.
 *
 * <p><b>Guarantee.</b> For every center set C the k-means cost decomposes over features, {@code
 * cost(C) = Σ_f ssd_f + Σ_f w_f ‖μ_f − C‖² + E}, where the error {@code E ≥ 0} comes only from
 * features whose points straddle a Voronoi boundary of C: reducing never changes the total weight,
 * the overall mean or the total squared deviation. {@link #centers()} runs seeded greedy k-means++
 * (Arthur and Vassilvitskii 2007), {@value #RESTARTS} restarts, each followed by Lloyd, on the
 * summary and keeps the cheapest; the measured ratio to offline best-of-10 k-means++ with Lloyd on
 * the raw points is in {@code docs/kmeans.md}.
 *
 * <p><b>Decay</b> follows Spark MLlib's {@code StreamingKMeans}: with decay factor {@code a} every
 * mini-batch ({@link DecayUnit#BATCHES}) or every point ({@link DecayUnit#POINTS}) multiplies the
 * weight of everything seen before by {@code a}, so that in the single-cluster case the center
 * moves by MLlib's rule {@code c ← (a·n·c + m·x̄) / (a·n + m)}; {@code halfLife(h, unit)} sets
 * {@code a = 0.5^(1/h)}. Forward decay by event time (Cormode, Shkapenyuk, Srivastava and Xu 2009)
 * with exponential g gives each point the weight {@code exp(−λ(t_now − t))}; it is exactly
 * mergeable because the landmark-relative weights never change.
 *
 * <p>Not thread-safe. {@link #centers()} is cached until the next update or merge.
 *
 * <p><b>Size.</b> Slightly above the few screens a class should fit: about a fifth is the {@link
 * Builder} with MLlib's decay settings; the summary is {@link ClusterFeatures}, its reduce {@link
 * SummaryReducer}, the fit {@link WeightedKMeans} and the bytes {@link KMeansFormat}.
 */
public final class StreamingKMeans implements Sketch<StreamingKMeans> {
  /** Seedings (each followed by Lloyd) that {@link #centers()} tries. */
  public static final int RESTARTS = 10;

  /** Default summary size per cluster: summarySize = this · k (see docs/kmeans.md for the plot). */
  public static final int DEFAULT_FEATURES_PER_CLUSTER = 40;

  /** Points buffered beyond the summary, as a multiple of summarySize, before a reduce. */
  static final int BUFFER_FACTOR = 5;

  static final int MAX_K = 1 << 16;
  static final int MAX_DIMENSION = 1 << 16;
  static final int MAX_SUMMARY_SIZE = 1 << 20;

  /** Most coordinates k · d of the centers: {@link #centers()} holds a few arrays of this size. */
  static final int MAX_CENTER_COORDINATES = 1 << 24;

  /** Stored weights are renormalized when the lazy decay scale drops below this. */
  private static final double RENORMALIZE_BELOW = 1e-100;

  final int k;
  final int dimension;
  final int summarySize;
  final long seed;
  final DecayMode decayMode;

  /** The decay factor a for batches/points; the rate λ per time unit for forward decay. */
  final double decayParameter;

  final ClusterFeatures features;

  /** Actual weight = stored weight × weightScale: decay in O(1). */
  private double weightScale = 1;

  /** Forward decay: the latest event time seen, the time weights are reported at. */
  private double latestEventTime = Double.NEGATIVE_INFINITY;

  private SummaryReducer reducer;
  private WeightedKMeans.Result model;

  StreamingKMeans(
      int k,
      int dimension,
      int summarySize,
      long seed,
      DecayMode decayMode,
      double decayParameter) {
    this.k = k;
    this.dimension = dimension;
    this.summarySize = summarySize;
    this.seed = seed;
    this.decayMode = decayMode;
    this.decayParameter = decayParameter;
    this.features = new ClusterFeatures(dimension);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Settings of a {@link StreamingKMeans}; {@code k} and {@code dimension} are required. */
  public static final class Builder {
    private int k;
    private int dimension;
    private int summarySize;
    private long seed = 0x5EED_C1A5L;
    private DecayMode decayMode = DecayMode.NONE;
    private double decayParameter = 1.0;

    private Builder() {}

    /** Number of clusters, in [1, 65536]. */
    public Builder k(int k) {
      checkArgument(k >= 1 && k <= MAX_K, "k must be in [1, %s]: %s", MAX_K, k);
      this.k = k;
      return this;
    }

    /** Number of coordinates of every point, in [1, 65536]. */
    public Builder dimension(int dimension) {
      checkArgument(
          dimension >= 1 && dimension <= MAX_DIMENSION,
          "dimension must be in [1, %s]: %s",
          MAX_DIMENSION,
          dimension);
      this.dimension = dimension;
      return this;
    }

    /**
     * Features kept after a reduce, in [k, 2^20]; default {@value #DEFAULT_FEATURES_PER_CLUSTER}·k.
     * Memory is at most {@code 6 · summarySize · (dimension + 2) · 8} bytes of features plus about
     * {@code summarySize · (6 · dimension + 32) · 8} bytes of reduce scratch; the bytes hold at
     * most {@code summarySize} features.
     */
    public Builder summarySize(int summarySize) {
      checkArgument(
          summarySize >= 1 && summarySize <= MAX_SUMMARY_SIZE,
          "summarySize must be in [1, %s]: %s",
          MAX_SUMMARY_SIZE,
          summarySize);
      this.summarySize = summarySize;
      return this;
    }

    /** Seed of the k-means++ restarts in {@link #centers()}. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * MLlib's {@code setDecayFactor(a)}: per mini-batch; 1 keeps everything, 0 only the last batch.
     */
    public Builder decayFactor(double decayFactor) {
      return decayFactor(decayFactor, DecayUnit.BATCHES);
    }

    /** Decay factor a ∈ [0, 1] applied per batch or per point. */
    public Builder decayFactor(double decayFactor, DecayUnit unit) {
      checkArgument(
          decayFactor >= 0 && decayFactor <= 1, "decayFactor must be in [0, 1]: %s", decayFactor);
      checkArgument(unit != null, "unit must not be null");
      this.decayMode = DecayMode.of(decayFactor, unit);
      this.decayParameter = decayFactor;
      return this;
    }

    /** MLlib's {@code setHalfLife(h, unit)}: a = exp(ln 0.5 / h); after h units a weight halves. */
    public Builder halfLife(double halfLife, DecayUnit unit) {
      checkArgument(
          halfLife > 0 && !Double.isNaN(halfLife), "halfLife must be positive: %s", halfLife);
      return decayFactor(Math.exp(Math.log(0.5) / halfLife), unit);
    }

    /**
     * Forward decay by event time (Cormode et al. 2009) with g(t) = exp(λt), λ = ln 2 / halfLife: a
     * point of time t weighs {@code 0.5^((t_latest − t) / halfLife)}. Points then need a time:
     * {@link #update(double[], double)}.
     */
    public Builder forwardDecay(double halfLife) {
      checkArgument(
          halfLife > 0 && halfLife < Double.POSITIVE_INFINITY,
          "forward decay halfLife must be positive and finite: %s",
          halfLife);
      this.decayMode = DecayMode.FORWARD;
      this.decayParameter = Math.log(2) / halfLife;
      return this;
    }

    public StreamingKMeans build() {
      checkArgument(k >= 1, "k must be set");
      checkArgument(dimension >= 1, "dimension must be set");
      int size =
          summarySize == 0
              ? Math.min(MAX_SUMMARY_SIZE, DEFAULT_FEATURES_PER_CLUSTER * k)
              : summarySize;
      checkArgument(size >= k, "summarySize must be at least k = %s: %s", k, size);
      checkArgument(
          (long) k * dimension <= MAX_CENTER_COORDINATES,
          "k × dimension must be at most %s: %s × %s",
          MAX_CENTER_COORDINATES,
          k,
          dimension);
      return new StreamingKMeans(k, dimension, size, seed, decayMode, decayParameter);
    }
  }

  // ---------------------------------------------------------------- updates

  /**
   * Adds one point. With {@link DecayUnit#POINTS} everything seen before is first decayed by a;
   * with {@link DecayUnit#BATCHES} the point joins the current batch (no decay step).
   *
   * @throws IllegalArgumentException if the point has the wrong dimension or a non-finite
   *     coordinate; the sketch is then unchanged
   * @throws IllegalStateException with forward decay, which needs {@link #update(double[], double)}
   */
  public StreamingKMeans update(double[] point) {
    checkPoint(point, -1);
    checkState(
        decayMode != DecayMode.FORWARD,
        "forward decay needs an event time: use update(point, eventTime)");
    if (decayMode == DecayMode.POINTS) {
      decayBy(decayParameter);
    }
    add(point, 1);
    return this;
  }

  /**
   * Adds one mini-batch and applies one decay step first, as MLlib's {@code
   * StreamingKMeansModel.update}: weights seen before are multiplied by a (batches) or a^m (points,
   * m = batch size). An empty batch only decays. The whole batch is checked before any change.
   */
  public StreamingKMeans update(double[][] batch) {
    checkArgument(batch != null, "batch must not be null");
    for (int row = 0; row < batch.length; row++) {
      checkPoint(batch[row], row);
    }
    checkState(
        decayMode != DecayMode.FORWARD,
        "forward decay needs event times: use update(point, eventTime)");
    if (decayMode == DecayMode.BATCHES) {
      decayBy(decayParameter);
    } else if (decayMode == DecayMode.POINTS) {
      decayBy(Math.pow(decayParameter, batch.length));
    }
    features.ensureCapacity(Math.min(features.size + batch.length, capacity()));
    for (double[] point : batch) {
      add(point, 1);
    }
    model = null;
    return this;
  }

  /**
   * Adds one point of event time {@code eventTime} under forward decay: its weight is {@code
   * exp(−λ(t_latest − eventTime))} relative to the latest time seen; out-of-order times are fine.
   */
  public StreamingKMeans update(double[] point, double eventTime) {
    checkPoint(point, -1);
    checkArgument(Double.isFinite(eventTime), "eventTime must be finite: %s", eventTime);
    checkState(
        decayMode == DecayMode.FORWARD, "event times need forwardDecay(halfLife) in the builder");
    double weight = 1;
    if (latestEventTime == Double.NEGATIVE_INFINITY) {
      latestEventTime = eventTime;
    } else if (eventTime > latestEventTime) {
      decayBy(Math.exp(-decayParameter * (eventTime - latestEventTime)));
      latestEventTime = eventTime;
    } else {
      weight = Math.exp(-decayParameter * (latestEventTime - eventTime));
    }
    add(point, weight);
    return this;
  }

  private void add(double[] point, double weight) {
    features.addPoint(point, weight / weightScale);
    model = null;
    if (features.size >= capacity()) {
      reduce();
    }
  }

  private int capacity() {
    return summarySize * (1 + BUFFER_FACTOR);
  }

  private void reduce() {
    if (reducer == null) {
      reducer = new SummaryReducer(dimension);
    }
    reducer.reduce(features, summarySize);
  }

  /** Multiplies every weight seen so far by {@code factor} in O(1), renormalizing rarely. */
  private void decayBy(double factor) {
    model = null;
    if (factor == 1) {
      return;
    }
    if (!(factor > 0)) {
      features.clear();
      weightScale = 1;
      return;
    }
    weightScale *= factor;
    if (weightScale < RENORMALIZE_BELOW) {
      features.scale(weightScale);
      weightScale = 1;
    }
  }

  // ---------------------------------------------------------------- merge

  /**
   * Folds {@code other}'s summary into this one: the union of both streams' weighted points. Under
   * forward decay both are first brought to the later of their latest event times.
   *
   * @throws IncompatibleSketchException if k, dimension, summary size, seed or decay differ
   */
  @Override
  public StreamingKMeans merge(StreamingKMeans other) {
    checkArgument(other != null, "the sketch to merge must not be null");
    IncompatibleSketchException.checkEqual("k", k, other.k);
    IncompatibleSketchException.checkEqual("dimension", dimension, other.dimension);
    IncompatibleSketchException.checkEqual("summarySize", summarySize, other.summarySize);
    IncompatibleSketchException.checkEqual("seed", seed, other.seed);
    if (decayMode != other.decayMode || decayParameter != other.decayParameter) {
      throw new IncompatibleSketchException(
          "cannot merge sketches with different decay: "
              + decayDescription()
              + " and "
              + other.decayDescription());
    }
    int count = other.features.size;
    double factor = other.weightScale;
    if (decayMode == DecayMode.FORWARD && other.latestEventTime != Double.NEGATIVE_INFINITY) {
      if (latestEventTime == Double.NEGATIVE_INFINITY) {
        latestEventTime = other.latestEventTime;
      } else if (other.latestEventTime > latestEventTime) {
        decayBy(Math.exp(-decayParameter * (other.latestEventTime - latestEventTime)));
        latestEventTime = other.latestEventTime;
      } else {
        factor *= Math.exp(-decayParameter * (latestEventTime - other.latestEventTime));
      }
    }
    factor /= weightScale;
    features.ensureCapacity(features.size + count);
    for (int i = 0; i < count; i++) {
      features.addFeature(other.features, i, factor);
    }
    model = null;
    if (features.size >= capacity()) {
      reduce();
    }
    return this;
  }

  @Override
  public StreamingKMeans copy() {
    StreamingKMeans copy =
        new StreamingKMeans(k, dimension, summarySize, seed, decayMode, decayParameter);
    copy.features.ensureCapacity(features.size);
    for (int i = 0; i < features.size; i++) {
      copy.features.addFeature(features, i, 1);
    }
    // The copy continues exactly like the original: same features, same previous split tree.
    copy.features.reducedPrefix = features.reducedPrefix;
    if (reducer != null) {
      copy.reducer = reducer.copyFor(copy.features);
    }
    copy.weightScale = weightScale;
    copy.latestEventTime = latestEventTime;
    copy.model = model;
    return copy;
  }

  // ---------------------------------------------------------------- queries

  /**
   * The k centers: seeded greedy k-means++ ({@value #RESTARTS} restarts) plus Lloyd on the summary,
   * the cheapest kept; cached until the next update or merge. If the stream has fewer than k
   * distinct points, some centers coincide.
   *
   * @throws IllegalStateException if the sketch holds no weight
   */
  public double[][] centers() {
    double[] flat = model().centers();
    double[][] centers = new double[k][];
    for (int c = 0; c < k; c++) {
      centers[c] = java.util.Arrays.copyOfRange(flat, c * dimension, (c + 1) * dimension);
    }
    return centers;
  }

  /** The decayed weight of the summary assigned to each center (sums to {@link #totalWeight()}). */
  public double[] weights() {
    double[] weights = model().weights().clone();
    for (int c = 0; c < k; c++) {
      weights[c] *= weightScale;
    }
    return weights;
  }

  /** The index in {@link #centers()} of the center nearest to {@code point}. */
  public int predict(double[] point) {
    checkPoint(point, -1);
    double[] centers = model().centers();
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      double distance =
          ClusterFeatures.squaredDistance(point, 0, centers, c * dimension, dimension);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = c;
      }
    }
    return best;
  }

  /**
   * The k-means cost Σ min_c ‖x − c‖² of {@code points} (each of weight 1) for {@link #centers()}.
   */
  public double cost(double[][] points) {
    checkArgument(points != null, "points must not be null");
    for (int row = 0; row < points.length; row++) {
      checkPoint(points[row], row);
    }
    double[] centers = model().centers();
    double total = 0;
    for (double[] point : points) {
      double best = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        best =
            Math.min(
                best, ClusterFeatures.squaredDistance(point, 0, centers, c * dimension, dimension));
      }
      total += best;
    }
    return total;
  }

  /** The decayed total weight of the stream (the number of points without decay). */
  public double totalWeight() {
    return features.totalWeight() * weightScale;
  }

  /**
   * The k-means cost of {@link #centers()} on the summary, Σ ssd + Σ w‖μ − C‖² (decayed weights):
   * the estimate of the cost on the stream itself.
   */
  public double summaryCost() {
    return model().cost() * weightScale;
  }

  public int k() {
    return k;
  }

  public int dimension() {
    return dimension;
  }

  public int summarySize() {
    return summarySize;
  }

  /** Features held right now: below {@link #featureCapacity()}. */
  public int featureCount() {
    return features.size;
  }

  /** Features held at most: the summary plus its buffer, 6 · summarySize; reaching it reduces. */
  public int featureCapacity() {
    return capacity();
  }

  private WeightedKMeans.Result model() {
    if (model == null) {
      checkState(features.totalWeight() > 0, "no points seen (or all decayed away): no centers");
      ClusterFeatures summary = features.copy();
      if (summary.size > summarySize) {
        new SummaryReducer(dimension).reduce(summary, summarySize);
      }
      model = WeightedKMeans.fit(summary, k, seed, RESTARTS);
    }
    return model;
  }

  // ---------------------------------------------------------------- bytes

  @Override
  public byte[] toByteArray() {
    return KMeansFormat.write(this);
  }

  /**
   * Reads a sketch written by {@link #toByteArray()}.
   *
   * @throws io.sketches.SketchFormatException if the bytes are not a valid streaming k-means sketch
   */
  public static StreamingKMeans fromByteArray(byte[] bytes) {
    return KMeansFormat.read(bytes);
  }

  String decayDescription() {
    return decayMode.describe(decayParameter);
  }

  /** Actual weight = stored weight × this: the lazy decay scale, for {@link KMeansFormat}. */
  double weightScale() {
    return weightScale;
  }

  /** Forward decay: the latest event time seen; −∞ before the first. */
  double latestEventTime() {
    return latestEventTime;
  }

  /** Sets the latest event time of a sketch being read, for {@link KMeansFormat}. */
  void restoreLatestEventTime(double latest) {
    latestEventTime = latest;
  }

  @Override
  public String toString() {
    return "StreamingKMeans[k="
        + k
        + ", dimension="
        + dimension
        + ", summarySize="
        + summarySize
        + ", features="
        + features.size
        + ", totalWeight="
        + totalWeight()
        + ", "
        + decayDescription()
        + "]";
  }

  // ---------------------------------------------------------------- checks

  private void checkPoint(double[] point, int row) {
    String where = row < 0 ? "point" : "point " + row + " of the batch";
    checkArgument(point != null, "%s is null", where);
    checkArgument(
        point.length == dimension, "%s must have dimension %s: %s", where, dimension, point.length);
    for (int a = 0; a < dimension; a++) {
      if (!Double.isFinite(point[a])) {
        throw new IllegalArgumentException(
            where + " must have finite coordinates: coordinate " + a + " is " + point[a]);
      }
    }
  }
}
