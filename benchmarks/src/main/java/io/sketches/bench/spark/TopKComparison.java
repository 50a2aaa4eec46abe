package io.sketches.bench.spark;

import static io.sketches.bench.spark.BuiltinComparisons.ACCUMULATE;
import static io.sketches.bench.spark.BuiltinComparisons.FREQUENT;
import static io.sketches.bench.spark.BuiltinComparisons.SMALL_TRACKED;
import static io.sketches.bench.spark.BuiltinComparisons.STORED;
import static io.sketches.bench.spark.BuiltinComparisons.TABLE;
import static io.sketches.bench.spark.BuiltinComparisons.TOP_K;

import io.sketches.bench.Measured;
import io.sketches.bench.Report;
import io.sketches.bench.Uncertainty;
import io.sketches.bench.spark.BuiltinComparisons.Comparison;
import io.sketches.bench.spark.QueryTimer.Query;
import io.sketches.bench.spark.QueryTimer.Timing;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The spark-throughput study's top-k section: {@code sk_heavy_hitters} against {@code
 * approx_top_k}, and the stored-summary rollup ({@code sk_frequent} per part, then {@code
 * sk_top_k(sk_merge(...))}) against {@code approx_top_k_accumulate} / {@code approx_top_k_combine}
 * / {@code approx_top_k_estimate}, on the study's cached table in the same session. {@value
 * #ROUNDS} interleaved rounds in either profile; each ratio is the median of the per-round ratios,
 * with their range ({@link Timing#pairedRatioTo}). Targets: ≥ 1.2× at defaults, for the rollup, and
 * for building the parts plus the rollup.
 */
final class TopKComparison {
  static final int ROUNDS = 5;
  static final double TARGET = 1.2;

  private TopKComparison() {}

  /** One row of the table: our query and the built-in's, timed in the same rounds. */
  private record Row(String ours, String builtIn, String groups, Timing oursTime, Timing theirs) {}

  private static final Comparison DEFAULTS =
      new Comparison(
          "sk_heavy_hitters(z, " + TOP_K + ")",
          "approx_top_k(z, " + TOP_K + ")",
          TABLE,
          "defaults: both track 10,000 items");
  private static final Comparison SMALL =
      new Comparison(
          "sk_heavy_hitters(z, " + TOP_K + ", " + SMALL_TRACKED + ")",
          "approx_top_k(z, " + TOP_K + ", " + SMALL_TRACKED + ")",
          TABLE,
          "both track " + SMALL_TRACKED + " items");
  static final Comparison ROLLUP =
      new Comparison(
          "sk_top_k(sk_merge(f), " + TOP_K + ", 'bigint')",
          "approx_top_k_estimate(approx_top_k_combine(a), " + TOP_K + ")",
          STORED,
          "rollup of the stored parts");

  /** The object-aggregate floor over the same column ({@link ObjectAggregateFloor}). */
  private static final String FLOOR = ObjectAggregateFloor.NAME + "(z)";

  static void run(SparkSession spark, Report report, long n, long stored, int warmups) {
    long start = System.nanoTime();
    checkRollup(spark);
    ObjectAggregateFloor.register(spark);
    List<Query> queries = new ArrayList<>();
    for (Comparison c : List.of(DEFAULTS, SMALL, ROLLUP)) {
      long rows = c.table().equals(STORED) ? stored : n;
      for (boolean grouped : new boolean[] {false, true}) {
        queries.add(c.query(c.ours(), grouped, rows));
        queries.add(c.query(c.builtIn(), grouped, rows));
      }
    }
    queries.add(BuiltinComparisons.perPart(FREQUENT, n));
    queries.add(BuiltinComparisons.perPart(ACCUMULATE, n));
    queries.add(DEFAULTS.query(FLOOR, false, n));
    queries.add(DEFAULTS.query(FLOOR, true, n));
    queries.add(BuiltinComparisons.perPart(FLOOR, n));
    List<Timing> t = QueryTimer.time(spark, queries, warmups, ROUNDS);
    SparkThroughputStudy.progress("top-k queries timed", start);

    String parts = String.format("%,d (g, part)", stored);
    Timing buildOurs = t.get(12);
    Timing buildTheirs = t.get(13);
    List<Row> rows = new ArrayList<>();
    rows.add(new Row(DEFAULTS.ours(), DEFAULTS.builtIn(), "none", t.get(0), t.get(1)));
    rows.add(new Row(DEFAULTS.ours(), DEFAULTS.builtIn(), "1,000", t.get(2), t.get(3)));
    rows.add(new Row(SMALL.ours(), SMALL.builtIn(), "none", t.get(4), t.get(5)));
    rows.add(new Row(SMALL.ours(), SMALL.builtIn(), "1,000", t.get(6), t.get(7)));
    rows.add(new Row(FREQUENT, ACCUMULATE, parts, buildOurs, buildTheirs));
    rows.add(new Row(ROLLUP.ours(), ROLLUP.builtIn(), "none", t.get(8), t.get(9)));
    rows.add(new Row(ROLLUP.ours(), ROLLUP.builtIn(), "1,000", t.get(10), t.get(11)));
    rows.add(
        new Row(
            "`" + FREQUENT + "` per part, then `" + ROLLUP.ours() + "`",
            "`" + ACCUMULATE + "` per part, then `" + ROLLUP.builtIn() + "`",
            "1,000",
            sum(buildOurs, t.get(10), n),
            sum(buildTheirs, t.get(11), n)));
    List<Row> floors = new ArrayList<>();
    floors.add(new Row(FLOOR, DEFAULTS.builtIn(), "none", t.get(14), t.get(1)));
    floors.add(new Row(FLOOR, DEFAULTS.builtIn(), "1,000", t.get(15), t.get(3)));
    floors.add(
        new Row(
            "`" + FLOOR + "` per part, then `" + ROLLUP.ours() + "`",
            "`" + ACCUMULATE + "` per part, then `" + ROLLUP.builtIn() + "`",
            "1,000",
            sum(t.get(16), t.get(10), n),
            sum(buildTheirs, t.get(11), n)));
    write(report, rows, n, stored, warmups);
    writeFloors(report, floors);
    for (int target : new int[] {0, 1, 5, 6, 7}) {
      Row row = rows.get(target);
      double[] ratio = row.oursTime().pairedRatioTo(row.theirs());
      report.target(
          "Spark",
          String.format(
              "%s rows/s ÷ %s, %s",
              row.ours().replace("`", ""),
              row.builtIn().replace("`", ""),
              groupsLabel(row.groups())),
          new Measured(ratio[0], ratio[1], ratio[2], Uncertainty.PAIRED_ROUNDS),
          "≥",
          TARGET);
    }
  }

  /**
   * The floor rows: what {@code sk_heavy_hitters} would reach if its summary cost nothing, ÷ the
   * same built-in timings as the rows above (same rounds).
   */
  private static void writeFloors(Report report, List<Row> floors) {
    report.markdown(
        String.format(
            "%nThe floor: `%s` is `%s` with the summary's update taken out (each row is read, its"
                + " item evaluated and dropped; buffers created, merged and serialized as before),"
                + " registered for this study only. `approx_top_k` is an aggregate of the same"
                + " kind (a typed imperative aggregate in the same object hash aggregation), so no"
                + " summary of ours can run faster than this floor: its ratio to the built-in, timed"
                + " in the same rounds, bounds the ratios above.%n",
            FLOOR, FREQUENT));
    ratioTable(report, floors, "floor");
  }

  /** A query as inline code, unless its label already marks its code parts. */
  private static String code(String label) {
    return label.contains("`") ? label : "`" + label + "`";
  }

  private static String groupsLabel(String groups) {
    return groups.equals("none") ? "ungrouped" : groups + " groups";
  }

  /** Two queries run one after the other in each round, over {@code rows} input rows. */
  private static Timing sum(Timing first, Timing second, long rows) {
    double[] seconds = new double[first.seconds().length];
    for (int r = 0; r < seconds.length; r++) {
      seconds[r] = first.seconds()[r] + second.seconds()[r];
    }
    return new Timing(first.label() + " + " + second.label(), rows, seconds);
  }

  private static void write(Report report, List<Row> rows, long n, long stored, int warmups) {
    report.heading("Spark SQL: top k vs approx_top_k");
    report.markdown(
        String.format(
            "The spark-throughput session and cached table (%,d rows; `z` skewed, P(z = m) ="
                + " 1/(m(m+1))), %d interleaved rounds after %d warm-up round(s). M rows/s of the"
                + " median round; the ratio is the median of the per-round ratios, with the lowest"
                + " and highest round's. The parts are the %,d summaries per (g, part) of `%s` and"
                + " `%s` (24 parts per group, stored before timing); the rollup reads them, all at"
                + " once (none) or the 24 of each group (1,000), so its rows are stored summaries;"
                + " the last row builds the parts and rolls them up (the two queries' times added"
                + " round by round, over the %,d source rows). Before timing, both rollups are"
                + " checked to answer the exact top %d.%n",
            n, ROUNDS, warmups, stored, FREQUENT, ACCUMULATE, n, TOP_K));
    ratioTable(report, rows, "ours");
  }

  /** Rows as a table: {@code who}'s rows/s, the built-in's, and the per-round ratio's median. */
  private static void ratioTable(Report report, List<Row> rows, String who) {
    List<List<String>> table = new ArrayList<>();
    for (Row row : rows) {
      double[] ratio = row.oursTime().pairedRatioTo(row.theirs());
      table.add(
          List.of(
              code(row.ours()),
              code(row.builtIn()),
              row.groups(),
              String.format("%.3g", row.oursTime().medianRowsPerSecond() / 1e6),
              String.format("%.3g", row.theirs().medianRowsPerSecond() / 1e6),
              String.format("%.2f (%.2f – %.2f)", ratio[0], ratio[1], ratio[2])));
    }
    report.table(
        List.of(
            who,
            "built-in",
            "groups",
            who + " M rows/s",
            "built-in M rows/s",
            who + " ÷ built-in (range)"),
        table);
  }

  /**
   * Before timing: both rollups of the stored parts answer the exact top {@value
   * BuiltinComparisons#TOP_K} of z (far apart on this column: count n/(m(m+1)) for z = m).
   */
  private static void checkRollup(SparkSession spark) {
    String exact =
        String.format("SELECT z FROM %s GROUP BY z ORDER BY count(*) DESC LIMIT %d", TABLE, TOP_K);
    List<Long> truth = spark.sql(exact).collectAsList().stream().map(r -> r.getLong(0)).toList();
    for (String expr : List.of(ROLLUP.ours(), ROLLUP.builtIn())) {
      List<Long> answer =
          spark
              .sql(String.format("SELECT inline(%s) FROM %s", expr, STORED))
              .collectAsList()
              .stream()
              .map(r -> r.getLong(0))
              .toList();
      if (!answer.equals(truth)) {
        throw new IllegalStateException(
            expr + " answers " + answer + ", the exact top is " + truth);
      }
    }
  }
}
