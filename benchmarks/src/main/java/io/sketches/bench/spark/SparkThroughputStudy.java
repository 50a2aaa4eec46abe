package io.sketches.bench.spark;

import io.sketches.bench.Measured;
import io.sketches.bench.Profile;
import io.sketches.bench.Report;
import io.sketches.bench.Study;
import io.sketches.bench.Uncertainty;
import io.sketches.bench.spark.BuiltinComparisons.Comparison;
import io.sketches.bench.spark.QueryTimer.Query;
import io.sketches.bench.spark.QueryTimer.Timing;
import io.sketches.spark.SketchFunctions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * "spark-throughput": rows per second of the {@code sk_*} aggregates against Spark's built-ins in
 * one local[2] session (2 partitions, shuffle partitions fixed at 2), in two parts.
 *
 * <p><b>Targets</b>, over {@code range(n)}: {@code sk_distinct(id)} vs {@code
 * approx_count_distinct(id)} and {@code hll_sketch_estimate(hll_sketch_agg(id))}, the same grouped
 * by 1,000 keys, and {@code sk_cms} vs {@code count_min_sketch}; plus HLL state bytes per group.
 *
 * <p><b>Every aggregate</b>: every aggregate {@code SketchFunctions} registers beside the nearest
 * built-in ({@link BuiltinComparisons}) on one cached generated table, ungrouped and grouped by
 * 1,000 keys, after {@link ResultChecks} has checked that every compared query answers what it
 * claims; then the serialized state bytes per group. No targets there, but for top k: {@code
 * sk_heavy_hitters} and the {@code sk_frequent} / {@code sk_merge} / {@code sk_top_k} rollup
 * against {@code approx_top_k} and its accumulate / combine / estimate trio, in 5 interleaved
 * rounds, target ≥ 1.2× (the median of the per-round ratios); and quantiles ({@link
 * QuantilesComparison}): {@code sk_percentile} against {@code percentile_approx} and the {@code
 * kll_sketch_*} pair, targets ≥ 2× and ≥ 1.2×.
 *
 * <p>Timing ({@link QueryTimer}): warm-up rounds, then interleaved rounds; the best time counts,
 * the spread gives the error.
 */
public final class SparkThroughputStudy implements Study {

  @Override
  public String name() {
    return "spark-throughput";
  }

  @Override
  public void run(Profile profile, Report report) throws Exception {
    long rows = profile.pick(5_000_000, 10_000_000);
    int repeats = profile.pick(3, 5);
    SparkSession spark = LocalSpark.session("spark-throughput");
    spark.conf().set("spark.sql.shuffle.partitions", 2);
    SketchFunctions.register(spark);
    spark.range(0, rows, 1, 2).createOrReplaceTempView("ids");
    String grouped = "SELECT sum(d) FROM (SELECT id %% 1000 AS k, %s AS d FROM ids GROUP BY k)";

    BiFunction<String, String, Query> q = (label, sql) -> new Query(label, sql, rows);
    List<Query> queries =
        List.of(
            // defaults: sk_distinct and approx_count_distinct both precision 9 (rsd 0.05)
            q.apply("sk_distinct(id)", "SELECT sk_distinct(id) FROM ids"),
            q.apply("approx_count_distinct(id)", "SELECT approx_count_distinct(id) FROM ids"),
            q.apply(
                "hll_sketch_estimate(hll_sketch_agg(id))",
                "SELECT hll_sketch_estimate(hll_sketch_agg(id)) FROM ids"),
            // hll_sketch_agg's default lgConfigK 12 at equal precision
            q.apply("sk_distinct(id, 12)", "SELECT sk_distinct(id, 12) FROM ids"),
            q.apply("sk_distinct(id), 1,000 groups", String.format(grouped, "sk_distinct(id)")),
            q.apply(
                "approx_count_distinct(id), 1,000 groups",
                String.format(grouped, "approx_count_distinct(id)")),
            // both at precision 12: Spark picks p = ⌈2·log2(1.106 / rsd)⌉, so rsd 0.0173 is p = 12
            // (1.04/64 = 0.0163 would be 13)
            q.apply(
                "sk_distinct(id, 12), 1,000 groups", String.format(grouped, "sk_distinct(id, 12)")),
            q.apply(
                "approx_count_distinct(id, 0.0173), 1,000 groups",
                String.format(grouped, "approx_count_distinct(id, 0.0173)")),
            q.apply("sk_cms(id, 0.001, 0.01)", "SELECT length(sk_cms(id, 0.001, 0.01)) FROM ids"),
            q.apply(
                "count_min_sketch(id, 0.001, 0.99, 0)",
                "SELECT length(count_min_sketch(id, 0.001D, 0.99D, 0)) FROM ids"));
    long start = System.nanoTime();
    List<Timing> all = QueryTimer.time(spark, queries, profile.pick(2, 2), repeats);
    progress("throughput queries timed", start);
    Timing sk = all.get(0);
    Timing acd = all.get(1);
    Timing ds = all.get(2);
    Timing skP12 = all.get(3);
    Timing skGrouped = all.get(4);
    Timing acdGrouped = all.get(5);
    Timing skGroupedP12 = all.get(6);
    Timing acdGroupedP12 = all.get(7);
    Timing cms = all.get(8);
    Timing ccms = all.get(9);

    report.heading("Spark SQL throughput");
    report.markdown(
        String.format(
            "local[2], %,d rows of `range(%d)` in 2 partitions, best of %d"
                + " rounds after two warm-up rounds, queries interleaved. Defaults: `sk_distinct`"
                + " precision 9 and `approx_count_distinct` rsd 0.05 (precision 9 too: the same accuracy);"
                + " `hll_sketch_agg` lgConfigK 12, so it is also compared with `sk_distinct(id, 12)`.%n",
            rows, rows, repeats));
    List<List<String>> table = new ArrayList<>();
    for (Timing t : all) {
      table.add(
          List.of(
              "`" + t.label() + "`",
              String.format("%.2f", t.rowsPerSecond() / 1e6),
              String.format("%.3f", t.best()),
              String.format("±%.0f%%", 100 * t.relativeSpread())));
    }
    report.table(List.of("aggregate", "M rows/s", "best s", "spread"), table);

    Row bytes =
        spark
            .sql(
                "SELECT avg(length(h)), avg(length(d)) FROM (SELECT id % 1000 AS k,"
                    + " sk_hll(id) AS h, hll_sketch_agg(id) AS d FROM ids GROUP BY k)")
            .first();
    report.markdown(
        String.format(
            "Serialized sketch bytes per group (1,000 groups of %,d ids,"
                + " both precision 12): `sk_hll` %.0f, `hll_sketch_agg` %.0f (what a query returns and a"
                + " table stores). While aggregating, grouped `sk_distinct` at precision ≤ 14"
                + " keeps a fixed-width buffer of about m/8 longs (536 bytes at p = 9, 4,240 at p = 12;"
                + " `approx_count_distinct` keeps 424 bytes at p = 9 and 3,336 at p = 12); `sk_hll`"
                + " and streaming aggregates keep the sketch as their state.%n",
            rows / 1000, bytes.getDouble(0), bytes.getDouble(1)));

    target(
        report,
        "sk_distinct rows/s ÷ approx_count_distinct (defaults, both precision 9)",
        sk,
        acd,
        1.0);
    target(
        report, "sk_distinct rows/s ÷ hll_sketch_agg + estimate (defaults: 9 vs 12)", sk, ds, 1.0);
    target(
        report, "sk_distinct(id, 12) rows/s ÷ hll_sketch_agg + estimate (both 12)", skP12, ds, 1.0);
    target(
        report,
        "sk_distinct rows/s ÷ approx_count_distinct, 1,000 groups (defaults, both"
            + " precision 9)",
        skGrouped,
        acdGrouped,
        0.8);
    target(
        report,
        "sk_distinct(id, 12) rows/s ÷ approx_count_distinct(id, 0.0173), 1,000 groups"
            + " (both precision 12)",
        skGroupedP12,
        acdGroupedP12,
        0.8);
    target(report, "sk_cms rows/s ÷ count_min_sketch", cms, ccms, 1.0);
    spark.catalog().dropTempView("ids");

    compareWithBuiltIns(spark, profile, report);
  }

  /**
   * Every {@code sk_*} aggregate against the nearest built-in on one cached table, ungrouped and
   * grouped by 1,000 keys, after checking that both answer what they claim; then the serialized
   * state bytes per group.
   */
  private static void compareWithBuiltIns(SparkSession spark, Profile profile, Report report) {
    long n = profile.pick(2_000_000, 10_000_000);
    int repeats = profile.pick(2, 5);
    int warmups = profile.pick(1, 2);
    long start = System.nanoTime();
    long stored = BuiltinComparisons.createTables(spark, n);
    progress("tables cached", start);
    ResultChecks.all(spark, n);
    progress("answers checked", start);

    // one built-in query (regr_*, the avg floor) serves several comparisons: time it once
    Map<String, Query> distinct = new LinkedHashMap<>();
    List<Query[]> pairs = new ArrayList<>();
    List<Comparison> comparisons = BuiltinComparisons.all();
    for (Comparison c : comparisons) {
      long rows = c.table().equals(BuiltinComparisons.STORED) ? stored : n;
      for (boolean grouped : new boolean[] {false, true}) {
        Query ours = c.query(c.ours(), grouped, rows);
        Query theirs = c.query(c.builtIn(), grouped, rows);
        distinct.putIfAbsent(ours.sql(), ours);
        distinct.putIfAbsent(theirs.sql(), theirs);
        pairs.add(new Query[] {ours, theirs});
      }
    }
    Map<String, Timing> timings = new HashMap<>();
    List<Query> queries = new ArrayList<>(distinct.values());
    List<Timing> measured = QueryTimer.time(spark, queries, warmups, repeats);
    progress(queries.size() + " queries timed", start);
    for (int i = 0; i < queries.size(); i++) {
      timings.put(queries.get(i).sql(), measured.get(i));
    }

    report.heading("Spark SQL: every sk_* aggregate vs the nearest built-in");
    report.markdown(
        String.format(
            "local[2], one cached table of %,d generated rows in 2"
                + " partitions (`id` distinct, `z` skewed with P(z = m) = 1/(m(m+1)), ten uniform"
                + " features `x1..x10`, `y = 1 + Σ j·xj + noise`; see `BuiltinComparisons`), shuffle"
                + " partitions 2; grouped queries by `g = id %% 1000`. Each query hashes its whole result."
                + " Best of %d interleaved rounds after %d warm-up round(s); ± is the best-to-worst"
                + " spread. `sk_merge` rolls up %,d stored sketches (1,000 groups × 24 parts), so its"
                + " rows are sketches. Before timing, the study checks every answer (rollup"
                + " byte-identical to the direct sketch; `sk_linreg` = `regr_slope`/`regr_intercept`"
                + " within 1e-9 in every group; heavy hitters above N/11 found by both; samples of k"
                + " distinct ids of their own group; centers inside the data's cube).%n",
            n, repeats, warmups, stored));
    List<List<String>> table = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      Comparison c = comparisons.get(i / 2);
      Timing ours = timings.get(pairs.get(i)[0].sql());
      Timing theirs = timings.get(pairs.get(i)[1].sql());
      double[] ratio = ours.ratioTo(theirs);
      table.add(
          List.of(
              "`" + BuiltinComparisons.label(c.ours()) + "`",
              "`" + BuiltinComparisons.label(c.builtIn()) + "`",
              i % 2 == 0 ? "none" : "1,000",
              millions(ours),
              millions(theirs),
              String.format("%.2f ± %.2f", ratio[0], ratio[1]),
              c.note()));
    }
    report.table(
        List.of(
            "ours",
            "nearest built-in",
            "groups",
            "ours M rows/s",
            "built-in M rows/s",
            "ours ÷ built-in",
            "note"),
        table);

    TopKComparison.run(spark, report, n, stored, warmups);
    QuantilesComparison.run(spark, report, n, warmups);

    Row bytes = spark.sql(BuiltinComparisons.stateBytesQuery()).first();
    List<List<String>> sizes = new ArrayList<>();
    for (int i = 0; i < BuiltinComparisons.STATE_LABELS.size(); i++) {
      String state = BuiltinComparisons.label(BuiltinComparisons.STATE_LABELS.get(i));
      sizes.add(List.of("`" + state + "`", String.format("%.0f", bytes.getDouble(i))));
    }
    Row hourly =
        spark
            .sql("SELECT avg(length(h)), avg(length(d)) FROM " + BuiltinComparisons.STORED)
            .first();
    report.markdown(
        String.format(
            "Serialized state bytes per group (average over 1,000 groups"
                + " of %,d rows). `min_by`, `regr_*` and `avg` keep no serialized sketch. The stored"
                + " sketches `sk_merge` and `hll_union_agg` read (%,d ids each) average %.0f bytes"
                + " (`sk_hll`) and %.0f bytes (`hll_sketch_agg`).%n",
            n / 1000,
            n / BuiltinComparisons.GROUPS / BuiltinComparisons.PARTS,
            hourly.getDouble(0),
            hourly.getDouble(1)));
    report.table(List.of("state", "bytes per group"), sizes);
    BuiltinComparisons.dropTables(spark);
    progress("state bytes measured", start);
  }

  /** A progress line within the study (the Spark part runs for a minute or more). */
  static void progress(String what, long start) {
    System.out.printf("  spark-throughput: %s (%.1f s)%n", what, (System.nanoTime() - start) / 1e9);
  }

  private static String millions(Timing t) {
    return String.format("%.3g ± %.0f%%", t.rowsPerSecond() / 1e6, 100 * t.relativeSpread());
  }

  private static void target(
      Report report, String what, Timing ours, Timing theirs, double target) {
    double[] ratio = ours.ratioTo(theirs);
    report.target(
        "Spark",
        what,
        Measured.plusMinus(ratio[0], ratio[1], Uncertainty.ROUND_SPREAD),
        "≥",
        target);
  }
}
