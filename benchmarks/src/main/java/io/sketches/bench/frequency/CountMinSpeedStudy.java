package io.sketches.bench.frequency;

import io.sketches.bench.Jmh;
import io.sketches.bench.Jmh.Score;
import io.sketches.bench.Measured;
import io.sketches.bench.Profile;
import io.sketches.bench.Report;
import io.sketches.bench.Study;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Speed targets, from one JMH run: update of a long item ≤ 0.5 × Spark's and ≤ 0.5 × stream-lib's
 * time, String item ≤ 0.6 × Spark's; merge and serialization times recorded.
 */
public final class CountMinSpeedStudy implements Study {
  private static final String[] UPDATE_IMPLS = {
    "ours", "ours-conservative", "ours-cm05", "spark", "streamlib", "streamlib-conservative"
  };
  private static final String[] MERGE_IMPLS = {"ours", "spark", "streamlib"};

  @Override
  public String name() {
    return "cms-speed";
  }

  @Override
  public void run(Profile profile, Report report) throws Exception {
    Map<String, Score> scores =
        Jmh.run(profile, "io\\.sketches\\.bench\\.frequency\\.CountMin.*Benchmark");
    report.heading("Count-Min sketch: speed");
    report.markdown(
        "All sketches built from ε = 0.001, δ = 0.01: ours 3 × 4642 counters (`withError`: the"
            + " fewest rows within 12 % of the smallest counter total, width ⌈δ^(-1/3)/ε⌉, Markov"
            + " ratio 4.64 per row), Spark and stream-lib 7 × 2000 (their 2/ε, log₂(1/δ) sizing) —"
            + " the same advertised guarantee, about the same memory (111 KB vs 112 KB)."
            + " `ours-cm05` is a third shape with the same guarantee, Cormode and Muthukrishnan's"
            + " 5 × 2719 (109 KB, five rows touched per update). "
            + "Update times are per item, averaged over a batch of 4096 distinct items.");
    List<List<String>> rows = new ArrayList<>();
    for (String impl : UPDATE_IMPLS) {
      rows.add(
          List.of(
              impl,
              scores.get("updateLong[impl=" + impl + "]").toString(),
              scores.get("updateString[impl=" + impl + "]").toString()));
    }
    report.table(
        List.of("implementation", "update(long) per item", "update(String) per item"), rows);

    int[] sizes = CountMinMergeBenchmark.serializedSizes();
    rows = new ArrayList<>();
    for (int i = 0; i < MERGE_IMPLS.length; i++) {
      String impl = MERGE_IMPLS[i];
      rows.add(
          List.of(
              impl,
              scores.get("merge[impl=" + impl + "]").toString(),
              scores.get("serialize[impl=" + impl + "]").toString(),
              scores.get("deserialize[impl=" + impl + "]").toString(),
              sizes[i] + " B"));
    }
    report.markdown(
        "\nFull sketches (100,000 updates, every counter non-zero). stream-lib's merge "
            + "allocates a new sketch; ours and Spark's merge in place.");
    report.table(
        List.of("implementation", "merge", "serialize", "deserialize", "serialized size"), rows);

    Jmh.Ratio longVsSpark = ratio(scores, "updateLong", "ours", "spark");
    Jmh.Ratio longVsStreamlib = ratio(scores, "updateLong", "ours", "streamlib");
    Jmh.Ratio stringVsSpark = ratio(scores, "updateString", "ours", "spark");
    Jmh.Ratio cm05VsSpark = ratio(scores, "updateLong", "ours-cm05", "spark");
    Jmh.Ratio conservativeVsStreamlib =
        ratio(scores, "updateLong", "ours-conservative", "streamlib-conservative");
    report.target(
        "Count-Min", "CMS update(long) time ÷ Spark addLong", Measured.of(longVsSpark), "≤", 0.5);
    report.target(
        "Count-Min",
        "CMS update(long) time ÷ stream-lib add",
        Measured.of(longVsStreamlib),
        "≤",
        0.5);
    report.target(
        "Count-Min",
        "CMS update(String) time ÷ Spark addString",
        Measured.of(stringVsSpark),
        "≤",
        0.5);
    report.markdown(
        String.format(
            "%nRatios (ours ÷ anchor, same run): update(long) vs Spark %s, vs "
                + "stream-lib %s; update(String) vs Spark %s; CM05 5 × 2719 shape update(long) vs Spark %s; "
                + "conservative update(long) vs stream-lib "
                + "ConservativeAddSketch %s; merge vs Spark %s; serialize vs Spark %s; deserialize vs "
                + "Spark %s.%n",
            longVsSpark,
            longVsStreamlib,
            stringVsSpark,
            cm05VsSpark,
            conservativeVsStreamlib,
            ratio(scores, "merge", "ours", "spark"),
            ratio(scores, "serialize", "ours", "spark"),
            ratio(scores, "deserialize", "ours", "spark")));
  }

  private static Jmh.Ratio ratio(
      Map<String, Score> scores, String method, String ours, String anchor) {
    return scores
        .get(method + "[impl=" + ours + "]")
        .over(scores.get(method + "[impl=" + anchor + "]"));
  }
}
