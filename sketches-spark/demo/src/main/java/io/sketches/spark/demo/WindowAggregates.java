package io.sketches.spark.demo;

import static org.apache.spark.sql.functions.expr;

import io.sketches.spark.SketchFunctions;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;

/**
 * The per-window aggregates of the demo, as the SQL a user would write, each producing one column
 * of the window report.
 *
 * <table>
 *   <caption>columns</caption>
 *   <tr><th>column</th><th>type</th><th>sketch</th></tr>
 *   <tr><td>{@code distinct_users}</td><td>struct estimate/lower/upper (double), bounds at
 *       {@link #BOUND_STANDARD_ERRORS}σ</td><td>HyperLogLog</td></tr>
 *   <tr><td>{@code top_pages}</td><td>array of struct item/estimate/lower/upper</td>
 *       <td>Misra–Gries heavy hitters</td></tr>
 *   <tr><td>{@code sample}</td><td>array of JSON strings</td><td>reservoir, Algorithm L</td></tr>
 *   <tr><td>{@code centers}</td><td>array of struct lat/lon</td><td>streaming k-means</td></tr>
 *   <tr><td>{@code coefficients}</td><td>array of double: intercept, then {@link
 *       ClickstreamGenerator#LATENCY_FEATURES}</td><td>exact least squares</td></tr>
 * </table>
 */
public final class WindowAggregates {
  public static final int HLL_PRECISION = 12;

  /** Width of the distinct-count bound: 3σ, so a fair sketch misses about 0.3% of windows. */
  public static final int BOUND_STANDARD_ERRORS = 3;

  public static final int TOP_PAGES = 5;

  /** Misra–Gries guarantee: every page above 1/(k+1) of a window's views is reported. */
  public static final int HEAVY_HITTERS_K = 20;

  public static final int SAMPLE_SIZE = 5;
  public static final long SAMPLE_SEED = 42;
  public static final int CLUSTERS = 4;

  static final String DISTINCT_USERS =
      "sk_bounds(sk_hll(user_id, " + HLL_PRECISION + "), " + BOUND_STANDARD_ERRORS + ")";
  static final String TOP =
      "slice(sk_heavy_hitters(page, " + HEAVY_HITTERS_K + "), 1, " + TOP_PAGES + ")";
  static final String SAMPLE =
      "sk_sample_values(sk_sample(to_json(named_struct('user_id', user_id, "
          + "'page', page, 'device', device, 'latency_ms', latency_ms)), "
          + SAMPLE_SIZE
          + ", "
          + SAMPLE_SEED
          + "))";
  static final String CENTERS =
      "transform(sk_centers(sk_kmeans(array(lat, lon), "
          + CLUSTERS
          + ")), "
          + "c -> named_struct('lat', c[0], 'lon', c[1]))";
  static final String LATENCY_MODEL =
      "sk_coefficients(sk_linreg(array(payload_kb, "
          + "CASE WHEN device = 'mobile' THEN 1.0D ELSE 0.0D END, CAST(db_queries AS DOUBLE)), latency_ms))";
  static final String COEFFICIENTS =
      "concat(array(" + LATENCY_MODEL + ".intercept), " + LATENCY_MODEL + ".coefficients)";

  private WindowAggregates() {}

  /** Registers the {@code sk_*} functions in {@code spark} (a no-op for names already there). */
  public static void register(SparkSession spark) {
    SketchFunctions.register(spark);
  }

  /** The aggregate columns after {@code count(*) AS events}, in report order. */
  static List<Column> columns() {
    return List.of(
        expr(DISTINCT_USERS).as("distinct_users"),
        expr(TOP).as("top_pages"),
        expr(SAMPLE).as("sample"),
        expr(CENTERS).as("centers"),
        expr(COEFFICIENTS).as("coefficients"));
  }
}
