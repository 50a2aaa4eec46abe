package io.sketches.bench.sampling;

import io.sketches.bench.Jmh;
import io.sketches.bench.Jmh.Score;
import io.sketches.bench.Measured;
import io.sketches.bench.Profile;
import io.sketches.bench.Report;
import io.sketches.bench.Study;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reservoir speed: time per item, k = 1,000, n = 10^6 longs, ours vs the anchors in one run. */
public final class SamplingSpeedStudy implements Study {
  static final String PARAMS = "[k=1000,n=1000000]";
  static final double N = 1_000_000;

  @Override
  public String name() {
    return "sampling-speed";
  }

  @Override
  public void run(Profile profile, Report report) throws Exception {
    Map<String, Score> scores =
        Jmh.run(profile, SamplingBenchmark.class.getName().replace(".", "\\."));
    Score ours = scores.get("oursUpdateAllLongArray" + PARAMS);
    Score dataSketches = scores.get("dataSketchesItems" + PARAMS);
    Score algorithmR = scores.get("algorithmR" + PARAMS);
    report.heading("Reservoir sampling speed");
    report.markdown(
        "k = 1,000 of a stream of n = 10^6 random longs, from an empty sampler each"
            + " time. Ours: `ReservoirSampler.updateAll(long[])` (Algorithm L, jumps over skipped items"
            + " without reading them) and `update(Long)` per item; DataSketches 6.2.0"
            + " `ReservoirItemsSketch<Long>` (the anchor) and `ReservoirLongsSketch`; a plain Algorithm R"
            + " over the same `long[]` with `SplittableRandom`. Per-item paths read pre-boxed `Long`s.");
    List<List<String>> rows = new ArrayList<>();
    String[][] labels = {
      {"oursUpdateAllLongArray", "ours, updateAll(long[])"},
      {"oursUpdatePerItem", "ours, update(Long) per item"},
      {"dataSketchesItems", "DataSketches ReservoirItemsSketch<Long>"},
      {"dataSketchesLongs", "DataSketches ReservoirLongsSketch"},
      {"algorithmR", "plain Algorithm R (SplittableRandom)"}
    };
    for (String[] label : labels) {
      Score score = scores.get(label[0] + PARAMS);
      rows.add(
          List.of(
              label[1],
              String.format("%.4g ± %.2g", score.value() / N, score.error() / N),
              score.over(dataSketches).toString(),
              score.over(algorithmR).toString()));
    }
    report.table(List.of("sampler", "ns per item", "÷ DataSketches items", "÷ Algorithm R"), rows);
    Jmh.Ratio vsDataSketches = ours.over(dataSketches);
    Jmh.Ratio vsAlgorithmR = ours.over(algorithmR);
    report.target(
        "sampling",
        "reservoir time per item ÷ DataSketches ReservoirItemsSketch (k=1000, n=1e6)",
        Measured.of(vsDataSketches),
        "≤",
        0.1);
    report.target(
        "sampling",
        "reservoir time per item ÷ plain Algorithm R (k=1000, n=1e6)",
        Measured.of(vsAlgorithmR),
        "≤",
        0.1);
  }
}
