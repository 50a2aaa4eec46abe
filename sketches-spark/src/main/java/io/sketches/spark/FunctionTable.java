package io.sketches.spark;

import java.util.ArrayList;
import io.sketches.cardinality.HyperLogLog;
import io.sketches.frequency.CountMinSketch;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.Expression;

/**
 * Every {@code sk_*} SQL function this module defines, with the literal checks of its
 * configuration arguments. {@link SketchFunctions#register} and {@link SketchesExtensions} both
 * register exactly this list.
 */
final class FunctionTable {
  private FunctionTable() {}

  static List<SqlFunction> all() {
    List<SqlFunction> all = new ArrayList<>();
    all.add(new SqlFunction(HllSpec.SKETCH,
        "sk_hll(expr [, precision | relative_sd]) - HyperLogLog sketch bytes of the distinct"
            + " values of expr (default precision 12)",
        a -> hll(HllSpec.SKETCH, false, HyperLogLog.DEFAULT_PRECISION, a)));
    all.add(new SqlFunction(HllSpec.DISTINCT,
        "sk_distinct(expr [, precision | relative_sd]) - estimated number of distinct values of"
            + " expr (BIGINT); default precision 9, approx_count_distinct's default accuracy",
        a -> hll(HllSpec.DISTINCT, true, HllSpec.DISTINCT_DEFAULT_PRECISION, a)));
    all.add(new SqlFunction(CountMinSpec.NAME,
        "sk_cms(expr [, epsilon, delta [, seed]]) - Count-Min sketch bytes of the values of expr",
        a -> {
          a.arity(1, 4, "sk_cms(expr [, epsilon, delta [, seed]])");
          if (a.size() == 2) {
            throw Arguments.error("sk_cms takes epsilon and delta together: "
                + "sk_cms(expr [, epsilon, delta [, seed]])");
          }
          double eps = a.doubleLiteral(1, "epsilon", 0, true, 1, true,
              CountMinSpec.DEFAULT_EPSILON);
          double delta = a.doubleLiteral(2, "delta", 0, true, 1, true, CountMinSpec.DEFAULT_DELTA);
          long seed = a.longLiteral(3, "seed", 0);
          checkCountMinSize(eps, delta);
          return aggregate(new CountMinSpec(eps, delta, seed), a.get(0));
        }));
    all.add(new SqlFunction(HeavyHittersSpec.NAME,
        "sk_heavy_hitters(expr, k) - the items above 1/(k+1) of the rows, with bounds",
        a -> {
          a.arity(2, 2, "sk_heavy_hitters(expr, k)");
          int k = a.intLiteral(1, "k", 1, 1 << 20, 0);
          return aggregate(new HeavyHittersSpec(k, itemType(HeavyHittersSpec.NAME, a.get(0))),
              a.get(0));
        }));
    all.add(new SqlFunction(SampleSpec.NAME,
        "sk_sample(expr, k [, seed]) - uniform sample of k values of expr, as sketch bytes",
        a -> {
          a.arity(2, 3, "sk_sample(expr, k [, seed])");
          int k = a.intLiteral(1, "k", 1, 1 << 20, 0);
          long seed = a.longLiteral(2, "seed", 0);
          return aggregate(new SampleSpec(k, seed, itemType(SampleSpec.NAME, a.get(0))),
              a.get(0));
        }));
    all.add(new SqlFunction(SketchScalars.Estimate.NAME,
        "sk_estimate(hll) - the distinct-count estimate of HyperLogLog bytes (DOUBLE)",
        a -> scalar(new SketchScalars.Estimate(), a.arity(1, 1, "sk_estimate(hll)").get(0))));
    all.add(new SqlFunction(SketchScalars.Bounds.NAME,
        "sk_bounds(hll, std_devs) - STRUCT<estimate, lower, upper> at 1, 2 or 3 std errors",
        a -> {
          a.arity(2, 2, "sk_bounds(hll, std_devs)");
          int k = a.intLiteral(1, "std_devs", 1, 3, 0);
          return scalar(new SketchScalars.Bounds(k), a.get(0));
        }));
    all.add(new SqlFunction(SketchScalars.Frequency.NAME,
        "sk_frequency(cms, item) - the Count-Min estimate of item's count (BIGINT)",
        a -> scalar(new SketchScalars.Frequency(),
            a.arity(2, 2, "sk_frequency(cms, item)").get(0), a.get(1))));
    all.add(new SqlFunction(SketchScalars.SampleValues.NAME,
        "sk_sample_values(sample) - the sampled values as ARRAY<STRING>",
        a -> scalar(new SketchScalars.SampleValues(),
            a.arity(1, 1, "sk_sample_values(sample)").get(0))));
    all.add(new SqlFunction(MergeSpec.NAME,
        "sk_merge(sketch) - the union of stored sketches of one kind, as sketch bytes",
        a -> aggregate(new MergeSpec<>(), a.arity(1, 1, "sk_merge(sketch)").get(0))));
    all.add(new SqlFunction(LabeledSpec.LINREG,
        "sk_linreg(features, label [, ridge]) - exact least-squares model bytes",
        a -> {
          a.arity(2, 3, "sk_linreg(features, label [, ridge])");
          double ridge = a.doubleLiteral(2, "ridge", 0, false, Double.POSITIVE_INFINITY, true, 0);
          return aggregate(new LabeledSpec<>(0, new LabeledSpec.LeastSquares(ridge)), a.features(0),
              a.get(1));
        }));
    all.add(new SqlFunction(KMeansSpec.NAME,
        "sk_kmeans(features, k [, decay [, seed]]) - mergeable k-means summary bytes",
        a -> {
          a.arity(2, 4, "sk_kmeans(features, k [, decay [, seed]])");
          int k = a.intLiteral(1, "k", 1, 10_000, 0);
          double decay = a.doubleLiteral(2, "decay", 0, false, 1, false, 1);
          long seed = a.longLiteral(3, "seed", 0);
          return aggregate(new KMeansSpec(k, 0, decay, seed), a.features(0));
        }));
    all.add(new SqlFunction(ModelScalars.Centers.NAME,
        "sk_centers(kmeans) - the k centers of a k-means summary, ARRAY<ARRAY<DOUBLE>>",
        a -> scalar(new ModelScalars.Centers(), a.arity(1, 1, "sk_centers(kmeans)").get(0))));
    all.add(new SqlFunction(LabeledSpec.BAYES,
        "sk_bayes_linreg(features, label, prior_precision, noise_precision) - Bayesian linear"
            + " regression posterior bytes",
        a -> {
          a.arity(4, 4, "sk_bayes_linreg(features, label, prior_precision, noise_precision)");
          double alpha = a.doubleLiteral(2, "prior_precision", 0, true,
              Double.POSITIVE_INFINITY, true, 0);
          double beta = a.doubleLiteral(3, "noise_precision", 0, true,
              Double.POSITIVE_INFINITY, true, 0);
          return aggregate(new LabeledSpec<>(0, new LabeledSpec.Bayesian(alpha, beta)),
              a.features(0), a.get(1));
        }));
    all.add(new SqlFunction(ModelScalars.Predict.NAME,
        "sk_predict(model, features) - a regression prediction or a k-means cluster id",
        a -> scalar(new ModelScalars.Predict(),
            a.arity(2, 2, "sk_predict(model, features)").get(0), a.features(1))));
    all.add(new SqlFunction(ModelScalars.Coefficients.NAME,
        "sk_coefficients(model) - STRUCT<intercept, coefficients> of a regression model",
        a -> scalar(new ModelScalars.Coefficients(),
            a.arity(1, 1, "sk_coefficients(model)").get(0))));
    return all;
  }

  /**
   * {@code sk_hll} / {@code sk_distinct}: the second argument is an integer precision, or, as in
   * {@code approx_count_distinct(expr, relativeSD)}, a fractional relative standard deviation
   * that picks the smallest precision reaching it ({@link HyperLogLog#precisionFor}).
   */
  private static Expression hll(String name, boolean estimateOnly, int defaultPrecision,
      Arguments a) {
    a.arity(1, 2, name + "(expr [, precision | relative_sd])");
    int precision;
    if (a.isFractional(1)) {
      double rsd = a.doubleLiteral(1, "relative_sd", 0, true, 1, true, Double.NaN);
      try {
        precision = HyperLogLog.precisionFor(rsd);
      } catch (IllegalArgumentException e) {
        throw Arguments.error("%s: %s", name, e.getMessage());
      }
    } else {
      precision = a.intLiteral(1, "precision", HyperLogLog.MIN_PRECISION,
          HyperLogLog.MAX_PRECISION, defaultPrecision);
    }
    HllSpec spec = new HllSpec(name, precision, estimateOnly);
    // fixed-width buffer (hash aggregation) up to 16 KiB a group; the serialized sketch above
    return precision <= HllAggregate.MAX_PRECISION ? HllAggregate.of(spec, a.get(0))
        : aggregate(spec, a.get(0));
  }

  private static void checkCountMinSize(double eps, double delta) {
    try {
      CountMinSketch.withError(eps, delta, 0);
    } catch (IllegalArgumentException e) {
      throw Arguments.error("sk_cms: %s", e.getMessage());
    }
  }

  /** The item type of a resolved input; unresolved or unsupported inputs fail analysis here. */
  private static ItemType itemType(String function, Expression input) {
    ItemType type = ItemType.of(input.dataType());
    if (type == null) {
      throw Arguments.error("%s", ItemType.check(function, input.dataType()));
    }
    return type;
  }

  static Expression aggregate(SketchSpec<?> spec, Expression... inputs) {
    return SketchAggregate.of(spec, List.of(inputs));
  }

  static Expression scalar(ScalarSpec spec, Expression... inputs) {
    return SketchScalar.of(spec, List.of(inputs));
  }
}
