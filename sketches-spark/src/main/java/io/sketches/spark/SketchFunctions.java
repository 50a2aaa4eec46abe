package io.sketches.spark;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.lit;

import io.sketches.spark.catalog.Registration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * The {@code sk_*} functions for the DataFrame API, and their registration for SQL.
 *
 * <pre>{@code
 * import static io.sketches.spark.SketchFunctions.*;
 * SketchFunctions.register(spark);                       // SQL: SELECT sk_distinct(user) ...
 * df.groupBy("day").agg(hll(col("user"), 12));           // DataFrame
 * }</pre>
 *
 * <p>Each column function is the SQL function of the same name (it registers the functions in the
 * active session on first use), so both give the same plan, the same checks and the same errors.
 */
public final class SketchFunctions {
  private SketchFunctions() {}

  /**
   * Registers every {@code sk_*} function as a temporary function of {@code spark} (and the
   * optimizer rule that picks the HyperLogLog buffer), from the one function table.
   */
  public static void register(SparkSession spark) {
    Registration.register(spark);
  }

  private static volatile SparkSession registeredIn;

  /** Registers the functions in the active session once, so column functions resolve. */
  private static Column call(String name, Column... args) {
    Option<SparkSession> active = SparkSession.getActiveSession();
    if (active.isDefined() && active.get() != registeredIn) {
      SparkSession spark = active.get();
      if (!spark.catalog().functionExists(name)) {
        register(spark);
      }
      registeredIn = spark;
    }
    return call_function(name, args);
  }

  // ---- aggregates ----

  /** {@code sk_hll(items)}: HyperLogLog bytes at precision 12. */
  public static Column hll(Column items) {
    return call("sk_hll", items);
  }

  /** {@code sk_hll(items, precision)}: HyperLogLog bytes, precision 4..18. */
  public static Column hll(Column items, int precision) {
    return call("sk_hll", items, lit(precision));
  }

  /**
   * {@code sk_hll(items, relative_sd)}: HyperLogLog bytes at the smallest precision whose standard
   * error is at most {@code relativeSd} ({@code HyperLogLog.precisionFor}).
   */
  public static Column hll(Column items, double relativeSd) {
    return call("sk_hll", items, lit(relativeSd));
  }

  /**
   * {@code sk_distinct(items)}: the estimated distinct count (BIGINT) at precision 9, the accuracy
   * of {@code approx_count_distinct}'s default (4.6% relative standard error).
   */
  public static Column distinct(Column items) {
    return call("sk_distinct", items);
  }

  /** {@code sk_distinct(items, precision)}: precision 4..18 (12: 1.6%, 14: 0.8%). */
  public static Column distinct(Column items, int precision) {
    return call("sk_distinct", items, lit(precision));
  }

  /**
   * {@code sk_distinct(items, relative_sd)}: as {@code approx_count_distinct(items, relativeSD)},
   * at the smallest precision whose standard error is at most {@code relativeSd}.
   */
  public static Column distinct(Column items, double relativeSd) {
    return call("sk_distinct", items, lit(relativeSd));
  }

  /** {@code sk_cms(items)}: Count-Min bytes with ε = 0.001, δ = 0.01, seed 0. */
  public static Column cms(Column items) {
    return call("sk_cms", items);
  }

  /** {@code sk_cms(items, epsilon, delta)}. */
  public static Column cms(Column items, double epsilon, double delta) {
    return call("sk_cms", items, lit(epsilon), lit(delta));
  }

  /** {@code sk_cms(items, epsilon, delta, seed)}. */
  public static Column cms(Column items, double epsilon, double delta, long seed) {
    return call("sk_cms", items, lit(epsilon), lit(delta), lit(seed));
  }

  /**
   * {@code sk_heavy_hitters(items, k)}: the top k items as ARRAY&lt;STRUCT&lt;item, estimate,
   * lower, upper&gt;&gt;, items in the column's type, tracking at most 10,000 items ({@code
   * approx_top_k}'s default), no false positives.
   */
  public static Column heavyHitters(Column items, int k) {
    return call("sk_heavy_hitters", items, lit(k));
  }

  /** {@code sk_heavy_hitters(items, k, max_items_tracked)}: max_items_tracked in [1, 10^6]. */
  public static Column heavyHitters(Column items, int k, int maxItemsTracked) {
    return call("sk_heavy_hitters", items, lit(k), lit(maxItemsTracked));
  }

  /**
   * {@code sk_heavy_hitters(items, k, max_items_tracked, error_type)}: error type {@code
   * "NO_FALSE_POSITIVES"} or {@code "NO_FALSE_NEGATIVES"} ({@code HeavyHitters.ErrorType}).
   */
  public static Column heavyHitters(Column items, int k, int maxItemsTracked, String errorType) {
    return call("sk_heavy_hitters", items, lit(k), lit(maxItemsTracked), lit(errorType));
  }

  /** {@code sk_frequent(items)}: heavy hitters summary bytes tracking at most 10,000 items. */
  public static Column frequent(Column items) {
    return call("sk_frequent", items);
  }

  /** {@code sk_frequent(items, max_items_tracked)}. */
  public static Column frequent(Column items, int maxItemsTracked) {
    return call("sk_frequent", items, lit(maxItemsTracked));
  }

  /** {@code sk_sample(items, k)}: sample bytes, seed 0. */
  public static Column sample(Column items, int k) {
    return call("sk_sample", items, lit(k));
  }

  /** {@code sk_sample(items, k, seed)}. */
  public static Column sample(Column items, int k, long seed) {
    return call("sk_sample", items, lit(k), lit(seed));
  }

  /**
   * {@code sk_sample_items(items, k)}: a uniform sample of k items, of the column's type, seed 0.
   */
  public static Column sampleItems(Column items, int k) {
    return call("sk_sample_items", items, lit(k));
  }

  /** {@code sk_sample_items(items, k, seed)}. */
  public static Column sampleItems(Column items, int k, long seed) {
    return call("sk_sample_items", items, lit(k), lit(seed));
  }

  /**
   * {@code sk_quantiles(values)}: KLL quantile sketch bytes, k = 200 (as {@code kll_sketch_agg});
   * values of a number, date, timestamp or interval column, NULL and NaN skipped.
   */
  public static Column quantiles(Column values) {
    return call("sk_quantiles", values);
  }

  /** {@code sk_quantiles(values, k)}: k in [8, 65535]. */
  public static Column quantiles(Column values, int k) {
    return call("sk_quantiles", values, lit(k));
  }

  /**
   * {@code sk_percentile(values, percentage)}: the drop-in for {@code percentile_approx}: the
   * approximate percentile (an inclusive rank in [0, 1]) in the column's type, k = 200.
   */
  public static Column percentile(Column values, double percentage) {
    return call("sk_percentile", values, lit(percentage));
  }

  /** {@code sk_percentile(values, percentages)}: an array of percentiles in the column's type. */
  public static Column percentile(Column values, double[] percentages) {
    return call("sk_percentile", values, lit(percentages));
  }

  /** {@code sk_percentile(values, percentage, k)}. */
  public static Column percentile(Column values, double percentage, int k) {
    return call("sk_percentile", values, lit(percentage), lit(k));
  }

  /** {@code sk_percentile(values, percentages, k)}. */
  public static Column percentile(Column values, double[] percentages, int k) {
    return call("sk_percentile", values, lit(percentages), lit(k));
  }

  /** {@code sk_kmeans(features, k)}: k-means summary bytes. */
  public static Column kmeans(Column features, int k) {
    return call("sk_kmeans", features, lit(k));
  }

  /** {@code sk_kmeans(features, k, decay, seed)}. */
  public static Column kmeans(Column features, int k, double decay, long seed) {
    return call("sk_kmeans", features, lit(k), lit(decay), lit(seed));
  }

  /** {@code sk_centers(kmeans)}. */
  public static Column centers(Column kmeans) {
    return call("sk_centers", kmeans);
  }

  /** {@code sk_merge(sketches)}: the union of stored sketches of one kind. */
  public static Column merge(Column sketches) {
    return call("sk_merge", sketches);
  }

  /** {@code sk_linreg(features, label)}: exact least squares with an intercept. */
  public static Column linreg(Column features, Column label) {
    return call("sk_linreg", features, label);
  }

  /** {@code sk_linreg(features, label, ridge)}: ridge regression. */
  public static Column linreg(Column features, Column label, double ridge) {
    return call("sk_linreg", features, label, lit(ridge));
  }

  /** {@code sk_bayes_linreg(features, label, priorPrecision, noisePrecision)}. */
  public static Column bayesLinreg(
      Column features, Column label, double priorPrecision, double noisePrecision) {
    return call("sk_bayes_linreg", features, label, lit(priorPrecision), lit(noisePrecision));
  }

  // ---- scalars ----

  /** {@code sk_estimate(hll)}. */
  public static Column estimate(Column hll) {
    return call("sk_estimate", hll);
  }

  /** {@code sk_bounds(hll, stdDevs)}: STRUCT&lt;estimate, lower, upper&gt;. */
  public static Column bounds(Column hll, int stdDevs) {
    return call("sk_bounds", hll, lit(stdDevs));
  }

  /**
   * {@code sk_frequency(sketch, item)}: the Count-Min estimate, or a heavy hitters summary's upper
   * bound, of the item's count.
   */
  public static Column frequency(Column sketch, Column item) {
    return call("sk_frequency", sketch, item);
  }

  /** {@code sk_top_k(summary, k)}: the top k of stored heavy hitters bytes, items as strings. */
  public static Column topK(Column summary, int k) {
    return call("sk_top_k", summary, lit(k));
  }

  /**
   * {@code sk_top_k(summary, k, type)}: items of the SQL type named ({@code "bigint"}, {@code
   * "int"}, {@code "string"}, {@code "date"}, ...).
   */
  public static Column topK(Column summary, int k, String type) {
    return call("sk_top_k", summary, lit(k), lit(type));
  }

  /** {@code sk_top_k(summary, k, type, error_type)}. */
  public static Column topK(Column summary, int k, String type, String errorType) {
    return call("sk_top_k", summary, lit(k), lit(type), lit(errorType));
  }

  /** {@code sk_sample_values(sample)}: the sampled items as strings. */
  public static Column sampleValues(Column sample) {
    return call("sk_sample_values", sample);
  }

  /**
   * {@code sk_sample_values(sample, type)}: the sampled items as an array of the SQL type named
   * ({@code "bigint"}, {@code "double"}, {@code "string"}, {@code "date"}, ...).
   */
  public static Column sampleValues(Column sample, String type) {
    return call("sk_sample_values", sample, lit(type));
  }

  /** {@code sk_quantile(sketch, rank)}: the quantile of stored sketch bytes, a DOUBLE. */
  public static Column quantile(Column sketch, double rank) {
    return call("sk_quantile", sketch, lit(rank));
  }

  /** {@code sk_quantile(sketch, ranks)}: the quantiles at each rank, ARRAY&lt;DOUBLE&gt;. */
  public static Column quantile(Column sketch, double[] ranks) {
    return call("sk_quantile", sketch, lit(ranks));
  }

  /** {@code sk_quantile(sketch, rank)} of a rank (or array of ranks) column. */
  public static Column quantile(Column sketch, Column rank) {
    return call("sk_quantile", sketch, rank);
  }

  /**
   * {@code sk_quantile(sketch, rank, type)}: the quantile (or quantiles, for an array of ranks) in
   * the SQL type named ({@code "bigint"}, {@code "date"}, {@code "timestamp"}, {@code "double"},
   * ...), as the sketched column had it.
   */
  public static Column quantile(Column sketch, Column rank, String type) {
    return call("sk_quantile", sketch, rank, lit(type));
  }

  /** {@code sk_rank(sketch, value)}: the estimated fraction of values ≤ value, a DOUBLE. */
  public static Column rank(Column sketch, Column value) {
    return call("sk_rank", sketch, value);
  }

  /**
   * {@code sk_cdf(sketch, split_points)}: the estimated fraction of values ≤ each strictly
   * increasing split point, then 1.0.
   */
  public static Column cdf(Column sketch, Column splitPoints) {
    return call("sk_cdf", sketch, splitPoints);
  }

  /** {@code sk_cdf(sketch, split_points)} of literal split points. */
  public static Column cdf(Column sketch, double[] splitPoints) {
    return call("sk_cdf", sketch, lit(splitPoints));
  }

  /** {@code sk_predict(model, features)}: a regression model's prediction, a DOUBLE. */
  public static Column predict(Column model, Column features) {
    return call("sk_predict", model, features);
  }

  /** {@code sk_cluster_id(kmeans, features)}: the nearest k-means center's id, an INT. */
  public static Column clusterId(Column kmeans, Column features) {
    return call("sk_cluster_id", kmeans, features);
  }

  /** {@code sk_coefficients(model)}. */
  public static Column coefficients(Column model) {
    return call("sk_coefficients", model);
  }
}
