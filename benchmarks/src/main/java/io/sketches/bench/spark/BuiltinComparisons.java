package io.sketches.bench.spark;

import io.sketches.bench.spark.QueryTimer.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.SparkSession;

/**
 * The query set of the Spark end-to-end comparison: every aggregate {@code
 * io.sketches.spark.SketchFunctions} registers, beside the nearest Spark 4.2 built-in, over the
 * same cached generated table {@value #TABLE}, ungrouped and grouped by 1,000 keys.
 *
 * <p>The table has {@code n} rows: {@code id} (0..n−1, distinct), {@code g = id % 1000} (the group
 * key), {@code z} (skewed: {@code floor(1/u)} for a hashed uniform u, so P(z = m) = 1/(m(m+1)), a
 * Zipf-like law with exponent 2: z = 1 is half the rows), {@code x1..x10} (hashed uniforms in (0,
 * 1]) and {@code y = 1 + Σ j·xj + (u − 1/2)}. Table {@value #STORED} holds the "hourly" HLL
 * sketches and top-k summaries of both libraries per (g, part), part = (id div 1000) % 24, built
 * once before any timing, for the rollup comparisons ({@code sk_merge} vs {@code hll_union_agg};
 * {@code sk_top_k(sk_merge(f), k)} vs {@code approx_top_k_estimate(approx_top_k_combine(a), k)}).
 *
 * <p>Every query hashes its aggregate's full result ({@code hash(...)}), so nothing is pruned and
 * both sides produce their whole answer: ungrouped {@code SELECT hash(agg) FROM t}, grouped {@code
 * SELECT count(*), sum(r) FROM (SELECT g, hash(agg) AS r FROM t GROUP BY g)}.
 */
final class BuiltinComparisons {
  static final String TABLE = "sk_bench";
  static final String STORED = "sk_bench_hourly";
  static final int GROUPS = 1000;
  static final int PARTS = 24;
  static final int FEATURES = 10;

  /** sk_heavy_hitters' k and approx_top_k's k. */
  static final int TOP_K = 10;

  /** A small tracked-items setting for both top-k functions (the default is 10,000 for both). */
  static final int SMALL_TRACKED = 2 * TOP_K;

  static final int SAMPLE_K = 100;
  static final int CLUSTERS = 10;

  /** sk_bayes_linreg's prior precision α: weak, so the posterior mean is the least squares fit. */
  static final double PRIOR_PRECISION = 1e-6;

  static final double NOISE_PRECISION = 12;

  private BuiltinComparisons() {}

  /** One of our aggregates and the nearest built-in computing the same thing on the same rows. */
  record Comparison(String ours, String builtIn, String table, String note) {
    Query query(String expr, boolean grouped, long rows) {
      String sql =
          grouped
              ? String.format(
                  "SELECT count(*), sum(r) FROM (SELECT g, hash(%s) AS r FROM %s" + " GROUP BY g)",
                  expr, table)
              : String.format("SELECT hash(%s) FROM %s", expr, table);
      return new Query(label(expr) + (grouped ? ", 1,000 groups" : ""), sql, rows);
    }
  }

  /** A short form of an expression for tables: the ten-column lists abbreviated. */
  static String label(String expr) {
    return expr.replace(features(FEATURES), "array(x1, …, x10)")
        .replace(averages(FEATURES, true), "avg(x1), …, avg(x10), avg(y)")
        .replace(averages(FEATURES, false), "avg(x1), …, avg(x10)");
  }

  static String x(int j) {
    return "x" + j;
  }

  /** {@code array(x1, ..., xd)}. */
  static String features(int d) {
    return IntStream.rangeClosed(1, d)
        .mapToObj(BuiltinComparisons::x)
        .collect(Collectors.joining(", ", "array(", ")"));
  }

  /** {@code sk_bayes_linreg(features, y, α, β)}. */
  static String bayes(String features) {
    return String.format(
        "sk_bayes_linreg(%s, y, %sD, %sD)", features, PRIOR_PRECISION, NOISE_PRECISION);
  }

  /** The floor for a model over d features: one {@code avg} per column it reads. */
  private static String averages(int d, boolean label) {
    return IntStream.rangeClosed(1, d)
            .mapToObj(j -> "avg(" + x(j) + ")")
            .collect(Collectors.joining(", "))
        + (label ? ", avg(y)" : "");
  }

  /** A hashed uniform in (0, 1], one independent stream per {@code stream}. */
  private static String uniform(int stream) {
    return String.format("((pmod(xxhash64(id, %d), 1073741824) + 1) / 1073741824.0D)", stream);
  }

  /** Caches {@value #TABLE} (n rows) and {@value #STORED}; returns the latter's row count. */
  static long createTables(SparkSession spark, long n) {
    createTable(spark, n);
    spark
        .sql(
            String.format(
                "SELECT g, %s AS part, sk_hll(id) AS h, hll_sketch_agg(id) AS d, %s AS f,"
                    + " %s AS a FROM %s GROUP BY g, part",
                PART, FREQUENT, ACCUMULATE, TABLE))
        .cache()
        .createOrReplaceTempView(STORED);
    return spark.table(STORED).count();
  }

  /** Caches {@value #TABLE} alone (n rows). */
  static void createTable(SparkSession spark, long n) {
    StringBuilder sql =
        new StringBuilder("SELECT id, CAST(id % ")
            .append(GROUPS)
            .append(" AS INT) AS g, CAST(floor(1.0D / ")
            .append(uniform(0))
            .append(") AS BIGINT) AS z");
    StringBuilder y = new StringBuilder("1.0D");
    for (int j = 1; j <= FEATURES; j++) {
      sql.append(", ").append(uniform(j)).append(" AS ").append(x(j));
      y.append(" + ").append(j).append(" * ").append(x(j));
    }
    sql.append(" FROM range(0, ").append(n).append(", 1, 2)");
    String withLabel =
        "SELECT *, " + y + " + " + uniform(FEATURES + 1) + " - 0.5D AS y FROM (" + sql + ")";
    spark.sql(withLabel).cache().createOrReplaceTempView(TABLE);
    spark.table(TABLE).count();
  }

  static void dropTables(SparkSession spark) {
    spark.catalog().dropTempView(STORED);
    spark.catalog().dropTempView(TABLE);
    spark.catalog().clearCache();
  }

  /** The comparisons, in report order; the top-k ones are {@link TopKComparison}'s. */
  static List<Comparison> all() {
    String one = "array(x1)";
    String ten = features(FEATURES);
    String regr = "regr_slope(y, x1), regr_intercept(y, x1)";
    String floorLabel = "floor: `avg` of each column read (not a competitor)";
    List<Comparison> all = new ArrayList<>();
    all.add(new Comparison("sk_hll(id)", "hll_sketch_agg(id)", TABLE, "HLL sketch bytes, lgK 12"));
    all.add(
        new Comparison(
            "sk_merge(h)",
            "hll_union_agg(d)",
            STORED,
            "rollup of stored sketches; rows are the stored sketches"));
    all.add(
        new Comparison(
            "sk_cms(z, 0.01, 0.01)", "count_min_sketch(z, 0.01D, 0.99D, 0)", TABLE, "same ε, δ"));
    all.add(
        new Comparison(
            "sk_sample(id, " + SAMPLE_K + ")",
            "min_by(id, xxhash64(id), " + SAMPLE_K + ")",
            TABLE,
            "bottom-k by hash: a uniform sample (not mergeable as bytes)"));
    all.add(new Comparison("sk_linreg(" + one + ", y)", regr, TABLE, "one feature, exact both"));
    all.add(new Comparison(bayes(one), regr, TABLE, "one feature"));
    all.add(
        new Comparison("sk_linreg(" + ten + ", y)", averages(FEATURES, true), TABLE, floorLabel));
    all.add(new Comparison(bayes(ten), averages(FEATURES, true), TABLE, floorLabel));
    all.add(
        new Comparison(
            "sk_kmeans(" + ten + ", " + CLUSTERS + ")",
            averages(FEATURES, false),
            TABLE,
            floorLabel + "; MLlib KMeans is no SQL aggregate"));
    return all;
  }

  /** The stored top-k summaries' expressions, per (g, part) in {@value #STORED}. */
  static final String FREQUENT = "sk_frequent(z)";

  static final String ACCUMULATE = "approx_top_k_accumulate(z)";

  /** The rows of one stored sketch: group g's part of the 24 (an "hour"). */
  static final String PART = "CAST((id DIV " + GROUPS + ") % " + PARTS + " AS INT)";

  /** {@code expr} over every (g, part) of {@value #TABLE}: building what {@value #STORED} holds. */
  static Query perPart(String expr, long rows) {
    String sql =
        String.format(
            "SELECT count(*), sum(r) FROM (SELECT hash(%s) AS r FROM %s GROUP BY g, %s)",
            expr, TABLE, PART);
    return new Query(expr + ", per (g, part)", sql, rows);
  }

  /**
   * Serialized state bytes per group (1,000 groups), average: each of our byte-returning aggregates
   * and the built-in's bytes where it has them. Column i is labelled {@code STATE_LABELS[i]}.
   */
  static final List<String> STATE_LABELS =
      List.of(
          "sk_hll(id)",
          "hll_sketch_agg(id)",
          "sk_cms(z, 0.01, 0.01)",
          "count_min_sketch(z, 0.01D, 0.99D, 0)",
          FREQUENT,
          ACCUMULATE + ".sketch",
          "sk_frequent(z, " + SMALL_TRACKED + ")",
          "approx_top_k_accumulate(z, " + SMALL_TRACKED + ").sketch",
          "sk_sample(id, " + SAMPLE_K + ")",
          "sk_linreg(array(x1), y)",
          "sk_linreg(" + features(FEATURES) + ", y)",
          bayes(features(FEATURES)),
          "sk_kmeans(" + features(FEATURES) + ", " + CLUSTERS + ")");

  static String stateBytesQuery() {
    String perGroup =
        IntStream.range(0, STATE_LABELS.size())
            .mapToObj(i -> STATE_LABELS.get(i) + " AS s" + i)
            .collect(Collectors.joining(", "));
    String outer =
        IntStream.range(0, STATE_LABELS.size())
            .mapToObj(i -> "avg(length(s" + i + "))")
            .collect(Collectors.joining(", "));
    return String.format(
        "SELECT %s FROM (SELECT g, %s FROM %s GROUP BY g)", outer, perGroup, TABLE);
  }
}
