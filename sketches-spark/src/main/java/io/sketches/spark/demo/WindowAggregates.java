package io.sketches.spark.demo;

import static org.apache.spark.sql.functions.expr;

import io.sketches.spark.SketchFunctions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;

/**
 * The per-window aggregates of the demo as SQL expressions over the event columns, each producing
 * one column of the window report: {@code distinct_users} (struct estimate/lower/upper, the bounds
 * at {@link #BOUND_STANDARD_ERRORS} standard errors), {@code top_pages} (array of struct
 * item/estimate/lower/upper), {@code sample} (array of JSON strings), {@code centers} (array of
 * struct lat/lon) and {@code coefficients} (intercept first, then {@link
 * ClickstreamGenerator#LATENCY_FEATURES}).
 *
 * <p>Each aggregate is this library's {@code sk_*} function; where a session lacks one, the closest
 * Spark built-in stands in (HLL++ for distinct users, {@code approx_top_k} without bounds, a
 * shuffled {@code collect_list} for the sample) or the column stays null (k-means, regression), and
 * {@link #name()} says so.
 *
 * @param name which functions compute the columns, for the demo's header
 */
public record WindowAggregates(String name, String distinctUsers,
    String topPages, String sample, String centers, String coefficients) {

  public static final int HLL_PRECISION = 12;
  /** Width of the distinct-count bound: 3σ, so a fair sketch misses about 0.3% of windows. */
  public static final int BOUND_STANDARD_ERRORS = 3;
  public static final int TOP_PAGES = 5;
  /** Misra–Gries guarantee: every page above 1/(k+1) of a window's views is reported. */
  public static final int HEAVY_HITTERS_K = 20;
  public static final int SAMPLE_SIZE = 5;
  public static final int CLUSTERS = 4;
  public static final long SAMPLE_SEED = 42;

  static final String SAMPLED_EVENT =
      "to_json(named_struct('user_id', user_id, 'page', page, 'device', device, 'latency_ms', latency_ms))";
  static final String LOCATION = "array(lat, lon)";
  static final String LATENCY_FEATURES =
      "array(payload_kb, CASE WHEN device = 'mobile' THEN 1.0D ELSE 0.0D END, CAST(db_queries AS DOUBLE))";
  static final String LATENCY_MODEL = "sk_coefficients(sk_linreg(" + LATENCY_FEATURES + ", latency_ms))";

  /** One column: this library's expression, the functions it needs, and the stand-in without them. */
  private record Choice(String sketches, List<String> functions, String builtIn) {
    String pick(Set<String> available, List<String> missing) {
      if (available.containsAll(functions)) {
        return sketches;
      }
      functions.stream().filter(f -> !available.contains(f) && !missing.contains(f)).forEach(missing::add);
      return builtIn;
    }
  }

  private static final Choice DISTINCT = new Choice(
      "sk_bounds(sk_hll(user_id, " + HLL_PRECISION + "), " + BOUND_STANDARD_ERRORS + ")",
      List.of("sk_hll", "sk_bounds"),
      // HLL++ at 1% relative standard error
      "named_struct('estimate', CAST(approx_count_distinct(user_id, 0.01) AS DOUBLE), "
          + "'lower', approx_count_distinct(user_id, 0.01) * (1 - " + BOUND_STANDARD_ERRORS + " * 0.01), "
          + "'upper', approx_count_distinct(user_id, 0.01) * (1 + " + BOUND_STANDARD_ERRORS + " * 0.01))");
  private static final Choice TOP = new Choice(
      "slice(sk_heavy_hitters(page, " + HEAVY_HITTERS_K + "), 1, " + TOP_PAGES + ")",
      List.of("sk_heavy_hitters"),
      "transform(approx_top_k(page, " + TOP_PAGES + "), t -> named_struct('item', t.item, "
          + "'estimate', CAST(t.count AS BIGINT), 'lower', CAST(NULL AS BIGINT), 'upper', CAST(NULL AS BIGINT)))");
  private static final Choice SAMPLE = new Choice(
      "sk_sample_values(sk_sample(" + SAMPLED_EVENT + ", " + SAMPLE_SIZE + ", " + SAMPLE_SEED + "))",
      List.of("sk_sample", "sk_sample_values"),
      "slice(shuffle(collect_list(" + SAMPLED_EVENT + ")), 1, " + SAMPLE_SIZE + ")");
  private static final Choice CENTERS = new Choice(
      "transform(sk_centers(sk_kmeans(" + LOCATION + ", " + CLUSTERS + ")), "
          + "c -> named_struct('lat', c[0], 'lon', c[1]))",
      List.of("sk_kmeans", "sk_centers"),
      "CAST(NULL AS ARRAY<STRUCT<lat: DOUBLE, lon: DOUBLE>>)");
  private static final Choice COEFFICIENTS = new Choice(
      "concat(array(" + LATENCY_MODEL + ".intercept), " + LATENCY_MODEL + ".coefficients)",
      List.of("sk_linreg", "sk_coefficients"),
      "CAST(NULL AS ARRAY<DOUBLE>)");

  /** Every aggregate from this library. */
  public static final WindowAggregates SKETCHES = choose(Set.of("sk_hll", "sk_bounds", "sk_heavy_hitters",
      "sk_sample", "sk_sample_values", "sk_kmeans", "sk_centers", "sk_linreg", "sk_coefficients"));

  /** Registers this library's functions in {@code spark} and picks, per column, what it has. */
  public static WindowAggregates forSession(SparkSession spark) {
    SketchFunctions.register(spark);
    Set<String> available = new HashSet<>();
    for (String function : List.of("sk_hll", "sk_bounds", "sk_heavy_hitters", "sk_sample", "sk_sample_values",
        "sk_kmeans", "sk_centers", "sk_linreg", "sk_coefficients")) {
      if (spark.catalog().functionExists(function)) {
        available.add(function);
      }
    }
    return choose(available);
  }

  private static WindowAggregates choose(Set<String> available) {
    List<String> missing = new ArrayList<>();
    String distinct = DISTINCT.pick(available, missing);
    WindowAggregates chosen = new WindowAggregates("",
        distinct, TOP.pick(available, missing), SAMPLE.pick(available, missing),
        CENTERS.pick(available, missing), COEFFICIENTS.pick(available, missing));
    String name = missing.isEmpty() ? "sketches (sk_* functions)"
        : "sketches, with Spark built-ins standing in for the missing " + String.join(", ", missing);
    return new WindowAggregates(name, chosen.distinctUsers(), chosen.topPages(),
        chosen.sample(), chosen.centers(), chosen.coefficients());
  }

  /** The aggregate columns after {@code count(*) AS events}, in report order. */
  List<Column> columns() {
    return List.of(
        expr(distinctUsers).as("distinct_users"),
        expr(topPages).as("top_pages"),
        expr(sample).as("sample"),
        expr(centers).as("centers"),
        expr(coefficients).as("coefficients"));
  }
}
