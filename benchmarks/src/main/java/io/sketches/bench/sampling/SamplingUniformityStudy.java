package io.sketches.bench.sampling;

import io.sketches.ItemSerde;
import io.sketches.bench.Plots;
import io.sketches.bench.Profile;
import io.sketches.bench.Report;
import io.sketches.bench.Study;
import io.sketches.sampling.ReservoirSampler;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.LongStream;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * uniformity: inclusion frequency of each of n = 1,000 items in k = 10 samples over many seeded
 * trials, for one stream, a merge of 300 + 700, a chain of 8 merged pieces created with one seed,
 * and a sampler resumed from bytes; first order (chi-square over items) and second order (pair
 * frequencies within and across the 300/700 split, ÷ k(k−1)/(n(n−1))).
 */
public final class SamplingUniformityStudy implements Study {
  static final int K = 10;
  static final int N = 1_000;
  static final long[] ITEMS = LongStream.range(0, N).toArray();

  /** Items per point of the plot: the mean of 50 items has a seventh of one item's noise. */
  private static final int BLOCK = 50;

  private static final String CSV = "sampling-inclusion.csv";

  /** The scenarios, in the order of the table and of the CSV's columns. */
  private static final String[] SCENARIOS = {
    "single stream", "merged 300 + 700", "chain of 8 merges (one seed)", "resumed from bytes at 400"
  };

  @Override
  public String name() {
    return "sampling-uniformity";
  }

  static ReservoirSampler<Long> sampler(long seed) {
    return ReservoirSampler.create(K, seed, ItemSerde.longs());
  }

  @Override
  public void run(Profile profile, Report report) throws Exception {
    int trials = profile.pick(20_000, 200_000);
    List<IntFunction<ReservoirSampler<Long>>> scenarios =
        List.of(
            trial -> sampler(trial).updateAll(ITEMS),
            trial ->
                sampler(2L * trial)
                    .updateAll(ITEMS, 0, 300)
                    .merge(sampler(2L * trial + 1).updateAll(ITEMS, 300, N)),
            trial -> {
              ReservoirSampler<Long> chain = sampler(trial).updateAll(ITEMS, 0, N / 8);
              for (int piece = 1; piece < 8; piece++) {
                chain.merge(sampler(trial).updateAll(ITEMS, piece * N / 8, (piece + 1) * N / 8));
              }
              return chain;
            },
            trial ->
                ReservoirSampler.fromByteArray(
                        sampler(trial).updateAll(ITEMS, 0, 400).toByteArray(), ItemSerde.longs())
                    .updateAll(ITEMS, 400, N));
    double expectedInclusions = (double) trials * K / N;
    double pairProbability = (double) K * (K - 1) / ((double) N * (N - 1));
    double[] pairsOfKind = {300 * 299 / 2.0, 700 * 699 / 2.0, 300 * 700};
    List<double[]> csvRows = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      csvRows.add(new double[1 + scenarios.size()]);
      csvRows.get(i)[0] = i;
    }
    List<List<String>> table = new ArrayList<>();
    for (int s = 0; s < scenarios.size(); s++) {
      long[] inclusions = new long[N];
      long[] pairKinds = new long[3];
      for (int trial = 0; trial < trials; trial++) {
        List<Long> sample = scenarios.get(s).apply(trial).sample();
        for (int i = 0; i < sample.size(); i++) {
          long a = sample.get(i);
          inclusions[(int) a]++;
          for (int j = i + 1; j < sample.size(); j++) {
            long b = sample.get(j);
            pairKinds[a < 300 && b < 300 ? 0 : a >= 300 && b >= 300 ? 1 : 2]++;
          }
        }
      }
      double chiSquare = 0;
      double[] y = new double[N];
      double min = Double.MAX_VALUE;
      double max = 0;
      for (int i = 0; i < N; i++) {
        double diff = inclusions[i] - expectedInclusions;
        chiSquare += diff * diff / expectedInclusions;
        y[i] = inclusions[i] / expectedInclusions;
        min = Math.min(min, y[i]);
        max = Math.max(max, y[i]);
        csvRows.get(i)[1 + s] = y[i];
      }
      double p = 1 - new ChiSquaredDistribution(N - 1).cumulativeProbability(chiSquare);
      List<String> row =
          new ArrayList<>(
              List.of(
                  SCENARIOS[s], String.format("%.3f", p), String.format("%.3f – %.3f", min, max)));
      for (int kind = 0; kind < 3; kind++) {
        row.add(
            String.format(
                "%.4f", pairKinds[kind] / (trials * pairsOfKind[kind] * pairProbability)));
      }
      table.add(row);
    }
    report.heading("Reservoir sampling uniformity");
    report.markdown(
        String.format(
            "k = %d of n = %d items, %d seeded trials per scenario. First order:"
                + " chi-square p-value of the %d inclusion counts against uniform (expected %.0f each)."
                + " Second order: frequency of sampled pairs with both items in the first 300, both in the"
                + " last 700, or one in each, divided by the uniform k(k−1)/(n(n−1)); 1 is exact."
                + " A sampler resumed from bytes continues exactly as the uninterrupted one, so its row"
                + " equals the single-stream row.",
            K, N, trials, N, expectedInclusions));
    report.table(
        List.of(
            "scenario",
            "first-order p",
            "frequency ÷ k/n (min – max)",
            "pairs in first 300",
            "pairs in last 700",
            "pairs across"),
        table);
    List<String> header = List.of("item", "single", "merged_300_700", "chain_of_8", "resumed");
    report.csv(CSV, header, csvRows);
    plot(report);
    report.image(
        "sampling-inclusion.png",
        "Inclusion frequency divided by k/n along the stream, means over blocks of "
            + BLOCK
            + " items, four scenarios");
  }

  /**
   * Inclusion frequency ÷ k/n along the stream, from {@code sampling-inclusion.csv}: the mean over
   * each block of {@link #BLOCK} consecutive items, so that a bias by position (say, at the 300/700
   * merge point) shows above the per-item noise. The band is uniform ± 2 standard errors of a block
   * mean, from the single-stream items' own spread. The resumed sampler equals the single stream
   * exactly, so the single stream is a wide band under the resumed sampler's crosses.
   */
  @Override
  public void plot(Report report) throws IOException {
    List<double[]> rows = report.readCsv(CSV).rows();
    int blocks = rows.size() / BLOCK;
    double[] centres = new double[blocks];
    for (int b = 0; b < blocks; b++) {
      centres[b] = b * BLOCK + (BLOCK - 1) / 2.0;
    }
    XYChart chart =
        Plots.chart(
            1000,
            500,
            "Inclusion frequency ÷ k/n, k = 10, n = 1,000: mean over blocks of " + BLOCK + " items",
            "item (stream position)",
            "frequency ÷ k/n");
    SummaryStatistics single = new SummaryStatistics();
    rows.forEach(row -> single.addValue(row[1]));
    double band = 2 * single.getStandardDeviation() / Math.sqrt(BLOCK);
    double[] ends = {0, rows.size() - 1};
    Plots.style(
        chart.addSeries("uniform ± 2 s.e.", ends, new double[] {1 + band, 1 + band}),
        Plots.GREY,
        SeriesMarkers.NONE,
        Plots.DOTTED);
    Plots.style(
            chart.addSeries("lower", ends, new double[] {1 - band, 1 - band}),
            Plots.GREY,
            SeriesMarkers.NONE,
            Plots.DOTTED)
        .setShowInLegend(false);
    Color[] colors = {Plots.SKY_BLUE, Plots.VERMILLION, Plots.BLUISH_GREEN, Plots.BLACK};
    Marker[] markers = {
      SeriesMarkers.NONE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.CROSS
    };
    BasicStroke[] lines = {Plots.SOLID, Plots.DASHED, Plots.DASH_DOTTED, Plots.DOTTED};
    for (int s = 0; s < SCENARIOS.length; s++) {
      double[] means = new double[blocks];
      for (int b = 0; b < blocks; b++) {
        for (int i = b * BLOCK; i < (b + 1) * BLOCK; i++) {
          means[b] += rows.get(i)[1 + s] / BLOCK;
        }
      }
      XYSeries series = chart.addSeries(SCENARIOS[s], centres, means);
      if (s == 0) {
        Plots.band(series, colors[s]);
      } else {
        Plots.style(series, colors[s], markers[s], lines[s]);
      }
    }
    report.savePng("sampling-inclusion.png", List.of(chart));
  }
}
