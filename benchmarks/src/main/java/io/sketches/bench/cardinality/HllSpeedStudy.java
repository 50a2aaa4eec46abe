package io.sketches.bench.cardinality;

import io.sketches.bench.Jmh;
import io.sketches.bench.Jmh.Score;
import io.sketches.bench.Measured;
import io.sketches.bench.Profile;
import io.sketches.bench.Report;
import io.sketches.bench.Study;
import io.sketches.bench.Uncertainty;
import io.sketches.cardinality.HyperLogLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;

/**
 * speed and size: update, merge and estimate of ours against DataSketches HllSketch and hash4j in
 * one JMH run ({@link HllUpdateBenchmark}, {@link HllMergeBenchmark}, {@link HllFoldBenchmark},
 * {@link HllEstimateBenchmark}), and serialized bytes per sketch.
 */
public final class HllSpeedStudy implements Study {
  private static final String SKETCH = "HyperLogLog";

  @Override
  public String name() {
    return "hll-speed";
  }

  @Override
  public void run(Profile profile, Report report) throws Exception {
    Map<String, Score> scores =
        Jmh.run(
            profile,
            "io\\.sketches\\.bench\\.cardinality\\.Hll(Update|Merge|Fold|Estimate)Benchmark");
    report.heading("HyperLogLog speed and size");
    report.markdown(
        "p = 12, single thread. Update: 2^20 distinct pre-generated longs into a fresh"
            + " sketch, hashing included (ours: ItemHash XXH3; hash4j: XXH3 with the same seed;"
            + " DataSketches: its MurmurHash3). Merge: two dense sketches of 10^5 items each into a"
            + " new one. Fold: one more dense sketch of 10^5 items merged into an accumulator kept"
            + " across calls (as a rollup), ours `merge`, DataSketches `Union.update`. Estimate: a"
            + " dense sketch of 10^5 items. See `docs/hyperloglog.md`.");
    List<List<String>> rows = new ArrayList<>();
    scores.forEach((key, score) -> rows.add(List.of(key, score.toString())));
    report.table(List.of("benchmark", "time"), rows);

    Score update = scores.get("update[implementation=ours]");
    target(
        report,
        "update time ÷ DataSketches HLL_8",
        update,
        scores.get("update[implementation=datasketches-hll8]"),
        0.6);
    target(
        report,
        "update time ÷ hash4j HyperLogLog",
        update,
        scores.get("update[implementation=hash4j-hll]"),
        1.0);
    target(
        report,
        "update time ÷ hash4j UltraLogLog",
        update,
        scores.get("update[implementation=hash4j-ull]"),
        1.1);
    target(
        report,
        "merge time ÷ DataSketches Union",
        scores.get("merge[implementation=ours]"),
        scores.get("merge[implementation=datasketches-union]"),
        0.3);
    target(
        report,
        "fold of dense p=12 sketches into a kept accumulator, per merge ÷ DataSketches"
            + " Union.update",
        scores.get("fold[implementation=ours]"),
        scores.get("fold[implementation=datasketches-union]"),
        0.3);
    // Not an issue target: the merge leaves its O(m) histogram recount to the next estimate, so
    // this row shows what a merge followed by an estimate costs beside Union + getResult.
    Jmh.Ratio thenEstimate =
        scores
            .get("merge[implementation=ours-then-estimate]")
            .over(scores.get("merge[implementation=datasketches-union]"));
    report.markdown(
        String.format(
            "Merge + first estimate (the merge leaves its O(m) histogram"
                + " recount to the next estimate) ÷ DataSketches Union + getResult: %.3f ± %.3f.",
            thenEstimate.value(), thenEstimate.error()));
    for (String estimator : List.of("ours-martingale", "ours-merged")) {
      Score estimate = scores.get("estimate[implementation=" + estimator + "]");
      report.target(
          SKETCH,
          "HLL estimate() on dense p=12, " + estimator + " (µs)",
          Measured.plusMinus(
              estimate.value() / 1000, estimate.error() / 1000, Uncertainty.JMH_CONFIDENCE),
          "≤",
          5.0);
    }
    sizes(report);
  }

  private static void target(Report report, String what, Score ours, Score anchor, double target) {
    Jmh.Ratio ratio = ours.over(anchor);
    report.target(SKETCH, "HLL " + what, Measured.of(ratio), "≤", target);
  }

  /** Serialized bytes of ours and the anchors for an empty sketch, n = 10 and a dense sketch. */
  static void sizes(Report report) {
    int[] counts = {0, 10, 100_000};
    String[] labels = {"empty", "n = 10", "dense (n = 10^5)"};
    List<List<String>> rows = new ArrayList<>();
    int[] oursBytes = new int[counts.length];
    for (int c = 0; c < counts.length; c++) {
      long[] items = HllUpdateBenchmark.distinctLongs(counts[c], 5);
      HyperLogLog ours = HyperLogLog.create(12);
      HllSketch hll8 = new HllSketch(12, TgtHllType.HLL_8);
      HllSketch hll4 = new HllSketch(12, TgtHllType.HLL_4);
      var hash4j = com.dynatrace.hash4j.distinctcount.HyperLogLog.create(12);
      var ultra = com.dynatrace.hash4j.distinctcount.UltraLogLog.create(12);
      for (long item : items) {
        ours.update(item);
        hll8.update(item);
        hll4.update(item);
        hash4j.add(io.sketches.hash.ItemHash.hash(item));
        ultra.add(io.sketches.hash.ItemHash.hash(item));
      }
      oursBytes[c] = ours.toByteArray().length;
      rows.add(
          List.of(
              labels[c],
              Integer.toString(oursBytes[c]),
              Integer.toString(ours.copy().discardMartingale().toByteArray().length),
              Integer.toString(hll8.toCompactByteArray().length),
              Integer.toString(hll4.toCompactByteArray().length),
              Integer.toString(hash4j.getState().length),
              Integer.toString(ultra.getState().length)));
    }
    report.markdown(
        "\nSerialized bytes at p = 12 (ours includes the 16-byte header with CRC32C;"
            + " hash4j's state has no header and no sparse mode):");
    report.table(
        List.of(
            "sketch",
            "ours",
            "ours merged",
            "DataSketches HLL_8 compact",
            "DataSketches HLL_4 compact",
            "hash4j HLL state",
            "hash4j ULL state"),
        rows);
    report.target(SKETCH, "HLL empty sketch bytes", oursBytes[0], 0, "≤", 32);
    report.target(SKETCH, "HLL n=10 sketch bytes", oursBytes[1], 0, "≤", 64);
    report.target(SKETCH, "HLL dense p=12 sketch bytes", oursBytes[2], 0, "≤", 3100);
  }
}
