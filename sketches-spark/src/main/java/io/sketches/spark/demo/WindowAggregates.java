package io.sketches.spark.demo;

import static org.apache.spark.sql.functions.expr;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;

/**
 * The per-window aggregates of the demo as SQL expressions over the event columns, each producing
 * one column of the window report: {@code distinct_users}, {@code top_pages} (array of struct
 * item/estimate/lower/upper), {@code sample} (array of JSON strings), {@code centers} (array of
 * [lat, lon]) and {@code coefficients} (intercept first, then {@link
 * ClickstreamGenerator#LATENCY_FEATURES}).
 *
 * <p>{@link #SKETCHES} uses this library's {@code sk_*} functions; {@link #SPARK_BUILT_INS} is the
 * closest Spark has without it (no k-means, no regression), used only when the sketches functions
 * are not on the classpath.
 */
public record WindowAggregates(String name, double distinctRelativeError, String distinctUsers,
    String topPages, String sample, String centers, String coefficients) {

  public static final int HLL_PRECISION = 12;
  public static final int TOP_PAGES = 5;
  public static final int SAMPLE_SIZE = 5;
  public static final int CLUSTERS = 4;
  public static final long SAMPLE_SEED = 42;

  static final String SAMPLED_EVENT =
      "to_json(named_struct('user_id', user_id, 'page', page, 'device', device, 'latency_ms', latency_ms))";
  static final String LOCATION = "array(lat, lon)";
  static final String LATENCY_FEATURES =
      "array(payload_kb, CASE WHEN device = 'mobile' THEN 1.0D ELSE 0.0D END, CAST(db_queries AS DOUBLE))";

  /** This library's aggregates; HLL relative standard error 1.04/√m with m = 2^precision. */
  public static final WindowAggregates SKETCHES = new WindowAggregates("sketches (sk_* functions)",
      1.04 / Math.sqrt(1 << HLL_PRECISION),
      "sk_distinct(user_id, " + HLL_PRECISION + ")",
      "sk_heavy_hitters(page, " + TOP_PAGES + ")",
      "sk_sample_values(sk_sample(" + SAMPLED_EVENT + ", " + SAMPLE_SIZE + ", " + SAMPLE_SEED + "))",
      "sk_centers(sk_kmeans(" + LOCATION + ", " + CLUSTERS + "))",
      "sk_coefficients(sk_linreg(" + LATENCY_FEATURES + ", latency_ms))");

  /** Spark's own nearest equivalents: HLL++ at 1% error, approx_top_k without bounds. */
  public static final WindowAggregates SPARK_BUILT_INS = new WindowAggregates(
      "Spark built-ins (sketches functions not found)",
      0.01,
      "approx_count_distinct(user_id, 0.01)",
      "transform(approx_top_k(page, " + TOP_PAGES + "), t -> named_struct('item', t.item, "
          + "'estimate', CAST(t.count AS BIGINT), 'lower', CAST(NULL AS BIGINT), 'upper', CAST(NULL AS BIGINT)))",
      "slice(shuffle(collect_list(" + SAMPLED_EVENT + ")), 1, " + SAMPLE_SIZE + ")",
      "CAST(NULL AS ARRAY<ARRAY<DOUBLE>>)",
      "CAST(NULL AS ARRAY<DOUBLE>)");

  /**
   * Registers this library's SQL functions in {@code spark} if they are on the classpath and returns
   * {@link #SKETCHES}; otherwise {@link #SPARK_BUILT_INS}.
   */
  public static WindowAggregates forSession(SparkSession spark) {
    if (!spark.catalog().functionExists("sk_distinct")) {
      try {
        Class.forName("io.sketches.spark.SketchFunctions")
            .getMethod("register", SparkSession.class)
            .invoke(null, spark);
      } catch (ReflectiveOperationException | LinkageError e) {
        return SPARK_BUILT_INS;
      }
    }
    return spark.catalog().functionExists("sk_distinct") ? SKETCHES : SPARK_BUILT_INS;
  }

  /** The aggregate columns after {@code count(*) AS events}, in report order. */
  List<Column> columns() {
    return List.of(
        expr(distinctUsers).cast("bigint").as("distinct_users"),
        expr(topPages).as("top_pages"),
        expr(sample).as("sample"),
        expr(centers).as("centers"),
        expr(coefficients).as("coefficients"));
  }
}
