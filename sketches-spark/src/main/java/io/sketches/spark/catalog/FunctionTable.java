package io.sketches.spark.catalog;

import io.sketches.cardinality.HyperLogLog;
import io.sketches.frequency.CountMinSketch;
import io.sketches.frequency.HeavyHitters;
import io.sketches.frequency.HeavyHitters.ErrorType;
import io.sketches.quantiles.QuantileSketch;
import io.sketches.spark.aggregate.CountMinSpec;
import io.sketches.spark.aggregate.HeavyHittersSpec;
import io.sketches.spark.aggregate.HllAggregate;
import io.sketches.spark.aggregate.HllSpec;
import io.sketches.spark.aggregate.KMeansSpec;
import io.sketches.spark.aggregate.LabeledSpec;
import io.sketches.spark.aggregate.MergeSpec;
import io.sketches.spark.aggregate.QuantileAnswer;
import io.sketches.spark.aggregate.QuantilesSpec;
import io.sketches.spark.aggregate.SampleSpec;
import io.sketches.spark.aggregate.SketchAggregate;
import io.sketches.spark.aggregate.SketchSpec;
import io.sketches.spark.aggregate.TopK;
import io.sketches.spark.input.ItemType;
import io.sketches.spark.input.QuantileInput;
import io.sketches.spark.scalar.SketchScalar;
import io.sketches.spark.scalar.StoredQuantile;
import io.sketches.spark.scalar.StoredRanks;
import io.sketches.spark.scalar.StoredSketchFunction;
import io.sketches.spark.scalar.StoredTopK;
import io.sketches.spark.scalar.TypedSampleValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NullType;
import scala.Option;

/**
 * The one table of {@code sk_*} SQL functions: for each, its signature and description, its
 * arguments, runnable examples, and the builder with the literal checks of its configuration.
 * {@code DESCRIBE FUNCTION EXTENDED} shows these texts, {@link Registration} registers exactly this
 * list, and a test keeps the signatures of {@code docs/sql-functions.md} equal to them.
 */
public final class FunctionTable {
  private FunctionTable() {}

  private static final String ITEMS =
      "a column of strings, numbers, dates, timestamps, booleans" + " or binary";
  private static final String ABC = " FROM VALUES ('a'), ('b'), ('a') AS tab(col)";
  private static final String LINE =
      " FROM VALUES (1.0D, 3.0D), (2.0D, 5.0D), (3.0D, 7.0D)" + " AS tab(x, y)";
  private static final String POINTS = " FROM VALUES (1.0D), (2.0D), (10.0D) AS tab(x)";

  /** Every function, aggregates first. */
  public static List<SqlFunction> all() {
    return List.of(
        function(
                HllSpec.SKETCH,
                "sk_hll(expr [, precision | relative_sd])",
                "HyperLogLog sketch bytes of the distinct values of expr")
            .arg("expr", ITEMS)
            .arg(
                "precision",
                "log2 of the number of registers, an integer literal in [4, 18];" + " default 12")
            .arg(
                "relative_sd",
                "instead of a precision, a fractional literal in (0, 1): the"
                    + " smallest precision whose relative standard error is at most this")
            .example("SELECT round(sk_estimate(_FUNC_(col)))" + ABC, "2.0")
            .aggregate(a -> hll(HllSpec.SKETCH, false, HyperLogLog.DEFAULT_PRECISION, a)),
        function(
                HllSpec.DISTINCT,
                "sk_distinct(expr [, precision | relative_sd])",
                "the estimated number of distinct values of expr (BIGINT), at approx_count_distinct's"
                    + " default accuracy unless told otherwise")
            .arg("expr", ITEMS)
            .arg("precision", "an integer literal in [4, 18]; default 9 (4.6% standard error)")
            .arg("relative_sd", "instead of a precision, a fractional literal in (0, 1)")
            .example("SELECT _FUNC_(col)" + ABC, "2")
            .aggregate(a -> hll(HllSpec.DISTINCT, true, HllSpec.DISTINCT_DEFAULT_PRECISION, a)),
        function(
                CountMinSpec.NAME,
                "sk_cms(expr [, epsilon, delta [, seed]])",
                "Count-Min sketch bytes counting each value of expr once")
            .arg("expr", ITEMS)
            .arg(
                "epsilon",
                "the additive error as a fraction of the row count, in (0, 1);" + " default 0.001")
            .arg("delta", "the probability of exceeding it, in (0, 1); default 0.01")
            .arg("seed", "an integer literal; default 0")
            .example("SELECT sk_frequency(_FUNC_(col), 'a')" + ABC, "2")
            .aggregate(
                a -> {
                  a.arity(1, 4);
                  if (a.size() == 2) { // epsilon and delta come together
                    throw a.wrongNumArgs("1, 3 or 4");
                  }
                  double eps =
                      a.doubleLiteral(1, "epsilon", 0, true, 1, true, CountMinSpec.DEFAULT_EPSILON);
                  double delta =
                      a.doubleLiteral(2, "delta", 0, true, 1, true, CountMinSpec.DEFAULT_DELTA);
                  long seed = a.longLiteral(3, "seed", 0);
                  checkCountMinSize(a, eps, delta);
                  return aggregate(new CountMinSpec(eps, delta, seed), a.get(0));
                }),
        function(
                HeavyHittersSpec.NAME,
                "sk_heavy_hitters(expr, k [, max_items_tracked [, error_type]])",
                "the k most frequent values of expr with bounds on their counts, as"
                    + " ARRAY<STRUCT<item, estimate, lower, upper>> sorted by estimate, items in"
                    + " expr's type; NULLs are skipped (approx_top_k counts NULL as an item)")
            .arg("expr", ITEMS)
            .arg("k", "the number of items, an integer literal in [1, max_items_tracked]")
            .arg("max_items_tracked", MAX_ITEMS_TRACKED)
            .arg(
                "error_type",
                "'NO_FALSE_POSITIVES' (default, as approx_top_k: only items whose lower bound"
                    + " exceeds the summary's maximum error) or 'NO_FALSE_NEGATIVES' (every item"
                    + " that may belong to the top k, possibly more than k), case-insensitive")
            .example("SELECT _FUNC_(col, 1)[0].item" + ABC, "a")
            .example("SELECT _FUNC_(col, 2)[1].estimate" + ABC, "1")
            .example(
                "SELECT typeof(_FUNC_(n, 1)[0].item) FROM VALUES (3), (1), (3) AS tab(n)", "int")
            .aggregate(
                a -> {
                  a.arity(2, 4);
                  int tracked = maxItemsTracked(a, 2);
                  int k = a.intLiteral(1, "k", 1, tracked, 0);
                  ErrorType errorType = errorType(a, 3);
                  ItemType type = itemType(a, 0);
                  TopK topK = new TopK(k, errorType, type, a.get(0).dataType());
                  return aggregate(new HeavyHittersSpec(tracked, type, topK), a.get(0));
                }),
        function(
                HeavyHittersSpec.FREQUENT,
                "sk_frequent(expr [, max_items_tracked])",
                "heavy hitters summary bytes of expr (mergeable; read by sk_top_k and"
                    + " sk_frequency); NULLs are skipped")
            .arg("expr", ITEMS)
            .arg("max_items_tracked", MAX_ITEMS_TRACKED)
            .example("SELECT sk_top_k(_FUNC_(col), 1)[0].item" + ABC, "a")
            .aggregate(
                a -> {
                  a.arity(1, 2);
                  int tracked = maxItemsTracked(a, 1);
                  return aggregate(new HeavyHittersSpec(tracked, itemType(a, 0), null), a.get(0));
                }),
        function(
                SampleSpec.NAME,
                "sk_sample(expr, k [, seed])",
                "sketch bytes of a uniform sample of k values of expr")
            .arg("expr", ITEMS)
            .arg("k", "the sample size, an integer literal in [1, 2^20]")
            .arg("seed", "an integer literal; default 0")
            .example(
                "SELECT array_join(array_sort(sk_sample_values(_FUNC_(col, 5))), ',')" + ABC,
                "a,a,b")
            .aggregate(a -> sample(a, false)),
        function(
                SampleSpec.ITEMS,
                "sk_sample_items(expr, k [, seed])",
                "a uniform sample of k values of expr, as an array of expr's type")
            .arg("expr", ITEMS)
            .arg("k", "the sample size, an integer literal in [1, 2^20]")
            .arg("seed", "an integer literal; default 0")
            .example(
                "SELECT array_join(array_sort(_FUNC_(n, 5)), ',') FROM VALUES (3), (1), (2) AS tab(n)",
                "1,2,3")
            .example(
                "SELECT typeof(_FUNC_(n, 5)) FROM VALUES (3), (1), (2) AS tab(n)", "array<int>")
            .aggregate(a -> sample(a, true)),
        function(
                QuantilesSpec.NAME,
                "sk_quantiles(expr [, k])",
                "KLL quantile sketch bytes of expr (mergeable; read by sk_quantile, sk_rank and"
                    + " sk_cdf); NULL and NaN values are skipped")
            .arg("expr", NUMBERS)
            .arg("k", K)
            .example("SELECT sk_quantile(_FUNC_(x), 0.5)" + FIVE, "3.0")
            .example("SELECT sk_quantile(_FUNC_(x, 400), 0.5, 'int')" + FIVE, "3")
            .aggregate(
                a -> {
                  a.arity(1, 2);
                  int k = quantileK(a, 1);
                  quantileInput(a, 0);
                  return aggregate(QuantilesSpec.bytes(k), a.get(0));
                }),
        function(
                QuantilesSpec.PERCENTILE,
                "sk_percentile(expr, percentage [, k])",
                "the approximate percentile of expr, or an array of them for an array of"
                    + " percentages, in expr's type, as percentile_approx answers (NULL over no"
                    + " rows); NULL and NaN values are skipped")
            .arg("expr", NUMBERS)
            .arg(
                "percentage",
                "a literal fraction in [0, 1], or an array literal of them: the inclusive rank of"
                    + " each answer (0 the minimum, 1 the maximum)")
            .arg("k", K)
            .example("SELECT _FUNC_(x, 0.5)" + FIVE, "3")
            .example("SELECT array_join(_FUNC_(x, array(0.25, 0.75)), ',')" + FIVE, "2,4")
            .example(
                "SELECT _FUNC_(d, 0.5) FROM VALUES (DATE'2026-01-01'), (DATE'2026-01-05'),"
                    + " (DATE'2026-01-09') AS tab(d)",
                "2026-01-05")
            .aggregate(
                a -> {
                  a.arity(2, 3);
                  DataType input = quantileInput(a, 0);
                  double[] percentages = a.fractionsLiteral(1, "percentage");
                  int k = quantileK(a, 2);
                  return aggregate(
                      QuantilesSpec.percentile(k, percentages, a.isArray(1), input), a.get(0));
                }),
        function(
                MergeSpec.NAME,
                "sk_merge(sketch)",
                "the union of stored sketches of one kind, as sketch bytes")
            .arg("sketch", "sketch bytes (BINARY) of any kind, one kind per group")
            .example(
                "SELECT round(sk_estimate(_FUNC_(h))) FROM (SELECT sk_hll(col) AS h"
                    + " FROM VALUES ('a', 1), ('b', 2), ('a', 2) AS tab(col, g) GROUP BY g)",
                "2.0")
            .aggregate(a -> aggregate(new MergeSpec<>(), a.arity(1, 1).get(0))),
        function(
                LabeledSpec.LINREG,
                "sk_linreg(features, label [, ridge])",
                "model bytes of exact least squares with an intercept")
            .arg("features", "a numeric array, the same length in every row")
            .arg("label", "a numeric column")
            .arg("ridge", "the ridge penalty, a literal ≥ 0; default 0")
            .example(
                "SELECT round(sk_coefficients(_FUNC_(array(x), y)).coefficients[0], 6)" + LINE,
                "2.0")
            .aggregate(
                a -> {
                  a.arity(2, 3);
                  double ridge =
                      a.doubleLiteral(2, "ridge", 0, false, Double.POSITIVE_INFINITY, true, 0);
                  return aggregate(
                      new LabeledSpec<>(0, new LabeledSpec.LeastSquares(ridge)),
                      a.features(0),
                      a.get(1));
                }),
        function(
                LabeledSpec.BAYES,
                "sk_bayes_linreg(features, label, prior_precision, noise_precision)",
                "posterior bytes of Bayesian linear regression with an intercept")
            .arg("features", "a numeric array, the same length in every row")
            .arg("label", "a numeric column")
            .arg("prior_precision", "α of the isotropic Gaussian prior, a literal > 0")
            .arg("noise_precision", "β, the known noise precision, a literal > 0")
            .example(
                "SELECT round(sk_predict(_FUNC_(array(x), y, 0.001, 100.0), array(4.0D)), 1)"
                    + LINE,
                "9.0")
            .aggregate(
                a -> {
                  a.arity(4, 4);
                  double alpha =
                      a.doubleLiteral(
                          2, "prior_precision", 0, true, Double.POSITIVE_INFINITY, true, 0);
                  double beta =
                      a.doubleLiteral(
                          3, "noise_precision", 0, true, Double.POSITIVE_INFINITY, true, 0);
                  return aggregate(
                      new LabeledSpec<>(0, new LabeledSpec.Bayesian(alpha, beta)),
                      a.features(0),
                      a.get(1));
                }),
        function(
                KMeansSpec.NAME,
                "sk_kmeans(features, k [, decay [, seed]])",
                "bytes of a mergeable k-means summary of the points")
            .arg("features", "a numeric array, the same length in every row")
            .arg("k", "the number of centers, an integer literal in [1, 10000]")
            .arg("decay", "the per-point decay factor, a literal in [0, 1]; default 1 (none)")
            .arg("seed", "an integer literal; default 0")
            .example("SELECT size(sk_centers(_FUNC_(array(x), 2)))" + POINTS, "2")
            .aggregate(
                a -> {
                  a.arity(2, 4);
                  int k = a.intLiteral(1, "k", 1, 10_000, 0);
                  double decay = a.doubleLiteral(2, "decay", 0, false, 1, false, 1);
                  long seed = a.longLiteral(3, "seed", 0);
                  return aggregate(new KMeansSpec(k, 0, decay, seed), a.features(0));
                }),
        scalarFunction(
                StoredSketchFunction.ESTIMATE,
                "sk_estimate(hll)",
                "the distinct-count estimate of HyperLogLog bytes (DOUBLE)")
            .arg("hll", "HyperLogLog sketch bytes")
            .example("SELECT round(_FUNC_(sk_hll(col)))" + ABC, "2.0")
            .scalar(),
        scalarFunction(
                StoredSketchFunction.BOUNDS,
                "sk_bounds(hll, std_devs)",
                "STRUCT<estimate, lower, upper> of HyperLogLog bytes at 1, 2 or 3 standard errors")
            .arg("hll", "HyperLogLog sketch bytes")
            .arg("std_devs", "an integer literal in [1, 3]")
            .example("SELECT round(_FUNC_(sk_hll(col), 2).estimate)" + ABC, "2.0")
            .scalar(),
        scalarFunction(
                StoredSketchFunction.FREQUENCY,
                "sk_frequency(sketch, item)",
                "an estimate of the item's count (BIGINT) never below the truth: the Count-Min"
                    + " estimate, or a heavy hitters summary's upper bound")
            .arg("sketch", "Count-Min bytes (sk_cms) or heavy hitters summary bytes (sk_frequent)")
            .arg(
                "item",
                "a value of an item type: for Count-Min hashed as sk_cms hashes it, for a"
                    + " summary stored as its items are")
            .example("SELECT _FUNC_(sk_cms(col), 'a')" + ABC, "2")
            .example("SELECT _FUNC_(sk_frequent(col), 'a')" + ABC, "2")
            .scalar(),
        function(
                StoredTopK.NAME,
                "sk_top_k(summary, k [, type [, error_type]])",
                "the top k of stored heavy hitters bytes, as sk_heavy_hitters answers from rows:"
                    + " ARRAY<STRUCT<item, estimate, lower, upper>>, items of the type named")
            .arg("summary", "heavy hitters summary bytes (sk_frequent, or sk_merge of them)")
            .arg("k", "the number of items, an integer literal in [1, " + MAX_TRACKED + "]")
            .arg(
                "type",
                "a string literal naming the items' SQL type ('bigint', 'int', 'string', 'date',"
                    + " ...), as the summarized column had it; default: the items as strings")
            .arg("error_type", "'NO_FALSE_POSITIVES' (default) or 'NO_FALSE_NEGATIVES'")
            .example("SELECT _FUNC_(sk_frequent(col), 1)[0].item" + ABC, "a")
            .example(
                "SELECT typeof(_FUNC_(sk_frequent(n), 1, 'int')[0].item)"
                    + " FROM VALUES (3), (1), (3) AS tab(n)",
                "int")
            .built(
                a -> {
                  a.arity(2, 4);
                  int k = a.intLiteral(1, "k", 1, MAX_TRACKED, 0);
                  ErrorType errorType = errorType(a, 3);
                  TopK topK;
                  if (a.size() == 2) {
                    topK = TopK.asStrings(k, errorType);
                  } else {
                    DataType type = a.itemTypeLiteral(2, "type");
                    topK = new TopK(k, errorType, ItemType.of(type), type);
                  }
                  return SketchScalar.of(new StoredTopK(topK), List.of(a.get(0)));
                }),
        scalarFunction(
                StoredSketchFunction.SAMPLE_VALUES,
                "sk_sample_values(sample [, type])",
                "the sampled values: as ARRAY<STRING>, or as an array of the item type named")
            .arg("sample", "sample sketch bytes")
            .arg(
                "type",
                "a string literal naming the items' SQL type ('bigint', 'double', 'string',"
                    + " 'date', ...), as sk_sample_items returns it; default: strings")
            .example("SELECT array_join(array_sort(_FUNC_(sk_sample(col, 5))), ',')" + ABC, "a,a,b")
            .example(
                "SELECT typeof(_FUNC_(sk_sample(n, 5), 'bigint'))"
                    + " FROM VALUES (3), (1), (2) AS tab(n)",
                "array<bigint>")
            .built(
                a -> {
                  a.arity(1, 2);
                  if (a.size() == 1) {
                    return SketchScalar.of(StoredSketchFunction.SAMPLE_VALUES, List.of(a.get(0)));
                  }
                  DataType type = a.itemTypeLiteral(1, "type");
                  ItemType itemType = ItemType.of(type);
                  return SketchScalar.of(new TypedSampleValues(itemType, type), List.of(a.get(0)));
                }),
        function(
                StoredQuantile.NAME,
                "sk_quantile(sketch, rank [, type])",
                "the quantile of stored quantile sketch bytes at rank (the smallest kept item whose"
                    + " inclusive rank is at least rank), or an array of them for an array of ranks:"
                    + " DOUBLE, or the type named; NULL for an empty sketch")
            .arg("sketch", "quantile sketch bytes (sk_quantiles, or sk_merge of them)")
            .arg("rank", "a fraction in [0, 1] (0 the minimum, 1 the maximum), or an array of them")
            .arg(
                "type",
                "a string literal naming the values' SQL type ('bigint', 'int', 'double',"
                    + " 'decimal(10, 2)', 'date', 'timestamp', ...), as the sketched column had it;"
                    + " default: DOUBLE")
            .example("SELECT _FUNC_(sk_quantiles(x), 0.5)" + FIVE, "3.0")
            .example(
                "SELECT array_join(_FUNC_(sk_quantiles(x), array(0, 1), 'int'), ',')" + FIVE, "1,5")
            .built(
                a -> {
                  a.arity(2, 3);
                  QuantileAnswer answer =
                      a.size() == 2
                          ? QuantileAnswer.doubles()
                          : QuantileAnswer.of(
                              a.typeLiteral(
                                  2,
                                  "type",
                                  type -> QuantileInput.of(type) != null,
                                  QuantileInput.NAMES));
                  Expression rank = a.fractions(1, "rank");
                  return SketchScalar.of(
                      new StoredQuantile(a.isArray(1), answer), List.of(a.get(0), rank));
                }),
        function(
                StoredRanks.RANK,
                "sk_rank(sketch, value)",
                "the estimated fraction of the sketch's values that are at most value (DOUBLE);"
                    + " NULL for an empty sketch or a NaN value")
            .arg("sketch", "quantile sketch bytes")
            .arg("value", "a number, date, timestamp or interval, compared as the sketch's values")
            .example("SELECT _FUNC_(sk_quantiles(x), 2)" + FIVE, "0.4")
            .built(a -> ranks(a, false)),
        function(
                StoredRanks.CDF,
                "sk_cdf(sketch, split_points)",
                "the estimated fraction of the sketch's values at most each split point, then 1.0:"
                    + " ARRAY<DOUBLE> one longer than the split points; NULL for an empty sketch")
            .arg("sketch", "quantile sketch bytes")
            .arg(
                "split_points",
                "a strictly increasing array of numbers, dates, timestamps or intervals")
            .example(
                "SELECT array_join(_FUNC_(sk_quantiles(x), array(1, 3)), ',')" + FIVE,
                "0.2,0.6,1.0")
            .built(a -> ranks(a, true)),
        scalarFunction(
                StoredSketchFunction.CENTERS,
                "sk_centers(kmeans)",
                "the k centers of a k-means summary, ARRAY<ARRAY<DOUBLE>>")
            .arg("kmeans", "k-means summary bytes")
            .example("SELECT size(_FUNC_(sk_kmeans(array(x), 2)))" + POINTS, "2")
            .scalar(),
        scalarFunction(
                StoredSketchFunction.PREDICT,
                "sk_predict(model, features)",
                "a regression prediction (the predictive mean of a Bayesian one), as a DOUBLE")
            .arg("model", "sk_linreg or sk_bayes_linreg model bytes")
            .arg("features", "a numeric array of the model's dimension")
            .example("SELECT round(_FUNC_(sk_linreg(array(x), y), array(4.0D)), 6)" + LINE, "9.0")
            .scalar(),
        scalarFunction(
                StoredSketchFunction.CLUSTER_ID,
                "sk_cluster_id(kmeans, features)",
                "the id (0 to k-1, an INT) of the k-means center nearest to the features")
            .arg("kmeans", "sk_kmeans model bytes")
            .arg("features", "a numeric array of the model's dimension")
            .example(
                "SELECT _FUNC_(m, array(1.5D)) = _FUNC_(m, array(1.0D))"
                    + " FROM (SELECT sk_kmeans(array(x), 2) AS m"
                    + POINTS
                    + ")",
                "true")
            .example("SELECT typeof(_FUNC_(sk_kmeans(array(x), 2), array(1.0D)))" + POINTS, "int")
            .scalar(),
        scalarFunction(
                StoredSketchFunction.COEFFICIENTS,
                "sk_coefficients(model)",
                "STRUCT<intercept, coefficients> of a regression model (the posterior mean of a"
                    + " Bayesian one)")
            .arg("model", "regression model bytes")
            .example("SELECT round(_FUNC_(sk_linreg(array(x), y)).intercept, 6)" + LINE, "1.0")
            .scalar());
  }

  /** The function named {@code name}. */
  public static SqlFunction get(String name) {
    for (SqlFunction function : all()) {
      if (function.name().equals(name)) {
        return function;
      }
    }
    throw new IllegalArgumentException("no sk_* function is named " + name);
  }

  /**
   * {@code sk_hll} / {@code sk_distinct}: the second argument is an integer precision, or, as in
   * {@code approx_count_distinct(expr, relativeSD)}, a fractional relative standard deviation that
   * picks the smallest precision reaching it ({@link HyperLogLog#precisionFor}).
   */
  private static Expression hll(
      String name, boolean estimateOnly, int defaultPrecision, Arguments a) {
    a.arity(1, 2);
    int precision;
    if (a.isFractional(1)) {
      double rsd = a.doubleLiteral(1, "relative_sd", 0, true, 1, true, Double.NaN);
      try {
        precision = HyperLogLog.precisionFor(rsd);
      } catch (IllegalArgumentException e) { // finer than the largest precision reaches
        throw a.outOfRange(
            "relative_sd",
            String.format(Locale.ROOT, "[%.5f, 1) (precision ≤ 18)", finestRelativeSd(rsd)),
            1);
      }
    } else {
      precision =
          a.intLiteral(
              1,
              "precision",
              HyperLogLog.MIN_PRECISION,
              HyperLogLog.MAX_PRECISION,
              defaultPrecision);
    }
    HllSpec spec = new HllSpec(name, precision, estimateOnly);
    // sk_distinct: the fixed-width buffer (hash aggregation) up to 16 KiB a group. sk_hll: the
    // object buffer, whose sort-based fallback past 128 groups visits each group's sketch in turn
    // (grouped by 1,000 keys 1.05x hll_sketch_agg, against 0.67x with the fixed-width buffer)
    return estimateOnly && precision <= HllAggregate.MAX_PRECISION
        ? HllAggregate.of(spec, a.get(0))
        : aggregate(spec, a.get(0));
  }

  /**
   * The smallest relative standard deviation {@link HyperLogLog#precisionFor} accepts, found by
   * bisection between a refused {@code refused} and 1 (the core keeps its constant to itself).
   */
  private static double finestRelativeSd(double refused) {
    double accepted = 1;
    for (int i = 0; i < 64; i++) {
      double mid = (accepted + refused) / 2;
      try {
        HyperLogLog.precisionFor(mid);
        accepted = mid;
      } catch (IllegalArgumentException e) {
        refused = mid;
      }
    }
    return accepted;
  }

  /** The largest max_items_tracked: {@code approx_top_k}'s limit. */
  private static final int MAX_TRACKED = HeavyHittersSpec.MAX_ITEMS_TRACKED;

  private static final String MAX_ITEMS_TRACKED =
      "the most distinct items the summary keeps, an integer literal in [1, "
          + MAX_TRACKED
          + "]; default "
          + HeavyHitters.DEFAULT_MAX_ITEMS_TRACKED
          + ", as approx_top_k";

  /** {@code max_items_tracked} at {@code index}, default as {@code approx_top_k}'s. */
  private static int maxItemsTracked(Arguments a, int index) {
    return a.intLiteral(
        index, "max_items_tracked", 1, MAX_TRACKED, HeavyHitters.DEFAULT_MAX_ITEMS_TRACKED);
  }

  /** {@code error_type} at {@code index}, by default no false positives, as approx_top_k. */
  private static ErrorType errorType(Arguments a, int index) {
    return a.enumLiteral(index, "error_type", ErrorType.class, ErrorType.NO_FALSE_POSITIVES);
  }

  /** {@code sk_sample} (bytes) or {@code sk_sample_items} (the items, typed). */
  private static Expression sample(Arguments a, boolean items) {
    a.arity(2, 3);
    int k = a.intLiteral(1, "k", 1, 1 << 20, 0);
    long seed = a.longLiteral(2, "seed", 0);
    ItemType type = itemType(a, 0);
    return aggregate(
        items
            ? SampleSpec.items(k, seed, type, a.get(0).dataType())
            : SampleSpec.bytes(k, seed, type),
        a.get(0));
  }

  private static final String NUMBERS =
      "a column of numbers, dates, timestamps or intervals (the types percentile_approx takes):"
          + " integral values, days and microseconds kept as exact longs, FLOAT, DOUBLE and"
          + " DECIMAL as doubles";

  private static final String K =
      "the accuracy, an integer literal in ["
          + QuantileSketch.MIN_K
          + ", "
          + QuantileSketch.MAX_K
          + "]; default "
          + QuantileSketch.DEFAULT_K
          + ", as kll_sketch_agg (the rank error shrinks about as 1/k)";

  private static final String FIVE = " FROM VALUES (1), (2), (3), (4), (5) AS tab(x)";

  /** The quantile sketch's {@code k} at {@code index}, default as {@code kll_sketch_agg}'s. */
  private static int quantileK(Arguments a, int index) {
    return a.intLiteral(
        index, "k", QuantileSketch.MIN_K, QuantileSketch.MAX_K, QuantileSketch.DEFAULT_K);
  }

  /** The type of the resolved input at {@code index}, a quantile type; others fail analysis. */
  private static DataType quantileInput(Arguments a, int index) {
    DataType type = a.get(index).dataType();
    if (QuantileInput.of(type) == null) {
      throw a.unexpectedType(index, QuantileInput.REQUIRED);
    }
    return type;
  }

  /** {@code sk_rank(sketch, value)} or {@code sk_cdf(sketch, split_points)}. */
  private static Expression ranks(Arguments a, boolean cdf) {
    a.arity(2, 2);
    Expression value = a.get(1);
    if (value.dataType() instanceof NullType) { // an untyped NULL: the answer is NULL
      DataType doubles = DataTypes.DoubleType;
      value = new Cast(value, cdf ? DataTypes.createArrayType(doubles) : doubles, Option.empty());
    }
    DataType type = value.dataType();
    DataType valueType = cdf && type instanceof ArrayType ? ((ArrayType) type).elementType() : type;
    return SketchScalar.of(new StoredRanks(cdf, valueType), List.of(a.get(0), value));
  }

  /** Spark's generic {@code DATATYPE_MISMATCH} with the core's reason: too many counters. */
  private static void checkCountMinSize(Arguments a, double eps, double delta) {
    try {
      CountMinSketch.withError(eps, delta, 0);
    } catch (IllegalArgumentException e) {
      throw a.mismatch("TYPE_CHECK_FAILURE_WITH_HINT", "msg", e.getMessage(), "hint", "");
    }
  }

  /** The item type of the resolved input at {@code index}; others fail analysis here. */
  private static ItemType itemType(Arguments a, int index) {
    ItemType type = ItemType.of(a.get(index).dataType());
    if (type == null) {
      throw a.unexpectedType(index, ItemType.REQUIRED);
    }
    return type;
  }

  /** The object-buffer aggregate of {@code spec} over the data inputs. */
  public static Expression aggregate(SketchSpec<?> spec, Expression... inputs) {
    return SketchAggregate.of(spec, List.of(inputs));
  }

  private static Entry function(String name, String signature, String description) {
    return new Entry(name, signature, description);
  }

  /** A scalar over stored bytes: its inputs are the call's arguments, literals checked. */
  private static Entry scalarFunction(
      StoredSketchFunction function, String signature, String description) {
    return new Entry(function.functionName(), signature, description).stored(function);
  }

  /** A table entry under construction. */
  private static final class Entry {
    private final String name;
    private final String signature;
    private final String description;
    private final List<SqlFunction.Argument> arguments = new ArrayList<>();
    private final List<SqlFunction.Example> examples = new ArrayList<>();
    private StoredSketchFunction stored;

    Entry(String name, String signature, String description) {
      this.name = name;
      this.signature = signature;
      this.description = description;
    }

    Entry arg(String argument, String meaning) {
      arguments.add(new SqlFunction.Argument(argument, meaning));
      return this;
    }

    Entry stored(StoredSketchFunction function) {
      this.stored = function;
      return this;
    }

    Entry example(String query, String result) {
      examples.add(new SqlFunction.Example(query, result));
      return this;
    }

    /** The aggregate built by {@code builder}. */
    SqlFunction aggregate(Function<Arguments, Expression> builder) {
      return build(true, builder);
    }

    /** The scalar built by {@code builder}. */
    SqlFunction built(Function<Arguments, Expression> builder) {
      return build(false, builder);
    }

    /** The scalar over stored bytes given to {@link #stored}. */
    SqlFunction scalar() {
      StoredSketchFunction function = stored;
      return build(false, a -> buildScalar(function, a));
    }

    private SqlFunction build(boolean aggregate, Function<Arguments, Expression> builder) {
      return new SqlFunction(
          name,
          signature,
          description,
          List.copyOf(arguments),
          List.copyOf(examples),
          aggregate,
          builder);
    }

    /** sk_bounds checks its std_devs literal; the other scalars take data inputs only. */
    private static Expression buildScalar(StoredSketchFunction function, Arguments a) {
      int n = function.arity();
      a.arity(n, n);
      if (n == 1) {
        return SketchScalar.of(function, List.of(a.get(0)));
      }
      if (function == StoredSketchFunction.BOUNDS) {
        a.intLiteral(1, "std_devs", 1, 3, 0);
      }
      boolean features =
          function == StoredSketchFunction.PREDICT || function == StoredSketchFunction.CLUSTER_ID;
      Expression second = features ? a.features(1) : a.get(1);
      return SketchScalar.of(function, List.of(a.get(0), second));
    }
  }
}
