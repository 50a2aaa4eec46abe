package io.sketches.bench.quantiles;

import io.sketches.bench.Measured;
import io.sketches.bench.Plots;
import io.sketches.bench.Profile;
import io.sketches.bench.Report;
import io.sketches.bench.Study;
import io.sketches.bench.Uncertainty;
import io.sketches.quantiles.QuantileSketch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * "quantiles-accuracy": the worst rank error over every item of ours ({@link QuantileSketch})
 * beside DataSketches' {@code KllDoublesSketch} at equal serialized bytes, over the same streams,
 * with fixed seeds (DataSketches' static coins seeded by reflection, {@link Contender}).
 *
 * <p>Streams: n distinct random doubles ({@link #universe}; n = 10^6 in the full profile, 10^5 in
 * quick) in the four {@link StreamOrder}s, fed to one sketch ("single") or as 8 contiguous eighths
 * to 8 sketches merged into an empty one ("merged"). Rank error is normalized and inclusive: |R̂(v)
 * − (v + 1)/n| at every item v, its maximum over all items found exactly by {@link RankErrors}. Per
 * configuration, 1,000 trials (100 in quick): the 99th percentile and the maximum over trials of
 * each trial's worst error, and the coverage of each library's stated error (ours: {@code
 * normalizedRankError()}, a 99% bound for all ranks at once; DataSketches: {@code
 * getNormalizedRankError(false)}, its single-sided rank error at 99% confidence).
 *
 * <p><b>Equal bytes.</b> DataSketches runs at k = 200 (its and Spark's default). Ours runs at the
 * largest k whose serialized size, averaged over pilot trials of the random order, is at most
 * DataSketches' averaged size on the same streams (a binary search over k, sizes being
 * nondecreasing in k), so that ours never has more bytes than the anchor. Both sizes are reported
 * for every configuration.
 *
 * <p>Also: an error table by k (random order, single stream; 1,000 trials per k in the full
 * profile) for both libraries, for choosing k, with a coverage target for ours' a-priori {@code
 * normalizedRankError(k)} at each k, and {@code quantiles-rank-error.png}, the worst error per rank
 * bucket (mean and 99th percentile over the trials) for the random order.
 */
public final class QuantilesAccuracyStudy implements Study {
  static final int ANCHOR_K = QuantileSketch.DEFAULT_K;
  static final int PARTS = 8;
  static final int BUCKETS = 50;
  static final double TARGET_RATIO = 0.8;
  static final double COVERAGE_TARGET = QuantileSketch.RANK_ERROR_CONFIDENCE;
  static final int[] KS = {50, 100, 200, 400, 800};
  private static final String CSV = "quantiles-rank-error.csv";
  private static final String PNG = "quantiles-rank-error.png";
  private static final String SKETCH = "Quantiles";

  @Override
  public String name() {
    return "quantiles-accuracy";
  }

  /** One configuration: an order, single stream or merged from {@value #PARTS} parts. */
  record Config(StreamOrder order, boolean merged) {
    String label() {
      return order.label() + (merged ? ", merged from " + PARTS : ", single");
    }
  }

  static List<Config> configs() {
    List<Config> configs = new ArrayList<>();
    for (StreamOrder order : StreamOrder.values()) {
      configs.add(new Config(order, false));
      configs.add(new Config(order, true));
    }
    return configs;
  }

  /** The equal-bytes choice: ours' k and the mean sizes behind it. */
  record Matched(int oursK, double oursBytes, double theirBytes, int pilotTrials) {}

  @Override
  public void run(Profile profile, Report report) throws Exception {
    int n = profile.pick(100_000, 1_000_000);
    int trials = profile.pick(100, 1_000);
    int pilot = profile.pick(5, 20);
    int kTrials = profile.pick(20, 1_000);
    long start = System.nanoTime();
    Matched matched = matchBytes(n, pilot);
    progress(
        String.format(
            "equal bytes: ours k = %d (%.0f B) vs DataSketches k = %d (%.0f B)",
            matched.oursK(), matched.oursBytes(), ANCHOR_K, matched.theirBytes()),
        start);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      // DataSketches' coins are one static Random: all its trials run on one thread, in order.
      Future<List<TrialResults>> ours =
          pool.submit(() -> allConfigs(Contender.OURS, matched.oursK(), n, trials));
      Future<List<TrialResults>> theirs =
          pool.submit(() -> allConfigs(Contender.DATASKETCHES, ANCHOR_K, n, trials));
      List<TrialResults> oursResults = ours.get();
      List<TrialResults> theirResults = theirs.get();
      progress("trials done", start);
      Future<List<TrialResults>> oursByK = pool.submit(() -> byK(Contender.OURS, n, kTrials));
      Future<List<TrialResults>> theirsByK =
          pool.submit(() -> byK(Contender.DATASKETCHES, n, kTrials));
      List<TrialResults> oursK = oursByK.get();
      List<TrialResults> theirsK = theirsByK.get();
      progress("error by k done", start);
      write(report, n, trials, kTrials, matched, oursResults, theirResults, oursK, theirsK);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void progress(String what, long start) {
    System.out.printf(
        "  quantiles-accuracy: %s (%.1f s)%n", what, (System.nanoTime() - start) / 1e9);
  }

  /** The seed of trial t of a configuration: the stream's shuffle and the sketch's coins. */
  static long seed(Config config, int trial) {
    long x = 0x5EED_0000_0000L + 1000L * (2 * config.order().ordinal() + (config.merged() ? 1 : 0));
    return mix(x + trial);
  }

  /** SplitMix64's finalizer (Steele, Lea and Flood 2014): distinct inputs, unrelated outputs. */
  static long mix(long x) {
    x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
    x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
    return x ^ (x >>> 31);
  }

  /** Ours' k at DataSketches' k = 200 bytes: see the class comment. */
  static Matched matchBytes(int n, int pilot) {
    Config random = new Config(StreamOrder.RANDOM, false);
    double theirs = meanBytes(Contender.DATASKETCHES, ANCHOR_K, random, n, pilot);
    int low = QuantileSketch.MIN_K; // largest k known to fit, once checked
    int high = 16 * ANCHOR_K; // taken as the smallest k known not to fit
    double lowBytes = meanBytes(Contender.OURS, low, random, n, pilot);
    if (lowBytes > theirs) {
      return new Matched(low, lowBytes, theirs, pilot);
    }
    while (high - low > 1) {
      int k = (low + high) >>> 1;
      double bytes = meanBytes(Contender.OURS, k, random, n, pilot);
      if (bytes <= theirs) {
        low = k;
        lowBytes = bytes;
      } else {
        high = k;
      }
    }
    return new Matched(low, lowBytes, theirs, pilot);
  }

  private static <S> double meanBytes(
      Contender<S> contender, int k, Config config, int n, int trials) {
    double sum = 0;
    double[] universe = universe(n);
    for (int t = 0; t < trials; t++) {
      long seed = seed(config, t);
      double[] items = stream(universe, config.order().positions(n, seed));
      sum += contender.bytes(contender.build(items, 0, n, k, mix(seed)));
    }
    return sum / trials;
  }

  private static <S> List<TrialResults> allConfigs(
      Contender<S> contender, int k, int n, int trials) {
    List<TrialResults> results = new ArrayList<>();
    for (Config config : configs()) {
      boolean buckets = config.equals(new Config(StreamOrder.RANDOM, false));
      results.add(trials(contender, k, config, n, trials, buckets ? BUCKETS : 0));
    }
    return results;
  }

  private static <S> List<TrialResults> byK(Contender<S> contender, int n, int trials) {
    List<TrialResults> results = new ArrayList<>();
    for (int k : KS) {
      results.add(trials(contender, k, new Config(StreamOrder.RANDOM, false), n, trials, 0));
    }
    return results;
  }

  /**
   * The trials of one configuration. The first trial's worst errors are also computed by asking
   * every item, and must equal the bisection's ({@link RankErrors}).
   */
  static <S> TrialResults trials(
      Contender<S> contender, int k, Config config, int n, int trials, int buckets) {
    TrialResults results = new TrialResults(trials, buckets);
    double[] universe = universe(n);
    for (int t = 0; t < trials; t++) {
      long seed = seed(config, t);
      double[] items = stream(universe, config.order().positions(n, seed));
      S sketch = sketch(contender, k, config, items, mix(seed));
      IntToDoubleFunction rank = v -> contender.rank(sketch, universe[v]);
      double[] perBucket = RankErrors.worstPerBucket(rank, n, Math.max(1, buckets));
      if (t == 0) {
        double[] check = RankErrors.bruteForce(rank, n, perBucket.length);
        if (!Arrays.equals(check, perBucket)) {
          throw new IllegalStateException(
              String.format(
                  "%s %s: bisection found worst errors %s, every item gives %s",
                  contender.name(),
                  config.label(),
                  Arrays.toString(perBucket),
                  Arrays.toString(check)));
        }
      }
      results.worst[t] = RankErrors.max(perBucket);
      results.stated[t] = contender.statedError(sketch);
      results.bytes[t] = contender.bytes(sketch);
      if (buckets > 0) {
        results.perBucket[t] = perBucket;
      }
    }
    return results;
  }

  /**
   * The n distinct items of every stream: uniform doubles in [0, 1) from a fixed seed, sorted. Rank
   * errors depend only on the items' order, not their values; serialized sizes do (ours codes the
   * gaps between sorted keys, so integer-valued or clustered data serialize smaller), hence random
   * doubles, the unfavourable case for ours.
   */
  static double[] universe(int n) {
    for (long seed = 20261208; ; seed++) {
      double[] items = new SplittableRandom(seed).doubles(n).sorted().toArray();
      boolean distinct = true;
      for (int i = 1; i < n && distinct; i++) {
        distinct = items[i] != items[i - 1];
      }
      if (distinct) {
        return items;
      }
    }
  }

  /** The items at these positions of the sorted universe, in this order. */
  static double[] stream(double[] universe, int[] positions) {
    double[] items = new double[positions.length];
    for (int i = 0; i < positions.length; i++) {
      items[i] = universe[positions[i]];
    }
    return items;
  }

  /**
   * One sketch of the stream, or {@value #PARTS} sketches of its eighths merged into an empty one.
   */
  static <S> S sketch(Contender<S> contender, int k, Config config, double[] items, long seed) {
    int n = items.length;
    if (!config.merged()) {
      return contender.build(items, 0, n, k, seed);
    }
    List<S> parts = new ArrayList<>();
    for (int p = 0; p < PARTS; p++) {
      parts.add(
          contender.build(
              items,
              (int) ((long) p * n / PARTS),
              (int) ((long) (p + 1) * n / PARTS),
              k,
              contender.partSeed(seed, p)));
    }
    S merged = contender.create(k, seed);
    for (S part : parts) {
      merged = contender.merge(merged, part);
    }
    return merged;
  }

  private void write(
      Report report,
      int n,
      int trials,
      int kTrials,
      Matched matched,
      List<TrialResults> ours,
      List<TrialResults> theirs,
      List<TrialResults> oursK,
      List<TrialResults> theirsK)
      throws IOException {
    report.heading("Quantiles: rank error beside DataSketches KLL at equal bytes");
    report.markdown(
        String.format(
            "%,d distinct uniform random doubles (one fixed set) in four orders (random: a fresh"
                + " shuffle per trial; sorted; reversed; zoom-in: smallest, largest, second smallest,"
                + " second largest, … toward the middle), fed to one"
                + " sketch (single) or as %d contiguous parts to %d sketches merged into an empty"
                + " one; %,d seeded trials per row (DataSketches' static coins seeded by"
                + " reflection). Error: the worst |estimated − true| inclusive normalized rank over"
                + " every item of a trial (found exactly by bisecting the sketch's step function),"
                + " then its 99th percentile (nearest rank) and maximum over the trials. **Equal"
                + " bytes:** DataSketches `KllDoublesSketch` at k = %d averages %.0f serialized"
                + " bytes on the random order; ours runs at k = %d, the largest k whose average over"
                + " the same %d pilot streams is at most that (%.0f bytes). Coverage: the fraction"
                + " of trials whose worst error is within the library's own stated error (ours"
                + " `normalizedRankError()`, a 99%% bound for all ranks at once; DataSketches"
                + " `getNormalizedRankError(false)`); ε is its mean over the trials. The ratio's"
                + " interval takes the 99th percentiles' order-statistic intervals (T·0.99 ±"
                + " √(T·0.99·0.01)) at their extremes.%n",
            n,
            PARTS,
            PARTS,
            trials,
            ANCHOR_K,
            matched.theirBytes(),
            matched.oursK(),
            matched.pilotTrials(),
            matched.oursBytes()));
    List<Config> configs = configs();
    List<List<String>> rows = new ArrayList<>();
    int covered = 0;
    int total = 0;
    for (int c = 0; c < configs.size(); c++) {
      TrialResults o = ours.get(c);
      TrialResults d = theirs.get(c);
      Measured ratio = p99Ratio(o, d);
      rows.add(
          List.of(
              configs.get(c).label(),
              String.format("%.5f", o.worstQuantile(0.99)),
              String.format("%.5f", d.worstQuantile(0.99)),
              ratio.toString(),
              String.format("%.5f", o.worstQuantile(1)),
              String.format("%.5f", d.worstQuantile(1)),
              String.format("%.3f", o.worstQuantile(1) / d.worstQuantile(1)),
              String.format("%.0f / %.0f", o.meanBytes(), d.meanBytes()),
              String.format("%.3f (ε %.5f)", o.coverage(), o.meanStated()),
              String.format("%.3f (ε %.5f)", d.coverage(), d.meanStated())));
      covered += (int) Math.round(o.coverage() * o.trials());
      total += o.trials();
    }
    report.table(
        List.of(
            "stream",
            "ours p99",
            "DataSketches p99",
            "ours ÷ DataSketches p99",
            "ours max",
            "DataSketches max",
            "max ratio",
            "bytes ours / DataSketches",
            "ours coverage",
            "DataSketches coverage"),
        rows);
    byK(report, n, kTrials, oursK, theirsK);
    writeBuckets(report, ours.get(0), theirs.get(0));
    for (int c = 0; c < configs.size(); c++) {
      report.target(
          SKETCH,
          String.format(
              "quantiles %s, n = %,d: p99 worst rank error, ours (k = %d) ÷ DataSketches KLL"
                  + " (k = %d), equal bytes",
              configs.get(c).label(), n, matched.oursK(), ANCHOR_K),
          p99Ratio(ours.get(c), theirs.get(c)),
          "≤",
          TARGET_RATIO);
    }
    for (int i = 0; i < KS.length; i++) {
      TrialResults o = oursK.get(i);
      report.target(
          SKETCH,
          String.format(
              "quantiles k = %d: coverage of normalizedRankError(k) = %.5f, random order, single"
                  + " stream of %,d (%,d trials)",
              KS[i], Contender.OURS.statedError(KS[i]), n, o.trials()),
          Measured.plusMinus(o.coverage(), 0.5 / Math.sqrt(o.trials()), Uncertainty.STANDARD_ERROR),
          "≥",
          COVERAGE_TARGET);
    }
    double coverage = (double) covered / total;
    report.target(
        SKETCH,
        String.format(
            "quantiles: coverage of normalizedRankError() (worst error over all ranks within it),"
                + " all %d streams pooled (%,d trials)",
            configs.size(), total),
        Measured.plusMinus(coverage, 0.5 / Math.sqrt(total), Uncertainty.STANDARD_ERROR),
        "≥",
        COVERAGE_TARGET);
  }

  /** Ours' p99 over DataSketches', with the extremes of the two order-statistic intervals. */
  static Measured p99Ratio(TrialResults ours, TrialResults theirs) {
    double[] o = ours.worstQuantileInterval(0.99);
    double[] d = theirs.worstQuantileInterval(0.99);
    return new Measured(
        ours.worstQuantile(0.99) / theirs.worstQuantile(0.99),
        o[0] / d[1],
        o[1] / d[0],
        Uncertainty.STANDARD_ERROR);
  }

  /** The error table by k, for choosing k. */
  private static void byK(
      Report report, int n, int trials, List<TrialResults> ours, List<TrialResults> theirs) {
    report.markdown(
        String.format(
            "%nBy k (random order, single stream of %,d, %,d trials per k): the stated error (a"
                + " priori), the 99th percentile and maximum of the measured worst error, its"
                + " coverage, and the mean serialized bytes.%n",
            n, trials));
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < KS.length; i++) {
      int k = KS[i];
      TrialResults o = ours.get(i);
      TrialResults d = theirs.get(i);
      rows.add(
          List.of(
              Integer.toString(k),
              String.format("%.5f", Contender.OURS.statedError(k)),
              String.format("%.5f / %.5f", o.worstQuantile(0.99), o.worstQuantile(1)),
              String.format("%.3f", o.coverage()),
              String.format("%.0f", o.meanBytes()),
              String.format("%.5f", Contender.DATASKETCHES.statedError(k)),
              String.format("%.5f / %.5f", d.worstQuantile(0.99), d.worstQuantile(1)),
              String.format("%.3f", d.coverage()),
              String.format("%.0f", d.meanBytes())));
    }
    report.table(
        List.of(
            "k",
            "ours ε",
            "ours p99 / max",
            "ours coverage",
            "ours bytes",
            "DataSketches ε",
            "DataSketches p99 / max",
            "DataSketches coverage",
            "DataSketches bytes"),
        rows);
  }

  private void writeBuckets(Report report, TrialResults ours, TrialResults theirs)
      throws IOException {
    List<double[]> csv = new ArrayList<>();
    for (int b = 0; b < BUCKETS; b++) {
      csv.add(
          new double[] {
            (b + 0.5) / BUCKETS,
            ours.bucketMean(b),
            ours.bucketQuantile(b, 0.99),
            theirs.bucketMean(b),
            theirs.bucketQuantile(b, 0.99)
          });
    }
    report.csv(
        CSV,
        List.of(
            "rank (bucket center)",
            "ours mean",
            "ours p99",
            "DataSketches mean",
            "DataSketches p99"),
        csv);
    plot(report);
    report.image(
        PNG,
        "worst |rank error| per rank bucket, random order: mean and 99th percentile over trials");
    report.markdown("\nData: [" + CSV + "](images/" + CSV + ").");
  }

  /** Draws {@code quantiles-rank-error.png} from its CSV. */
  @Override
  public void plot(Report report) throws IOException {
    List<double[]> rows = report.readCsv(CSV).rows();
    double[] rank = rows.stream().mapToDouble(r -> r[0]).toArray();
    XYChart chart =
        Plots.chart(
            900,
            500,
            "Worst rank error per rank bucket (random order, equal bytes)",
            "true rank",
            "worst |rank error| in the bucket");
    chart.getStyler().setYAxisMin(0.0);
    String[] names = {"ours mean", "ours p99", "DataSketches mean", "DataSketches p99"};
    var colors = List.of(Plots.BLUE, Plots.BLUE, Plots.VERMILLION, Plots.VERMILLION);
    var markers =
        List.of(
            SeriesMarkers.CIRCLE, SeriesMarkers.NONE, SeriesMarkers.DIAMOND, SeriesMarkers.NONE);
    var lines = List.of(Plots.SOLID, Plots.DASHED, Plots.SOLID, Plots.DOTTED);
    for (int s = 0; s < names.length; s++) {
      int column = s + 1;
      double[] y = rows.stream().mapToDouble(r -> r[column]).toArray();
      Plots.style(chart.addSeries(names[s], rank, y), colors.get(s), markers.get(s), lines.get(s));
    }
    report.savePng(PNG, List.of(chart));
  }
}
