package io.sketches.bench.clustering;

import io.sketches.bench.Plots;
import io.sketches.bench.Profile;
import io.sketches.bench.Report;
import io.sketches.bench.Study;
import io.sketches.clustering.StreamingKMeans;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The k-means quality targets on Gaussian mixtures (k = 10, d = 10; 10^5 points quick, 10^6 full):
 * k-means cost of our centers ÷ cost of offline best-of-10 k-means++ with Lloyd ≤ 1.03 for one
 * summary and ≤ 1.05 for 8 summaries serialized and merged; our cost on the same micro-batches ≤
 * the cost of Spark MLlib's {@code StreamingKMeansModel.update} (decay 1.0); and the cost ratio as
 * a function of the summary size (CSV and plot for docs/kmeans.md); and the drift target ({@link
 * KMeansDrift}).
 */
public final class KMeansQualityStudy implements Study {
  static final int K = 10;
  static final int D = 10;
  static final int PARTS = 8;
  static final int BATCHES = 100;
  static final long SEED = 7;
  static final int[] SIZES = {10, 20, 50, 100, 200, 400, 800, 1600};
  private static final String CSV = "kmeans-cost-vs-size.csv";

  @Override
  public String name() {
    return "kmeans-quality";
  }

  @Override
  public void run(Profile profile, Report report) throws Exception {
    int n = profile.pick(100_000, 1_000_000);
    report.heading("Streaming k-means: quality");
    report.markdown(
        String.format(
            "Gaussian mixtures, k = %d, d = %d, n = %,d, unit variance, means"
                + " uniform in [0, s]^d: well-separated s = 20, overlapping s = 4. Cost = Σ squared distance"
                + " to the nearest center over all n points. Offline = best of 10 commons-math3 k-means++"
                + " runs with Lloyd to convergence. Merged = %d contiguous parts, each serialized,"
                + " deserialized and merged. Micro-batches: %d batches of n/%d points in stream order.",
            K, D, n, PARTS, BATCHES, BATCHES));
    List<List<String>> rows = new ArrayList<>();
    double[][] overlappingPoints = null;
    double overlappingOffline = 0;
    String mllibSource = "Spark MLlib 4.2.0 `StreamingKMeansModel.update` on local[2] Spark 4.2.0";
    for (String kind : List.of("well-separated", "overlapping")) {
      Mixture mixture = Mixture.random(K, D, kind.equals("overlapping") ? 4 : 20, SEED);
      double[][] points = mixture.sample(n, SEED + 1);
      double offline = Mixture.cost(points, OfflineKMeans.bestOf(points, K, 10, SEED));
      double single = Mixture.cost(points, sketch(points, 0, n, defaultBuilder()).centers());
      double merged = Mixture.cost(points, mergedSketch(points, defaultBuilder()).centers());
      List<double[][]> batches = batches(points);
      StreamingKMeans batched = defaultBuilder().decayFactor(1.0).build();
      batches.forEach(batched::update);
      double ours = Mixture.cost(points, batched.centers());
      double mllib;
      try {
        mllib = Mixture.cost(points, MllibStreamingKMeans.centers(batches, K, D, SEED));
      } catch (Throwable e) {
        mllibSource =
            "a faithful port of MLlib's update rule (MLlib 4.2.0 failed on Spark 4.2: " + e + ")";
        mllib = Mixture.cost(points, MllibUpdateRule.centers(batches, K, D, 1.0, SEED));
      }
      rows.add(
          List.of(
              kind,
              fmt(offline),
              ratio(single, offline),
              ratio(merged, offline),
              ratio(ours, offline),
              ratio(mllib, offline),
              ratio(ours, mllib)));
      report.target(
          "k-means", "k-means cost ÷ offline best-of-10, " + kind, single / offline, 0, "≤", 1.03);
      report.target(
          "k-means",
          "k-means cost ÷ offline best-of-10, " + kind + ", 8 merged summaries",
          merged / offline,
          0,
          "≤",
          1.05);
      report.target(
          "k-means",
          "k-means cost ÷ MLlib StreamingKMeans cost, same micro-batches, " + kind,
          ours / mllib,
          0,
          "≤",
          1.0);
      if (kind.equals("overlapping")) {
        overlappingPoints = points;
        overlappingOffline = offline;
      }
    }
    report.table(
        List.of(
            "mixture",
            "offline cost",
            "ours ÷ offline",
            "8 merged ÷ offline",
            "ours, micro-batches ÷ offline",
            "MLlib ÷ offline",
            "ours ÷ MLlib"),
        rows);
    report.markdown(
        "MLlib anchor: "
            + mllibSource
            + ", initialized by `setRandomCenters(10, 0.0,"
            + " seed)` as in its documentation, decay factor 1.0.\n");
    sizeSweep(report, overlappingPoints, overlappingOffline);
    KMeansDrift.report(report);
  }

  private void sizeSweep(Report report, double[][] points, double offline) throws Exception {
    List<double[]> csv = new ArrayList<>();
    double[] singles = new double[SIZES.length];
    double[] mergeds = new double[SIZES.length];
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < SIZES.length; i++) {
      StreamingKMeans.Builder builder = defaultBuilder().summarySize(SIZES[i]);
      singles[i] =
          Mixture.cost(points, sketch(points, 0, points.length, builder).centers()) / offline;
      mergeds[i] = Mixture.cost(points, mergedSketch(points, builder).centers()) / offline;
      int bytes = sketch(points, 0, points.length, builder).toByteArray().length;
      csv.add(new double[] {SIZES[i], singles[i], mergeds[i], bytes});
      rows.add(
          List.of(
              String.valueOf(SIZES[i]),
              String.format("%.4f", singles[i]),
              String.format("%.4f", mergeds[i]),
              String.format("%,d", bytes)));
    }
    report.csv(CSV, List.of("summary_size", "ratio_single", "ratio_merged_8", "bytes"), csv);
    report.markdown("\nCost ratio vs summary size, overlapping mixture (the harder one):\n");
    report.table(List.of("summary size", "ours ÷ offline", "8 merged ÷ offline", "bytes"), rows);
    plot(report);
    report.image("kmeans-cost-vs-size.png", "k-means cost ratio vs summary size");
  }

  /** The cost ratio against the summary size, from {@code kmeans-cost-vs-size.csv}. */
  @Override
  public void plot(Report report) throws IOException {
    List<double[]> rows = report.readCsv(CSV).rows();
    double[] sizes = rows.stream().mapToDouble(row -> row[0]).toArray();
    XYChart chart =
        Plots.chart(
            760,
            420,
            "k-means cost ÷ offline best-of-10, overlapping, k = d = 10",
            "summary size (features)",
            "cost ratio");
    chart.getStyler().setXAxisLogarithmic(true);
    Plots.style(
        chart.addSeries("one summary", sizes, rows.stream().mapToDouble(r -> r[1]).toArray()),
        Plots.BLUE,
        SeriesMarkers.CIRCLE,
        Plots.SOLID);
    Plots.style(
        chart.addSeries(
            "8 summaries merged", sizes, rows.stream().mapToDouble(r -> r[2]).toArray()),
        Plots.VERMILLION,
        SeriesMarkers.SQUARE,
        Plots.DASHED);
    report.savePng("kmeans-cost-vs-size.png", List.of(chart));
  }

  private static StreamingKMeans.Builder defaultBuilder() {
    return StreamingKMeans.builder().k(K).dimension(D).seed(SEED);
  }

  static StreamingKMeans sketch(
      double[][] points, int from, int to, StreamingKMeans.Builder builder) {
    StreamingKMeans sketch = builder.build();
    for (int i = from; i < to; i++) {
      sketch.update(points[i]);
    }
    return sketch;
  }

  /** PARTS contiguous parts, each summarized, serialized, read back and merged in order. */
  static StreamingKMeans mergedSketch(double[][] points, StreamingKMeans.Builder builder) {
    StreamingKMeans merged = builder.build();
    for (int p = 0; p < PARTS; p++) {
      int from = (int) ((long) points.length * p / PARTS);
      int to = (int) ((long) points.length * (p + 1) / PARTS);
      byte[] bytes = sketch(points, from, to, builder).toByteArray();
      merged.merge(StreamingKMeans.fromByteArray(bytes));
    }
    return merged;
  }

  private static List<double[][]> batches(double[][] points) {
    List<double[][]> batches = new ArrayList<>(BATCHES);
    for (int b = 0; b < BATCHES; b++) {
      int from = (int) ((long) points.length * b / BATCHES);
      int to = (int) ((long) points.length * (b + 1) / BATCHES);
      batches.add(Arrays.copyOfRange(points, from, to));
    }
    return batches;
  }

  private static String fmt(double value) {
    return String.format("%.5g", value);
  }

  private static String ratio(double value, double anchor) {
    return String.format("%.4f", value / anchor);
  }
}
