package io.sketches.bench.frequency;

import io.sketches.ItemSerde;
import io.sketches.bench.Plots;
import io.sketches.bench.Profile;
import io.sketches.bench.Report;
import io.sketches.bench.Study;
import io.sketches.frequency.CountMinSketch;
import io.sketches.frequency.HeavyHitters;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.ZipfDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * accuracy: Zipf(1.1) and uniform streams of 10^7 unit updates over 10^6 keys (fixed seeds), ε =
 * 0.001, δ = 0.01. For plain, conservative, 3-row and Spark's sketch: the fraction of keys whose
 * error exceeds ε‖a‖₁ (must be ≤ δ), underestimates (must be 0), mean and max error. For heavy
 * hitters with k = 1000: recall of the items above the guarantee N/(k+1) (must be 1.0) and
 * precision of the reported items. Writes {@code cms-error.csv} and {@code cms-error.png}.
 */
public final class CountMinAccuracyStudy implements Study {
  /** The same guarantee in CM05's shape ({@link CountMinSizes#oursCormodeMuthukrishnan()}). */
  private static final String CM05 = "ours CM05 5 × 2719";

  private static final int UNIVERSE = 1_000_000;
  private static final int HEAVY_HITTERS_K = 1000;
  private static final int CURVE_POINTS = 200;

  private static final String CSV = "cms-error.csv";

  @Override
  public String name() {
    return "cms-accuracy";
  }

  /** One stream's per-key errors for one sketch, and what the issue asks of them. */
  private record Errors(
      String stream,
      String sketch,
      double[] sortedError,
      double overBound,
      long underestimates,
      double mean,
      double max,
      double bound) {}

  @Override
  public void run(Profile profile, Report report) throws Exception {
    int updates = profile.pick(10_000_000, 10_000_000);
    report.heading("Count-Min sketch: accuracy");
    report.markdown(
        String.format(
            "%,d unit updates over %,d keys, ε = %s, δ = %s (ours 3 × 4642, "
                + "Spark 7 × 2000). Errors are over every key that occurs in the stream; ε‖a‖₁ = %,.0f.",
            updates,
            UNIVERSE,
            CountMinSizes.EPSILON,
            CountMinSizes.DELTA,
            CountMinSizes.EPSILON * updates));
    List<Errors> all = new ArrayList<>();
    List<List<String>> heavyRows = new ArrayList<>();
    for (String stream : List.of("zipf-1.1", "uniform")) {
      int[] items = stream(stream, updates);
      long[] truth = new long[UNIVERSE + 1];
      CountMinSketch plain = CountMinSizes.ours();
      CountMinSketch conservative = CountMinSizes.ours().withConservativeUpdate();
      CountMinSketch cm05 = CountMinSizes.oursCormodeMuthukrishnan();
      org.apache.spark.util.sketch.CountMinSketch spark = CountMinSizes.spark();
      HeavyHitters<Long> heavy = HeavyHitters.create(HEAVY_HITTERS_K, ItemSerde.longs());
      for (int item : items) {
        truth[item]++;
        plain.update(item, 1);
        conservative.update(item, 1);
        cm05.update(item, 1);
        spark.addLong(item, 1);
        heavy.update((long) item, 1);
      }
      all.add(errors(stream, "ours", truth, updates, plain::estimate));
      all.add(errors(stream, "ours conservative", truth, updates, conservative::estimate));
      all.add(errors(stream, CM05, truth, updates, cm05::estimate));
      all.add(errors(stream, "Spark", truth, updates, spark::estimateCount));
      heavyRows.add(heavyHitterRow(stream, heavy, truth, updates));
    }
    List<List<String>> rows = new ArrayList<>();
    for (Errors e : all) {
      rows.add(
          List.of(
              e.stream(),
              e.sketch(),
              String.format("%.2e", e.overBound()),
              Long.toString(e.underestimates()),
              String.format("%.1f", e.mean()),
              String.format("%.0f", e.max())));
      if (!e.sketch().equals("Spark") && !e.sketch().equals(CM05)) { // both shown only
        report.target(
            "Count-Min",
            "CMS " + e.stream() + " " + e.sketch() + ": keys with error > ε‖a‖₁",
            e.overBound(),
            0,
            "≤",
            CountMinSizes.DELTA);
        report.target(
            "Count-Min",
            "CMS " + e.stream() + " " + e.sketch() + ": underestimates",
            e.underestimates(),
            0,
            "≤",
            0);
      }
    }
    report.table(
        List.of(
            "stream",
            "sketch",
            "keys with error > ε‖a‖₁ (≤ δ = 0.01)",
            "underestimates",
            "mean error",
            "max error"),
        rows);
    report.markdown(
        String.format(
            "%nHeavy hitters: `HeavyHitters.create(%d, longs)` (up to %d "
                + "counters); guarantee: every item above N/(k+1) is reported by `frequentItems(1/(k+1))`.",
            HEAVY_HITTERS_K, 2 * HEAVY_HITTERS_K));
    report.table(
        List.of(
            "stream",
            "items above N/(k+1)",
            "reported",
            "recall",
            "precision",
            "maximum error (offset)",
            "N/(k+1)"),
        heavyRows);
    for (List<String> row : heavyRows) {
      report.target(
          "Count-Min",
          "heavy hitters " + row.get(0) + ": recall above N/(k+1)",
          Double.parseDouble(row.get(3)),
          0,
          "≥",
          1.0);
    }
    turnstile(report, updates);
    writeCurves(report, all);
  }

  /**
   * Turnstile: the Zipf stream, then every odd key deleted with one negative update of its full
   * count. Count-median bound: |error| ≤ 3ε·Σ|count| with probability ≥ 1 − δ^(1/4) per key.
   */
  private static void turnstile(Report report, int updates) {
    int[] items = stream("zipf-1.1", updates);
    long[] truth = new long[UNIVERSE + 1];
    CountMinSketch sketch = CountMinSizes.ours();
    for (int item : items) {
      truth[item]++;
      sketch.update(item, 1);
    }
    for (int item = 1; item <= UNIVERSE; item += 2) {
      if (truth[item] > 0) {
        sketch.update(item, -truth[item]);
        truth[item] = 0;
      }
    }
    double absolute = sketch.absoluteWeight();
    double bound = 3 * CountMinSizes.EPSILON * absolute;
    long keys = 0;
    long overBound = 0;
    long overEpsilon = 0;
    long under = 0;
    double sumAbs = 0;
    double max = 0;
    for (int item = 2; item <= UNIVERSE; item += 2) { // the even keys that remain
      if (truth[item] == 0) {
        continue;
      }
      double e = sketch.estimate(item) - truth[item];
      keys++;
      overBound += Math.abs(e) > bound ? 1 : 0;
      overEpsilon += Math.abs(e) > CountMinSizes.EPSILON * absolute ? 1 : 0;
      under += e < 0 ? 1 : 0;
      sumAbs += Math.abs(e);
      max = Math.max(max, Math.abs(e));
    }
    report.markdown(
        String.format(
            "%nTurnstile: the Zipf stream, then every odd key deleted (one "
                + "negative update of its full count); estimates are count-median. Σ abs. count = %,.0f, "
                + "bound 3ε·Σ abs. count = %,.0f (holds per key unless half the %d rows err by"
                + " more, each with probability ≤ p = 1/(3εw) by Markov: with probability"
                + " ≥ 1 − P(Binomial(d, p) ≥ ⌈d/2⌉) = %.3f).",
            absolute, bound, sketch.depth(), 1 - medianFailure(sketch)));
    report.table(
        List.of(
            "remaining keys",
            "abs. error > 3ε·Σ abs. count",
            "abs. error > ε·Σ abs. count",
            "underestimates",
            "mean abs. error",
            "max abs. error"),
        List.of(
            List.of(
                Long.toString(keys),
                String.format("%.2e", (double) overBound / keys),
                String.format("%.2e", (double) overEpsilon / keys),
                Long.toString(under),
                String.format("%.1f", sumAbs / keys),
                String.format("%.0f", max))));
    report.target(
        "Count-Min",
        "CMS turnstile: keys with abs. error > 3ε·Σ abs. count",
        (double) overBound / keys,
        0,
        "≤",
        medianFailure(sketch));
  }

  /** P(Binomial(d, p) ≥ ⌈d/2⌉), p = 1/(3εw): the chance that the count-median errs past 3ε. */
  static double medianFailure(CountMinSketch sketch) {
    int d = sketch.depth();
    double p = 1 / (3 * CountMinSizes.EPSILON * sketch.width());
    return 1
        - new org.apache.commons.math3.distribution.BinomialDistribution(null, d, p)
            .cumulativeProbability((d + 1) / 2 - 1);
  }

  private static int[] stream(String name, int updates) {
    int[] items = new int[updates];
    if (name.startsWith("zipf")) {
      ZipfDistribution zipf = new ZipfDistribution(new Well19937c(20261122), UNIVERSE, 1.1);
      for (int i = 0; i < updates; i++) {
        items[i] = zipf.sample();
      }
    } else {
      Well19937c random = new Well19937c(20261123);
      for (int i = 0; i < updates; i++) {
        items[i] = 1 + random.nextInt(UNIVERSE);
      }
    }
    return items;
  }

  private static Errors errors(
      String stream,
      String sketch,
      long[] truth,
      long total,
      java.util.function.LongUnaryOperator estimate) {
    double bound = CountMinSizes.EPSILON * total;
    double[] error = new double[truth.length];
    int keys = 0;
    long over = 0;
    long under = 0;
    double sum = 0;
    for (int item = 0; item < truth.length; item++) {
      if (truth[item] == 0) {
        continue;
      }
      double e = estimate.applyAsLong(item) - truth[item];
      error[keys++] = e;
      over += e > bound ? 1 : 0;
      under += e < 0 ? 1 : 0;
      sum += e;
    }
    double[] sorted = Arrays.copyOf(error, keys);
    Arrays.sort(sorted);
    return new Errors(
        stream, sketch, sorted, (double) over / keys, under, sum / keys, sorted[keys - 1], bound);
  }

  private static List<String> heavyHitterRow(
      String stream, HeavyHitters<Long> heavy, long[] truth, long total) {
    double threshold = (double) total / (HEAVY_HITTERS_K + 1);
    List<HeavyHitters.Entry<Long>> reported = heavy.frequentItems(1.0 / (HEAVY_HITTERS_K + 1));
    long above = Arrays.stream(truth).filter(f -> f > threshold).count();
    long found = reported.stream().filter(e -> truth[(int) (long) e.item()] > threshold).count();
    double recall = above == 0 ? 1.0 : (double) found / above;
    double precision = reported.isEmpty() ? 1.0 : (double) found / reported.size();
    return List.of(
        stream,
        Long.toString(above),
        Integer.toString(reported.size()),
        String.format("%.3f", recall),
        String.format("%.3f", precision),
        Long.toString(heavy.maximumError()),
        String.format("%.0f", threshold));
  }

  /** Error quantile curves (error ÷ ε‖a‖₁ against the fraction of keys), CSV and PNG. */
  private void writeCurves(Report report, List<Errors> all) throws Exception {
    List<String> header = new ArrayList<>(List.of("quantile"));
    double[] quantiles = new double[CURVE_POINTS + 1];
    for (int i = 0; i <= CURVE_POINTS; i++) {
      quantiles[i] = (double) i / CURVE_POINTS;
    }
    List<double[]> columns = new ArrayList<>();
    for (Errors e : all) {
      double scale = e.bound();
      double[] curve = new double[quantiles.length];
      for (int i = 0; i < quantiles.length; i++) {
        int index =
            (int)
                Math.min(
                    e.sortedError().length - 1,
                    Math.round(quantiles[i] * (e.sortedError().length - 1)));
        curve[i] = e.sortedError()[index] / scale;
      }
      header.add(e.stream() + ", " + e.sketch());
      columns.add(curve);
    }
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < quantiles.length; i++) {
      double[] row = new double[columns.size() + 1];
      row[0] = quantiles[i];
      for (int c = 0; c < columns.size(); c++) {
        row[c + 1] = columns.get(c)[i];
      }
      rows.add(row);
    }
    report.csv(CSV, header, rows);
    plot(report);
    report.image(
        "cms-error.png",
        "Count-Min error quantiles: plain, conservative, 3 rows and Spark, Zipf(1.1) and uniform");
  }

  /**
   * One panel per stream, side by side on one y scale, from {@code cms-error.csv} (columns named
   * "stream, sketch"). Within a panel each sketch has its own colour and dash pattern.
   */
  @Override
  public void plot(Report report) throws IOException {
    Report.Csv all = report.readCsv(CSV);
    // Every 4th quantile where the curves are flat, all of them in the top 10 % where they rise.
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < all.rows().size(); i++) {
      if (i % 4 == 0 || all.rows().get(i)[0] >= 0.9) {
        rows.add(all.rows().get(i));
      }
    }
    Report.Csv csv = new Report.Csv(all.header(), rows);
    double[] quantiles = csv.rows().stream().mapToDouble(row -> row[0]).toArray();
    double top = csv.rows().stream().flatMapToDouble(Arrays::stream).max().orElse(1);
    Color[] colors = {Plots.BLUE, Plots.VERMILLION, Plots.BLUISH_GREEN, Plots.REDDISH_PURPLE};
    BasicStroke[] lines = {Plots.SOLID, Plots.DASHED, Plots.DASH_DOTTED, Plots.DOTTED};
    List<String> streams =
        csv.header().stream().skip(1).map(name -> name.split(", ")[0]).distinct().toList();
    List<XYChart> panels = new ArrayList<>();
    for (String stream : streams) {
      XYChart chart =
          Plots.chart(
              640,
              540,
              "Count-Min point error, " + stream + ", ε = 0.001, δ = 0.01",
              "fraction of keys (sorted by error)",
              "error ÷ ε‖a‖₁");
      chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
      chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
      chart.getStyler().setYAxisMin(0.0);
      chart.getStyler().setYAxisMax(Math.max(1.0, top) * 1.05);
      int sketch = 0;
      for (int c = 1; c < csv.header().size(); c++) {
        String name = csv.header().get(c);
        if (name.startsWith(stream + ", ")) {
          int column = c;
          double[] curve = csv.rows().stream().mapToDouble(row -> row[column]).toArray();
          Plots.style(
              chart.addSeries(name.substring(stream.length() + 2), quantiles, curve),
              colors[sketch % colors.length],
              SeriesMarkers.NONE,
              lines[sketch % lines.length]);
          sketch++;
        }
      }
      double[] bound = new double[quantiles.length];
      Arrays.fill(bound, 1.0);
      Plots.style(
          chart.addSeries("bound ε‖a‖₁", quantiles, bound),
          Plots.BLACK,
          SeriesMarkers.NONE,
          Plots.SOLID);
      panels.add(chart);
    }
    report.savePng("cms-error.png", panels);
  }
}
