package io.sketches.bench.quantiles;

import io.sketches.bench.Jmh;
import io.sketches.bench.Jmh.Score;
import io.sketches.bench.Measured;
import io.sketches.bench.Profile;
import io.sketches.bench.Report;
import io.sketches.bench.Study;
import io.sketches.quantiles.QuantileSketch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.kll.KllLongsSketch;

/**
 * "quantiles-speed": update, merge and quantile query of ours against DataSketches' KLL in one JMH
 * run ({@link QuantilesBenchmark}), all at k = 200, and serialized bytes by n.
 */
public final class QuantilesSpeedStudy implements Study {
  private static final String SKETCH = "Quantiles";

  @Override
  public String name() {
    return "quantiles-speed";
  }

  @Override
  public void run(Profile profile, Report report) throws Exception {
    Map<String, Score> scores =
        Jmh.run(profile, "io\\.sketches\\.bench\\.quantiles\\.QuantilesBenchmark");
    report.heading("Quantiles speed and size");
    report.markdown(
        "k = 200 for both, heap, single thread. Update: 2^20 uniform doubles (longs) into a fresh"
            + " sketch, per call (÷ 2^20 for per item); DataSketches `KllDoublesSketch`"
            + " (`KllLongsSketch` for longs). Merge: two sketches of 10^6 items into a new one (ours"
            + " `a.copy().merge(b)`; DataSketches, which has no copy, a fresh sketch merging a then"
            + " b). Query: `quantile(r)` on a sketch of 10^6 items whose sorted view is built;"
            + " after update: one update then one query, so each query rebuilds the sorted view."
            + " See `docs/quantiles.md`.");
    List<List<String>> rows = new ArrayList<>();
    scores.forEach((key, score) -> rows.add(List.of(key, score.toString())));
    report.table(List.of("benchmark", "time"), rows);
    target(report, scores, "updateDoubles", "update(double) time", 0.7);
    target(report, scores, "merge", "merge time", 0.5);
    target(report, scores, "query", "quantile query time (sorted view built)", 1.0);
    target(report, scores, "queryAfterUpdate", "update + first quantile query time", 1.0);
    Jmh.Ratio longs = ratio(scores, "updateLongs");
    report.markdown(
        String.format(
            "update(long) time ÷ DataSketches `KllLongsSketch`: %.3f ± %.3f.",
            longs.value(), longs.error()));
    sizes(report);
  }

  private static Jmh.Ratio ratio(Map<String, Score> scores, String method) {
    return scores
        .get(method + "[implementation=ours]")
        .over(scores.get(method + "[implementation=datasketches]"));
  }

  private static void target(
      Report report, Map<String, Score> scores, String method, String what, double target) {
    report.target(
        SKETCH,
        "quantiles " + what + " ÷ DataSketches KLL (k = 200)",
        Measured.of(ratio(scores, method)),
        "≤",
        target);
  }

  /** Serialized bytes and retained items of ours and DataSketches' KLL at k = 200, by n. */
  static void sizes(Report report) {
    long[] counts = {0, 1, 100, 10_000, 1_000_000, 100_000_000};
    List<List<String>> rows = new ArrayList<>();
    for (long n : counts) {
      QuantileSketch ours = QuantileSketch.create(QuantilesBenchmark.K, 7);
      KllDoublesSketch doubles = KllDoublesSketch.newHeapInstance(QuantilesBenchmark.K);
      KllLongsSketch longs = KllLongsSketch.newHeapInstance(QuantilesBenchmark.K);
      SplittableRandom random = new SplittableRandom(n);
      for (long i = 0; i < n; i++) {
        double v = random.nextDouble();
        ours.update(v);
        doubles.update(v);
        longs.update((long) (v * 1e15));
      }
      rows.add(
          List.of(
              String.format("%,d", n),
              String.format("%,d", ours.toByteArray().length),
              String.format("%,d", ours.retainedItems()),
              String.format("%,d", doubles.toByteArray().length),
              String.format("%,d", longs.toByteArray().length),
              String.format("%,d", doubles.getNumRetained())));
    }
    report.markdown(
        "\nSerialized bytes at k = 200 (uniform doubles; ours with its format header and"
            + " CRC32C, see `docs/format.md`; DataSketches compact form):");
    report.table(
        List.of(
            "n",
            "ours bytes",
            "ours retained",
            "`KllDoublesSketch` bytes",
            "`KllLongsSketch` bytes",
            "DataSketches retained"),
        rows);
  }
}
