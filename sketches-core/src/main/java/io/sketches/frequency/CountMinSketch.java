package io.sketches.frequency;

import static com.google.common.base.Preconditions.checkArgument;

import io.sketches.IncompatibleSketchException;
import io.sketches.Sketch;
import io.sketches.hash.ItemHash;
import io.sketches.internal.Mix64;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Count-Min sketch of Cormode and Muthukrishnan ("An improved data stream summary: the
 * count-min sketch and its applications", J. Algorithms 55, 2005): {@code depth} rows of {@code
 * width} long counters; an update adds its count to one counter per row, a point query reads them
 * back.
 *
 * <h2>Guarantees (CM05, Theorem 1 and Theorem 5)</h2>
 *
 * One row's overcount averages at most ‖a‖₁ / width, so by Markov it passes ε‖a‖₁ with probability
 * at most 1 / (ε·width), and the rows are independent: a shape of d rows keeps (ε, δ) when
 * (ε·width)^−d ≤ δ, i.e. width ≥ δ^(−1/d)/ε (CM05's proof of Theorem 1 with a free ratio per row;
 * their {@code ⌈e/ε⌉ × ⌈ln(1/δ)⌉} is the continuous optimum of the counter total). {@link
 * #withError} takes the fewest rows whose counter total d·⌈δ^(−1/d)/ε⌉ is within {@value
 * #SHAPE_SLACK} × the smallest total over d (for ε = 0.001, δ = 0.01: 3 × 4642 = 13,926 counters,
 * against 5 × 2719 = 13,595 for CM05's shape): fewer rows are fewer cache misses per update and
 * query for the same guarantee. {@link #create} takes any shape, CM05's included. For the sketch's
 * (ε, δ), {@link #epsilon()} and {@link #delta()}:
 *
 * <ul>
 *   <li><b>Cash register</b> (no negative update ever seen): the estimate is the minimum over rows,
 *       {@code â_i ≥ a_i} always, and {@code â_i ≤ a_i + ε‖a‖₁} with probability at least {@code 1
 *       − δ}. So {@link #upperBound} is {@code â_i} and {@link #lowerBound} is {@code max(0, â_i −
 *       ε‖a‖₁)}.
 *   <li><b>Turnstile</b> (once a negative count has been seen; {@link #isTurnstile()}): the
 *       estimate is the median over rows (count-median), and {@code |â_i − a_i| ≤ 3ε‖a‖₁} unless at
 *       least half the rows err by more (CM05 Theorem 5's argument): one row does with probability
 *       at most p = 1 / (3ε·width) ≤ δ^(1/d) / 3 by Markov, so the bound fails with probability at
 *       most P(Binomial(d, p) ≥ ⌈d/2⌉), 0.015 for {@code withError(0.001, 0.01)} (3 rows; 0.015 too
 *       for CM05's 5 × 2719). ‖a‖₁ is bounded by the sum of the absolute update counts, {@link
 *       #absoluteWeight()}.
 *   <li><b>Conservative update</b> ({@link #withConservativeUpdate()}, Estan and Varghese 2002):
 *       each update raises only the counters that are below the new estimate. The estimate is still
 *       never below the truth and never above the plain sketch's, so the bound holds and the mean
 *       error is smaller. A merge adds counters, so a merged conservative sketch keeps only the
 *       plain Count-Min guarantee; the merge is not the sketch of the concatenated stream.
 * </ul>
 *
 * <h2>Hashing and layout</h2>
 *
 * Each item is hashed once with {@link ItemHash} (64 bits, x). Row i reduces it with its own
 * multiply-shift function (Dietzfelbinger, Hagerup, Katajainen and Penttonen 1997): {@code column_i
 * = ⌊((x · A_i) >>> 1) · width / 2^63⌋}, where the odd 64-bit multipliers {@code A_i} are drawn
 * from the seed with SplitMix64 and the last step is Lemire's multiply-shift range reduction (no
 * division, any width). One multiply per row keeps the rows independent; deriving the rows linearly
 * from one hash (Kirsch–Mitzenmacher {@code h1 + i·h2}) makes two items that collide in two rows
 * collide in all of them, a failure floor of about 1/w² whatever the depth. Honesty note:
 * multiply-shift alone is only 2-approximately universal (collision ≤ 2/w for worst-case keys); the
 * guarantee above takes the 1/w of CM05 from x being an XXH3 output, which is the standard
 * modelling of a good hash as random. Counters are one row-major {@code long[]}. The array is
 * allocated at the first update or merge: an untouched sketch is a few fields and serializes to its
 * header and parameters, and a sketch read from sparse bytes keeps only its non-zero cells until
 * then (queries binary-search them). The shape is capped by {@link #cellCeiling()}, 2^24 counters
 * (128 MiB) unless raised with the system property {@value #CELL_CEILING_PROPERTY}.
 *
 * <h2>Overflow</h2>
 *
 * Every counter's absolute value is at most the sum of the absolute update counts, which is kept
 * with exact arithmetic: an update or merge that would make it exceed {@code Long.MAX_VALUE} is
 * refused with an {@link ArithmeticException} and leaves the sketch unchanged. Counters never wrap.
 *
 * <p>Not thread-safe. The byte layout is in {@code docs/count-min.md}.
 *
 * <p><b>Size.</b> Above the few screens a class should fit, on purpose: most of it is the public
 * surface, each query (estimate, upper and lower bound) for each item type (long, string, bytes,
 * hash) over the three update modes, plus the unrolled row kernel; the bytes are in {@link
 * CountMinFormat}.
 */
public final class CountMinSketch implements Sketch<CountMinSketch> {
  /**
   * How far above the smallest counter total over row counts {@link #withError} lets the total go
   * to take fewer rows.
   */
  public static final double SHAPE_SLACK = 1.12;

  /** Refused above this: 64 rows mean δ = e^-64; deeper sketches only cost time. */
  public static final int MAX_DEPTH = 64;

  /**
   * The hard limit on depth × width, so that the counters fit one Java array (2 GiB of longs). The
   * ceiling in force is {@link #cellCeiling()}, lower by default.
   */
  public static final int MAX_CELLS = 1 << 28;

  /**
   * The default ceiling on depth × width: 2^24 counters, 128 MiB once updated. It covers every δ
   * down to e^-64 for ε ≥ 10^-5, and ε = 10^-6 down to δ = e^-6 (6 × 2,718,282 counters). Bytes
   * announcing a larger shape are refused, so one forged row cannot make a reader allocate more
   * than this at its first update.
   */
  public static final int DEFAULT_CELL_CEILING = 1 << 24;

  /**
   * The system property that sets the ceiling on depth × width, for {@link #create}, {@link
   * #withError} and {@link #fromByteArray} alike: an integer up to {@link #MAX_CELLS} (larger
   * values count as {@link #MAX_CELLS}), e.g. {@code -Dio.sketches.countmin.maxCells=268435456}.
   */
  public static final String CELL_CEILING_PROPERTY = "io.sketches.countmin.maxCells";

  final int depth;
  final int width;
  final long seed;

  /**
   * The (ε, δ) asked of {@link #withError}, kept and serialized, or NaN for a shape given by {@link
   * #create}, whose pair is CM05's (e / width, e^−depth).
   */
  private double epsilon = Double.NaN;

  private double delta = Double.NaN;

  /** Chosen before the first update ({@link #withConservativeUpdate}), fixed from then on. */
  private boolean conservative;

  /** Odd multiply-shift multiplier of each row, drawn from the seed. */
  private final long[] rowMultipliers;

  /** depth × width counters, row-major; null until the first non-zero update or merge. */
  private long[] counters;

  /**
   * The non-zero counters of a sketch read from sparse bytes, while {@code counters} is null: the
   * dense table is only allocated when an update or a merge needs it.
   */
  private SparseCells sparseCounters;

  /** Σ |count| over all updates: bounds ‖a‖₁ and every |counter|; ‖a‖₁ in cash register. */
  private long absoluteWeight;

  /** Σ |count| over negative updates only, so the hot path keeps one weight. */
  private long negativeWeight;

  /** Whether a negative count was ever applied (or merged in). */
  private boolean turnstile;

  CountMinSketch(int depth, int width, long seed, boolean conservative) {
    this.depth = depth;
    this.width = width;
    this.seed = seed;
    this.conservative = conservative;
    this.rowMultipliers = rowMultipliers(seed, depth);
  }

  /**
   * A sketch whose estimates exceed the truth by more than {@code epsilon · ‖a‖₁} with probability
   * at most {@code delta}: the fewest rows d whose counter total d·⌈δ^(−1/d)/ε⌉ is within {@value
   * #SHAPE_SLACK} × the smallest over d, each of width ⌈δ^(−1/d)/ε⌉ (see the class comment); it
   * keeps ε and δ, which {@link #epsilon()}, {@link #delta()} and the bounds then use.
   *
   * @param epsilon relative error, in (0, 1)
   * @param delta failure probability, in (0, 1)
   * @param seed chooses the row hash functions; sketches merge only with equal seeds
   */
  public static CountMinSketch withError(double epsilon, double delta, long seed) {
    checkArgument(epsilon > 0 && epsilon < 1, "epsilon must be in (0, 1): %s", epsilon);
    checkArgument(delta > 0 && delta < 1, "delta must be in (0, 1): %s", delta);
    int depth = depthFor(epsilon, delta);
    double width = widthFor(epsilon, delta, depth);
    int ceiling = cellCeiling();
    checkArgument(
        width * depth <= ceiling,
        "epsilon %s and delta %s need %s counters, more than the ceiling %s (system property %s)",
        epsilon,
        delta,
        width * depth,
        ceiling,
        CELL_CEILING_PROPERTY);
    CountMinSketch sketch = create(depth, (int) width, seed);
    sketch.epsilon = epsilon;
    sketch.delta = delta;
    return sketch;
  }

  /** The narrowest width of {@code depth} rows that keeps (ε, δ): ⌈δ^(−1/d)/ε⌉. */
  static double widthFor(double epsilon, double delta, int depth) {
    return Math.ceil(Math.pow(delta, -1.0 / depth) / epsilon);
  }

  /** The fewest rows whose counter total is within {@link #SHAPE_SLACK} of the smallest. */
  static int depthFor(double epsilon, double delta) {
    double[] totals = new double[MAX_DEPTH + 1];
    double smallest = Double.POSITIVE_INFINITY;
    for (int depth = 1; depth <= MAX_DEPTH; depth++) {
      totals[depth] = depth * widthFor(epsilon, delta, depth);
      smallest = Math.min(smallest, totals[depth]);
    }
    for (int depth = 1; ; depth++) {
      if (totals[depth] <= SHAPE_SLACK * smallest) {
        return depth;
      }
    }
  }

  /**
   * A sketch of {@code depth} rows and {@code width} columns: ε = e / width, δ = e^-depth.
   *
   * @throws IllegalArgumentException unless depth is in [1, 64], width ≥ 1 and depth · width ≤
   *     {@link #cellCeiling()} (2^24 unless raised)
   */
  public static CountMinSketch create(int depth, int width, long seed) {
    checkShape(depth, width);
    return new CountMinSketch(depth, width, seed, false);
  }

  static void checkShape(int depth, int width) {
    checkArgument(
        depth >= 1 && depth <= MAX_DEPTH, "depth must be in [1, %s]: %s", MAX_DEPTH, depth);
    checkArgument(width >= 1, "width must be positive: %s", width);
    int ceiling = cellCeiling();
    checkArgument(
        (long) depth * width <= ceiling,
        "depth × width must be at most the ceiling %s (system property %s): %s × %s",
        ceiling,
        CELL_CEILING_PROPERTY,
        depth,
        width);
  }

  /**
   * The largest depth × width accepted by {@link #create}, {@link #withError} and {@link
   * #fromByteArray}: the system property {@value #CELL_CEILING_PROPERTY} if set (capped at {@link
   * #MAX_CELLS}), else {@link #DEFAULT_CELL_CEILING}. Read at each call, so it can be set at any
   * time before the sketches are made or read.
   */
  public static int cellCeiling() {
    Integer value = Integer.getInteger(CELL_CEILING_PROPERTY);
    return value == null ? DEFAULT_CELL_CEILING : Math.max(1, Math.min(value, MAX_CELLS));
  }

  /**
   * Switches this sketch to conservative update (Estan–Varghese) and returns it, like every other
   * mutator: smaller overestimates, cash-register only (negative counts are then refused), and a
   * merge keeps only the plain Count-Min guarantee. Only an empty sketch switches (counters raised
   * by plain updates would not be conservative ones); calling it again on an empty conservative
   * sketch changes nothing: {@code CountMinSketch.withError(ε, δ, seed).withConservativeUpdate()}.
   *
   * @throws IllegalStateException if the sketch has already seen an update or a merge
   */
  public CountMinSketch withConservativeUpdate() {
    if (absoluteWeight != 0) {
      throw new IllegalStateException(
          "conservative update must be chosen before the first update: "
              + "this sketch has absolute weight "
              + absoluteWeight);
    }
    conservative = true;
    return this;
  }

  // ---------------------------------------------------------------- updates

  /** Adds {@code count} (may be negative: the sketch becomes turnstile) to a long item. */
  public CountMinSketch update(long item, long count) {
    return updateHash(ItemHash.hash(item), count);
  }

  /** Adds {@code count} to a string item, hashed by its UTF-8 bytes ({@link #hashOf}). */
  public CountMinSketch update(CharSequence item, long count) {
    checkArgument(item != null, "item must not be null");
    return updateHash(hashOf(item), count);
  }

  /**
   * {@link ItemHash#hash(CharSequence)}, faster for a {@code String}: the JDK's intrinsic {@code
   * getBytes(UTF_8)} (a copy for Latin-1 strings) and the byte hash beat encoding char by char,
   * even counting the short-lived array. Both encode exactly as {@code getBytes(UTF_8)}, so the
   * hash is the same.
   */
  static long hashOf(CharSequence item) {
    return item instanceof String string
        ? ItemHash.hash(string.getBytes(StandardCharsets.UTF_8))
        : ItemHash.hash(item);
  }

  /** Adds {@code count} to a byte-array item, hashed by content. */
  public CountMinSketch update(byte[] item, long count) {
    checkArgument(item != null, "item must not be null");
    return updateHash(ItemHash.hash(item), count);
  }

  /**
   * Adds {@code count} to the item whose {@link ItemHash} is {@code hash}: for callers that hash
   * items themselves (the Spark module hashes {@code UTF8String} bytes with {@link
   * ItemHash#hashUnsafe}). The hash must be the {@link ItemHash} of the item for estimates to be
   * comparable with {@link #estimate(long)} and friends.
   *
   * @throws IllegalArgumentException if count is negative on a conservative sketch, or is {@code
   *     Long.MIN_VALUE}
   * @throws ArithmeticException if the total absolute weight would overflow a long
   */
  public CountMinSketch updateHash(long hash, long count) {
    long[] cells = counters;
    if (count <= 0 || cells == null || conservative) {
      return updateHashSlowly(hash, count);
    }
    long newAbsoluteWeight = absoluteWeight + count;
    if (newAbsoluteWeight < 0) {
      throw overflow(count);
    }
    addToRows(cells, hash, count);
    absoluteWeight = newAbsoluteWeight;
    return this;
  }

  /**
   * Adds count to the item's cell in every row. Unrolled for depths up to 8 (δ down to e^-8): with
   * the rows' cells computed from constant offsets the JIT issues the d read-modify-writes back to
   * back, about twice as fast as the loop, which remains for deeper sketches.
   */
  private void addToRows(long[] cells, long hash, long count) {
    long[] m = rowMultipliers;
    int w = width;
    long w2 = 2L * w;
    switch (m.length) {
      case 8:
        cells[7 * w + (int) Math.multiplyHigh((hash * m[7]) >>> 1, w2)] += count; // fall through
      case 7:
        cells[6 * w + (int) Math.multiplyHigh((hash * m[6]) >>> 1, w2)] += count; // fall through
      case 6:
        cells[5 * w + (int) Math.multiplyHigh((hash * m[5]) >>> 1, w2)] += count; // fall through
      case 5:
        cells[4 * w + (int) Math.multiplyHigh((hash * m[4]) >>> 1, w2)] += count; // fall through
      case 4:
        cells[3 * w + (int) Math.multiplyHigh((hash * m[3]) >>> 1, w2)] += count; // fall through
      case 3:
        cells[2 * w + (int) Math.multiplyHigh((hash * m[2]) >>> 1, w2)] += count; // fall through
      case 2:
        cells[w + (int) Math.multiplyHigh((hash * m[1]) >>> 1, w2)] += count; // fall through
      case 1:
        cells[(int) Math.multiplyHigh((hash * m[0]) >>> 1, w2)] += count;
        break;
      default:
        for (int row = 0; row < m.length; row++) {
          cells[cell(row, hash)] += count;
        }
    }
  }

  /** The first update, negative counts, zero counts and conservative update. */
  private CountMinSketch updateHashSlowly(long hash, long count) {
    if (count <= 0) {
      if (count == 0) {
        return this;
      }
      checkArgument(!conservative, "a conservative sketch takes no negative counts: %s", count);
      checkArgument(count != Long.MIN_VALUE, "count must be above Long.MIN_VALUE: %s", count);
    }
    long magnitude = Math.abs(count);
    long newAbsoluteWeight = absoluteWeight + magnitude;
    if (newAbsoluteWeight < 0) {
      throw overflow(magnitude);
    }
    long[] cells = denseCounters();
    if (conservative) {
      conservativeAdd(cells, hash, count);
    } else {
      addToRows(cells, hash, count);
    }
    absoluteWeight = newAbsoluteWeight;
    if (count < 0) {
      negativeWeight += magnitude;
      turnstile = true;
    }
    return this;
  }

  /** Estan–Varghese: raise each of the item's counters to at least min + count, no further. */
  private void conservativeAdd(long[] cells, long hash, long count) {
    long min = Long.MAX_VALUE;
    for (int row = 0; row < depth; row++) {
      min = Math.min(min, cells[cell(row, hash)]);
    }
    long raised = min + count;
    for (int row = 0; row < depth; row++) {
      int cell = cell(row, hash);
      cells[cell] = Math.max(cells[cell], raised);
    }
  }

  /**
   * Row {@code row}'s cell of the item: multiply-shift keeps the top 63 bits u of {@code hash ·
   * A_row}, and Lemire's range reduction maps them to {@code ⌊u · width / 2^63⌋}, computed as the
   * high half of {@code u · 2·width} (one intrinsic multiply, no division).
   */
  private int cell(int row, long hash) {
    return row * width + (int) Math.multiplyHigh((hash * rowMultipliers[row]) >>> 1, 2L * width);
  }

  /** SplitMix64 (Steele, Lea and Flood 2014) from the seed: d odd multipliers. */
  private static long[] rowMultipliers(long seed, int depth) {
    long[] multipliers = new long[depth];
    long state = seed;
    for (int row = 0; row < depth; row++) {
      state += Mix64.GOLDEN_GAMMA;
      multipliers[row] = Mix64.mix(state) | 1;
    }
    return multipliers;
  }

  /**
   * The dense counters, allocated at the first update or merge that needs them: zeros, or the
   * sparse counters read from bytes.
   */
  private long[] denseCounters() {
    if (counters == null) {
      long[] cells = new long[depth * width];
      if (sparseCounters != null) {
        sparseCounters.addTo(cells);
        sparseCounters = null;
      }
      counters = cells;
    }
    return counters;
  }

  /** One counter, from whichever form the sketch holds. */
  private long counterAt(int cell) {
    if (counters != null) {
      return counters[cell];
    }
    return sparseCounters == null ? 0 : sparseCounters.valueAt(cell);
  }

  private ArithmeticException overflow(long adding) {
    return new ArithmeticException(
        "Count-Min weight would overflow a long: "
            + absoluteWeight
            + " + "
            + adding
            + "; counters are never wrapped");
  }

  // ---------------------------------------------------------------- queries

  /** The estimated total count of a long item: min over rows, or median once turnstile. */
  public long estimate(long item) {
    return estimateHash(ItemHash.hash(item));
  }

  public long estimate(CharSequence item) {
    checkArgument(item != null, "item must not be null");
    return estimateHash(hashOf(item));
  }

  public long estimate(byte[] item) {
    checkArgument(item != null, "item must not be null");
    return estimateHash(ItemHash.hash(item));
  }

  /** The estimate for the item whose {@link ItemHash} is {@code hash}. */
  public long estimateHash(long hash) {
    if (counters == null) {
      return sparseCounters == null ? 0 : sparseEstimate(hash);
    }
    if (!turnstile) {
      long min = Long.MAX_VALUE;
      for (int row = 0; row < depth; row++) {
        min = Math.min(min, counters[cell(row, hash)]);
      }
      return min;
    }
    long[] rowValues = new long[depth];
    for (int row = 0; row < depth; row++) {
      rowValues[row] = counters[cell(row, hash)];
    }
    return median(rowValues);
  }

  /** {@link #estimateHash} of a sketch read from sparse bytes and not updated since. */
  private long sparseEstimate(long hash) {
    long[] rowValues = new long[depth];
    for (int row = 0; row < depth; row++) {
      rowValues[row] = sparseCounters.valueAt(cell(row, hash));
    }
    return turnstile ? median(rowValues) : Arrays.stream(rowValues).min().getAsLong();
  }

  /** Median of the values; for an even count the mean of the two middle ones, rounded down. */
  static long median(long[] values) {
    Arrays.sort(values);
    int n = values.length;
    if ((n & 1) == 1) {
      return values[n / 2];
    }
    long a = values[n / 2 - 1];
    long b = values[n / 2];
    return (a >> 1) + (b >> 1) + (a & b & 1); // floor((a + b) / 2) without overflow
  }

  /**
   * The largest true count consistent with the sketch: the estimate itself in cash-register mode
   * (it never underestimates), {@code estimate + 3ε‖a‖₁} in turnstile mode (probability ≥ 1 −
   * δ^(1/4)).
   */
  public long upperBound(long item) {
    return upperBoundOf(estimate(item));
  }

  public long upperBound(CharSequence item) {
    return upperBoundOf(estimate(item));
  }

  public long upperBound(byte[] item) {
    return upperBoundOf(estimate(item));
  }

  /**
   * The smallest true count consistent with the sketch, with probability ≥ 1 − δ: {@code max(0,
   * estimate − ε‖a‖₁)} in cash-register mode, {@code estimate − 3ε‖a‖₁} in turnstile mode
   * (probability ≥ 1 − δ^(1/4)).
   */
  public long lowerBound(long item) {
    return lowerBoundOf(estimate(item));
  }

  public long lowerBound(CharSequence item) {
    return lowerBoundOf(estimate(item));
  }

  public long lowerBound(byte[] item) {
    return lowerBoundOf(estimate(item));
  }

  private long upperBoundOf(long estimate) {
    return turnstile ? saturatedAdd(estimate, errorBound()) : estimate;
  }

  private long lowerBoundOf(long estimate) {
    return turnstile ? saturatedAdd(estimate, -errorBound()) : Math.max(0, estimate - errorBound());
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
  }

  /**
   * The additive error bound of a point estimate: {@code ε·‖a‖₁} (cash register), {@code
   * 3ε·Σ|count|} (turnstile), rounded up.
   */
  public long errorBound() {
    double bound = (turnstile ? 3 : 1) * epsilon() * absoluteWeight;
    return bound >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.ceil(bound);
  }

  /**
   * Estimated inner product Σ a_i·b_i of the two streams (the size of their equi-join), CM05
   * Theorem 2: the minimum over rows of the row dot products. In cash-register mode it is never
   * below the truth and exceeds it by more than {@code ε·‖a‖₁·‖b‖₁} ({@link #innerProductError})
   * with probability at most δ. Once either sketch is turnstile, the median over rows is returned
   * and no bound is promised.
   *
   * @throws IncompatibleSketchException unless depth, width and seed are equal
   * @throws ArithmeticException if a row dot product overflows a long
   */
  public long innerProduct(CountMinSketch other) {
    checkArgument(other != null, "the other sketch must not be null");
    checkCompatible(other);
    if (isEmpty() || other.isEmpty()) {
      return 0;
    }
    long[] rowProducts = new long[depth];
    if (counters != null && other.counters != null) {
      for (int row = 0; row < depth; row++) {
        long dot = 0;
        for (int cell = row * width, end = cell + width; cell < end; cell++) {
          dot = Math.addExact(dot, Math.multiplyExact(counters[cell], other.counters[cell]));
        }
        rowProducts[row] = dot;
      }
    } else { // one side is sparse: only its non-zero cells contribute
      SparseCells sparse = counters == null ? sparseCounters : other.sparseCounters;
      CountMinSketch partner = counters == null ? other : this;
      for (int i = 0; i < sparse.size(); i++) {
        int cell = sparse.position(i);
        long product = Math.multiplyExact(sparse.value(i), partner.counterAt(cell));
        rowProducts[cell / width] = Math.addExact(rowProducts[cell / width], product);
      }
    }
    if (turnstile || other.turnstile) {
      return median(rowProducts);
    }
    return Arrays.stream(rowProducts).min().getAsLong();
  }

  /** {@code ε·‖a‖₁·‖b‖₁}: the additive error bound of {@link #innerProduct}, as a double. */
  public double innerProductError(CountMinSketch other) {
    checkArgument(other != null, "the other sketch must not be null");
    return epsilon() * (double) absoluteWeight * (double) other.absoluteWeight;
  }

  /** Σ count over all updates (net weight; ‖a‖₁ for a cash-register stream). */
  public long totalWeight() {
    return absoluteWeight - 2 * negativeWeight;
  }

  /** Σ |count| over all updates: an upper bound on ‖a‖₁ used by the bounds. */
  public long absoluteWeight() {
    return absoluteWeight;
  }

  /** Whether a negative count was ever applied or merged in (estimates are then count-median). */
  public boolean isTurnstile() {
    return turnstile;
  }

  public boolean isConservative() {
    return conservative;
  }

  public boolean isEmpty() {
    return counters == null && sparseCounters == null;
  }

  public int depth() {
    return depth;
  }

  public int width() {
    return width;
  }

  public long seed() {
    return seed;
  }

  /**
   * The relative error ε of the guarantee: the one asked of {@link #withError}, or e / width for a
   * shape given by {@link #create} (CM05's pair).
   */
  public double epsilon() {
    return hasErrorTarget() ? epsilon : Math.E / width;
  }

  /**
   * The failure probability δ of the guarantee (cash register): the one asked of {@link
   * #withError}, or e^−depth for a shape given by {@link #create}.
   */
  public double delta() {
    return hasErrorTarget() ? delta : Math.exp(-depth);
  }

  /** Whether (ε, δ) were asked of {@link #withError} (and are serialized) rather than derived. */
  boolean hasErrorTarget() {
    return !Double.isNaN(epsilon);
  }

  /**
   * Sets the (ε, δ) read from bytes, validated by the format: this shape keeps them, {@code
   * (ε·width)^−depth ≤ δ}.
   */
  void restoreErrorTarget(double epsilon, double delta) {
    this.epsilon = epsilon;
    this.delta = delta;
  }

  /**
   * The probability that an estimate exceeds the truth by more than {@code epsilon · ‖a‖₁}, for any
   * ε, not only {@link #epsilon()}: one row's overcount averages at most ‖a‖₁ / width, so by Markov
   * it passes ε‖a‖₁ with probability at most 1 / (ε·width), and the rows are independent: {@code
   * min(1, (ε·width)^-depth)} (CM05 Theorem 1 with a free ratio). So one guarantee has many shapes:
   * 3 × 4642 and 5 × 2719 both keep (ε = 0.001, δ = 0.01).
   */
  public double failureProbability(double epsilon) {
    checkArgument(epsilon > 0, "epsilon must be positive: %s", epsilon);
    return Math.min(1, Math.pow(epsilon * width, -depth));
  }

  // ---------------------------------------------------------------- merge, copy, bytes

  /**
   * Adds {@code other}'s counters to this one's: the sketch of the concatenated streams, bit for
   * bit (for plain sketches). Conservative sketches merge only with conservative ones, and the
   * result keeps only the plain Count-Min guarantee.
   *
   * @throws IncompatibleSketchException unless depth, width, seed and conservative mode are equal
   * @throws ArithmeticException if the merged absolute weight would overflow; this is unchanged
   */
  @Override
  public CountMinSketch merge(CountMinSketch other) {
    checkArgument(other != null, "the sketch to merge must not be null");
    checkCompatible(other);
    IncompatibleSketchException.checkEqual(
        "conservative update (1 = on)", conservative ? 1 : 0, other.conservative ? 1 : 0);
    mergeErrorTarget(other);
    if (other.isEmpty()) {
      return this;
    }
    long newAbsoluteWeight = absoluteWeight + other.absoluteWeight;
    if (newAbsoluteWeight < 0) {
      throw overflow(other.absoluteWeight);
    }
    if (isEmpty()) { // take the other's counters in its form; sparse ones are shared, immutable
      counters = other.counters == null ? null : other.counters.clone();
      sparseCounters = other.sparseCounters;
    } else if (other.counters == null) {
      other.sparseCounters.addTo(denseCounters());
    } else {
      long[] mine = denseCounters();
      long[] theirs = other.counters;
      for (int i = 0; i < mine.length; i++) {
        mine[i] += theirs[i];
      }
    }
    absoluteWeight = newAbsoluteWeight;
    negativeWeight += other.negativeWeight;
    turnstile |= other.turnstile;
    return this;
  }

  /**
   * Keeps the larger ε and the larger δ of the two (ε, δ) pairs, in either order of the merge: the
   * shape keeps both pairs, hence also the weaker one made of their larger halves.
   */
  private void mergeErrorTarget(CountMinSketch other) {
    if (other.hasErrorTarget()) {
      epsilon = hasErrorTarget() ? Math.max(epsilon, other.epsilon) : other.epsilon;
      delta = Double.isNaN(delta) ? other.delta : Math.max(delta, other.delta);
    }
  }

  private void checkCompatible(CountMinSketch other) {
    if (depth != other.depth || width != other.width || seed != other.seed) {
      throw new IncompatibleSketchException(
          String.format(
              "cannot combine Count-Min sketches of different shape: depth %d × width %d seed %d and "
                  + "depth %d × width %d seed %d",
              depth, width, seed, other.depth, other.width, other.seed));
    }
  }

  /** The live dense counters, row-major, or null while empty or sparse: for the format. */
  long[] counters() {
    return counters;
  }

  /** The sparse counters read from bytes while not updated since, else null: for the format. */
  SparseCells sparseCounters() {
    return sparseCounters;
  }

  /**
   * Sets the state of a sketch being read, already validated by {@link CountMinFormat}: exactly one
   * of {@code counters} and {@code sparseCounters} is non-null.
   */
  void restore(
      long[] counters,
      SparseCells sparseCounters,
      long absoluteWeight,
      long negativeWeight,
      boolean turnstile) {
    this.counters = counters;
    this.sparseCounters = sparseCounters;
    this.absoluteWeight = absoluteWeight;
    this.negativeWeight = negativeWeight;
    this.turnstile = turnstile;
  }

  @Override
  public CountMinSketch copy() {
    CountMinSketch copy = new CountMinSketch(depth, width, seed, conservative);
    copy.counters = counters == null ? null : counters.clone();
    copy.sparseCounters = sparseCounters;
    copy.negativeWeight = negativeWeight;
    copy.absoluteWeight = absoluteWeight;
    copy.turnstile = turnstile;
    copy.epsilon = epsilon;
    copy.delta = delta;
    return copy;
  }

  /** The bytes of {@code docs/count-min.md}: header and parameters, then sparse or dense cells. */
  @Override
  public byte[] toByteArray() {
    return CountMinFormat.write(this);
  }

  /**
   * Reads bytes written by {@link #toByteArray()}.
   *
   * @throws io.sketches.SketchFormatException if they are not a valid Count-Min sketch
   */
  public static CountMinSketch fromByteArray(byte[] bytes) {
    return CountMinFormat.read(bytes);
  }

  @Override
  public String toString() {
    return String.format(
        "CountMinSketch[depth=%d, width=%d, seed=%d, totalWeight=%d%s%s]",
        depth,
        width,
        seed,
        totalWeight(),
        turnstile ? ", turnstile" : "",
        conservative ? ", conservative" : "");
  }
}
