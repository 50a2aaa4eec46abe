package io.sketches.bench.spark;

import static io.sketches.bench.spark.BuiltinComparisons.GROUPS;
import static io.sketches.bench.spark.BuiltinComparisons.TABLE;

import io.sketches.bench.Measured;
import io.sketches.bench.Report;
import io.sketches.bench.Uncertainty;
import io.sketches.bench.spark.BuiltinComparisons.Comparison;
import io.sketches.bench.spark.QueryTimer.Query;
import io.sketches.bench.spark.QueryTimer.Timing;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.aggregate.ApproximatePercentile;
import org.apache.spark.sql.catalyst.expressions.aggregate.ApproximatePercentile$;

/**
 * The spark-throughput study's quantiles section: the median of {@value #COLUMN} (a hashed uniform
 * double) by {@code sk_percentile} against {@code percentile_approx} (at its default accuracy
 * 10,000, and at the most accurate of {@link #ACCURACIES} whose measured rank error is at least
 * ours) and against {@code kll_sketch_get_quantile_double(kll_sketch_agg_double(...))} (k = 200, as
 * ours), ungrouped and by 1,000 groups, on the study's cached table in the same session.
 *
 * <p>Before timing, each answer's rank error is measured against the table: for an answer q of rank
 * p, the distance from p to [#(x < q)/n, #(x ≤ q)/n] (0 when q is an exact p-quantile), ungrouped
 * and per group (mean and maximum over the 1,000 groups). {@value #ROUNDS} interleaved rounds; each
 * ratio is the median of the per-round ratios of rows/s, with their range. Targets: ≥ {@value
 * #TARGET_PERCENTILE}× percentile_approx at an accuracy whose error is at least ours, ≥ {@value
 * #TARGET_KLL}× the kll_sketch pair.
 */
final class QuantilesComparison {
  static final int ROUNDS = 5;
  static final double TARGET_PERCENTILE = 2.0;
  static final double TARGET_KLL = 1.2;
  static final String COLUMN = "x1";
  static final double RANK = 0.5;

  /** percentile_approx accuracies tried for the equal-error comparison, most accurate first. */
  static final int[] ACCURACIES = {10_000, 2_000, 1_000, 500, 200, 100, 50, 20, 10};

  static final String OURS = String.format("sk_percentile(%s, %s)", COLUMN, RANK);
  static final String KLL =
      String.format("kll_sketch_get_quantile_double(kll_sketch_agg_double(%s), %s)", COLUMN, RANK);

  private QuantilesComparison() {}

  static String percentileApprox(int accuracy) {
    return accuracy == 10_000
        ? String.format("percentile_approx(%s, %s)", COLUMN, RANK)
        : String.format("percentile_approx(%s, %s, %d)", COLUMN, RANK, accuracy);
  }

  /**
   * The timing part alone, for profiling and quick before/after checks: {@code OURS}, {@code
   * percentile_approx} at {@code accuracy} and {@code KLL}, ungrouped and by 1,000 groups, in
   * interleaved rounds on a fresh table; prints each ratio's median and range. Arguments: rows
   * (default 10^7), rounds ({@value #ROUNDS}), warm-up rounds (2), accuracy (100), and optionally
   * the indexes of the queries to time alone, comma-separated, for a profiler or a before/after
   * check of ours alone (0–3 ours, percentile_approx, kll_sketch and the object-aggregate floor
   * ungrouped; 4–7 the same by groups), printing each one's best time. The floor is {@link
   * ObjectAggregateFloor} over the column cast to BIGINT: an aggregate of the kll pair's kind whose
   * update does nothing, so its ratio to the kll pair bounds what any such aggregate can reach.
   */
  public static void main(String[] args) {
    long n = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : ROUNDS;
    int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int accuracy = args.length > 3 ? Integer.parseInt(args[3]) : 100;
    SparkSession spark = LocalSpark.session("quantiles-comparison");
    io.sketches.spark.SketchFunctions.register(spark);
    ObjectAggregateFloor.register(spark);
    BuiltinComparisons.createTable(spark, n);
    String floor = String.format("%s(CAST(%s * 1e9 AS BIGINT))", ObjectAggregateFloor.NAME, COLUMN);
    List<String> exprs = List.of(OURS, percentileApprox(accuracy), KLL, floor);
    Comparison table = new Comparison(OURS, KLL, TABLE, "");
    List<Query> queries = new ArrayList<>();
    for (boolean grouped : new boolean[] {false, true}) {
      for (String expr : exprs) {
        queries.add(table.query(expr, grouped, n));
      }
    }
    if (args.length > 4) {
      List<Query> only = new ArrayList<>();
      for (String i : args[4].split(",")) {
        only.add(queries.get(Integer.parseInt(i)));
      }
      QueryTimer.time(spark, only, warmups, rounds)
          .forEach(x -> System.out.printf("%s: %.3f s best%n", x.label(), x.best()));
      spark.stop();
      return;
    }
    List<Timing> t = QueryTimer.time(spark, queries, warmups, rounds);
    int perGroup = exprs.size();
    for (int g = 0; g < 2; g++) {
      for (int[] pair : new int[][] {{0, 1}, {0, 2}, {3, 2}}) {
        Timing first = t.get(perGroup * g + pair[0]);
        double[] ratio = first.pairedRatioTo(t.get(perGroup * g + pair[1]));
        System.out.printf(
            "%s ÷ %s%s: %.2f (%.2f – %.2f); %.3g M rows/s%n",
            exprs.get(pair[0]),
            exprs.get(pair[1]),
            g == 0 ? "" : ", 1,000 groups",
            ratio[0],
            ratio[1],
            ratio[2],
            first.medianRowsPerSecond() / 1e6);
      }
    }
    spark.stop();
  }

  /** An answer's measured rank error: ungrouped, and mean and maximum over the groups. */
  record RankError(double ungrouped, double groupMean, double groupMax) {
    String cell() {
      return String.format("%.5f / %.5f / %.5f", ungrouped, groupMean, groupMax);
    }
  }

  /** Our query and a built-in's, timed in the same rounds. */
  private record Pair(String ours, String builtIn, String groups, Timing oursTime, Timing theirs) {}

  static void run(SparkSession spark, Report report, long n, int warmups) {
    long start = System.nanoTime();
    RankError ours = rankError(spark, OURS);
    RankError kll = rankError(spark, KLL);
    List<RankError> percentile = new ArrayList<>();
    int matched = -1;
    for (int accuracy : ACCURACIES) {
      RankError e = rankError(spark, percentileApprox(accuracy));
      percentile.add(e);
      if (matched < 0 && e.groupMax() >= ours.groupMax()) {
        matched = accuracy; // the most accurate one whose error is at least ours
      }
    }
    if (matched < 0) {
      matched = ACCURACIES[ACCURACIES.length - 1]; // none as coarse as ours: the coarsest tried
    }
    SparkThroughputStudy.progress("quantile answers' rank errors measured", start);

    List<String> exprs = new ArrayList<>(List.of(OURS, percentileApprox(10_000)));
    if (matched != 10_000) {
      exprs.add(percentileApprox(matched));
    }
    exprs.add(KLL);
    Comparison table = new Comparison(OURS, KLL, TABLE, "");
    List<Query> queries = new ArrayList<>();
    for (boolean grouped : new boolean[] {false, true}) {
      for (String expr : exprs) {
        queries.add(table.query(expr, grouped, n));
      }
    }
    List<Timing> t = QueryTimer.time(spark, queries, warmups, ROUNDS);
    SparkThroughputStudy.progress("quantile queries timed", start);

    List<Pair> rows = new ArrayList<>();
    int m = exprs.size();
    for (int g = 0; g < 2; g++) {
      String groups = g == 0 ? "none" : String.format("%,d", GROUPS);
      for (int b = 1; b < m; b++) {
        rows.add(new Pair(OURS, exprs.get(b), groups, t.get(m * g), t.get(m * g + b)));
      }
    }
    write(spark, report, n, warmups, rows, ours, kll, percentile, matched);
    for (Pair row : rows) {
      boolean isKll = row.builtIn().equals(KLL);
      if (!isKll && !row.builtIn().equals(percentileApprox(matched))) {
        continue; // the default accuracy is more accurate than ours: reported, not a target
      }
      double[] ratio = row.oursTime().pairedRatioTo(row.theirs());
      report.target(
          "Spark",
          String.format(
              "%s rows/s ÷ %s, %s%s",
              row.ours(),
              row.builtIn(),
              row.groups().equals("none") ? "ungrouped" : row.groups() + " groups",
              isKll ? "" : " (its measured rank error ≥ ours)"),
          new Measured(ratio[0], ratio[1], ratio[2], Uncertainty.PAIRED_ROUNDS),
          "≥",
          isKll ? TARGET_KLL : TARGET_PERCENTILE);
    }
  }

  /** The rank error of {@code expr}'s answer, ungrouped and per group. */
  static RankError rankError(SparkSession spark, String expr) {
    String error = String.format("greatest(0D, lo - %s, %s - hi)", RANK, RANK);
    String counts =
        String.format(
            "count_if(t.%1$s < a.q) / count(*) AS lo, count_if(t.%1$s <= a.q) / count(*) AS hi",
            COLUMN);
    Row whole =
        spark
            .sql(
                String.format(
                    "SELECT %s FROM (SELECT %s FROM %s t CROSS JOIN (SELECT %s AS q FROM %s) a)",
                    error, counts, TABLE, expr, TABLE))
            .first();
    Row groups =
        spark
            .sql(
                String.format(
                    "SELECT avg(e), max(e) FROM (SELECT %s AS e FROM (SELECT t.g, %s FROM %s t"
                        + " JOIN (SELECT g, %s AS q FROM %s GROUP BY g) a ON t.g = a.g"
                        + " GROUP BY t.g))",
                    error, counts, TABLE, expr, TABLE))
            .first();
    return new RankError(whole.getDouble(0), groups.getDouble(0), groups.getDouble(1));
  }

  private static void write(
      SparkSession spark,
      Report report,
      long n,
      int warmups,
      List<Pair> rows,
      RankError ours,
      RankError kll,
      List<RankError> percentile,
      int matched) {
    report.heading("Spark SQL: quantiles vs percentile_approx and kll_sketch");
    report.markdown(
        String.format(
            "The spark-throughput session and cached table (%,d rows; `%s` a hashed uniform"
                + " double), the median (p = %s), ungrouped and by `g` (1,000 groups of %,d rows)."
                + " Each query hashes its answer. %d interleaved rounds after %d warm-up round(s);"
                + " M rows/s of the median round; the ratio is the median of the per-round ratios,"
                + " with the lowest and highest round's. `percentile_approx` runs at its default"
                + " accuracy 10,000 and at %,d, the most accurate of %s whose maximum rank error"
                + " over the 1,000 groups is at least ours (its stated error is 1/accuracy).%n",
            n,
            COLUMN,
            RANK,
            n / GROUPS,
            ROUNDS,
            warmups,
            matched,
            java.util.Arrays.toString(ACCURACIES)));
    List<List<String>> table = new ArrayList<>();
    for (Pair row : rows) {
      double[] ratio = row.oursTime().pairedRatioTo(row.theirs());
      table.add(
          List.of(
              "`" + row.ours() + "`",
              "`" + row.builtIn() + "`",
              row.groups(),
              String.format("%.3g", row.oursTime().medianRowsPerSecond() / 1e6),
              String.format("%.3g", row.theirs().medianRowsPerSecond() / 1e6),
              String.format("%.2f (%.2f – %.2f)", ratio[0], ratio[1], ratio[2])));
    }
    report.table(
        List.of(
            "ours",
            "built-in",
            "groups",
            "ours M rows/s",
            "built-in M rows/s",
            "ours ÷ built-in (range)"),
        table);

    report.markdown(
        "\nMeasured rank error of each answer (ungrouped / mean over the 1,000 groups / maximum"
            + " over them):\n");
    List<List<String>> errors = new ArrayList<>();
    errors.add(List.of("`" + OURS + "`", ours.cell()));
    errors.add(List.of("`" + KLL + "`", kll.cell()));
    for (int i = 0; i < ACCURACIES.length; i++) {
      errors.add(List.of("`" + percentileApprox(ACCURACIES[i]) + "`", percentile.get(i).cell()));
    }
    report.table(List.of("answer", "rank error"), errors);
    stateBytes(spark, report, n, matched);
  }

  /**
   * Serialized state bytes per group: our sketch and kll_sketch_agg_double's, averaged over the
   * 1,000 groups; percentile_approx's aggregation buffer (its PercentileDigest, serialized as Spark
   * does between stages) rebuilt on the driver from the first 10 groups' rows.
   */
  private static void stateBytes(SparkSession spark, Report report, long n, int matched) {
    Row bytes =
        spark
            .sql(
                String.format(
                    "SELECT avg(length(s)), avg(length(d)) FROM (SELECT g, sk_quantiles(%1$s) AS s,"
                        + " kll_sketch_agg_double(%1$s) AS d FROM %2$s GROUP BY g)",
                    COLUMN, TABLE))
            .first();
    int sampled = 10;
    List<Row> values =
        spark
            .sql(String.format("SELECT g, %s FROM %s WHERE g < %d", COLUMN, TABLE, sampled))
            .collectAsList();
    double[] digest = new double[2];
    int[] accuracies = {10_000, matched};
    for (int a = 0; a < accuracies.length; a++) {
      long total = 0;
      for (int g = 0; g < sampled; g++) {
        ApproximatePercentile.PercentileDigest d =
            new ApproximatePercentile.PercentileDigest(1.0 / accuracies[a]);
        for (Row r : values) {
          if (r.getInt(0) == g) {
            d.add(r.getDouble(1));
          }
        }
        total += ApproximatePercentile$.MODULE$.serializer().serialize(d).length;
      }
      digest[a] = (double) total / sampled;
    }
    report.markdown(
        String.format(
            "%nSerialized state bytes per group (groups of %,d rows): `sk_quantiles(%s)` %.0f,"
                + " `kll_sketch_agg_double(%s)` %.0f; `percentile_approx`'s buffer (a"
                + " PercentileDigest, serialized as Spark does, rebuilt on the driver for the first"
                + " %d groups) %.0f at accuracy 10,000 and %.0f at %,d.%n",
            n / GROUPS,
            COLUMN,
            bytes.getDouble(0),
            COLUMN,
            bytes.getDouble(1),
            sampled,
            digest[0],
            digest[1],
            matched));
  }
}
