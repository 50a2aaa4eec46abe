package io.sketches.bench.spark;

import static io.sketches.bench.spark.BuiltinComparisons.CLUSTERS;
import static io.sketches.bench.spark.BuiltinComparisons.FEATURES;
import static io.sketches.bench.spark.BuiltinComparisons.GROUPS;
import static io.sketches.bench.spark.BuiltinComparisons.SAMPLE_K;
import static io.sketches.bench.spark.BuiltinComparisons.STORED;
import static io.sketches.bench.spark.BuiltinComparisons.TABLE;
import static io.sketches.bench.spark.BuiltinComparisons.TOP_K;
import static io.sketches.bench.spark.BuiltinComparisons.bayes;
import static io.sketches.bench.spark.BuiltinComparisons.features;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Checks, before anything is timed, that every compared query answers what it claims (a benchmark
 * of a wrong query is worthless): each failed check throws {@link IllegalStateException} with the
 * two answers. The data are fixed (hashed, no randomness), so the checks are deterministic.
 */
final class ResultChecks {
  private ResultChecks() {}

  /**
   * Runs the checks in three scans of the table (every ungrouped aggregate in one, the per-group
   * checks in another, the exact heavy hitters in a third) and one of the stored sketches.
   */
  static void all(SparkSession spark, long n) {
    String ten = features(FEATURES);
    Row r =
        first(
            spark,
            String.format(
                "SELECT *, size(cs),"
                    + " forall(cs, c -> size(c) = %6$d AND forall(c, v -> v BETWEEN 0 AND 1)),"
                    + " CAST(cs AS STRING) FROM (SELECT"
                    + " sk_hll(id), hll_sketch_estimate(hll_sketch_agg(id)),"
                    + " sk_frequency(sk_cms(z, 0.01, 0.01), 1L), count_if(z = 1),"
                    + " sk_heavy_hitters(z, %1$d), approx_top_k(z, %1$d), approx_top_k(z, %1$d, %2$d),"
                    + " sk_sample_values(sk_sample(id, %3$d)), min_by(id, xxhash64(id), %3$d),"
                    + " sk_coefficients(sk_linreg(array(x1), y)), regr_slope(y, x1), regr_intercept(y, x1),"
                    + " sk_coefficients(sk_linreg(%4$s, y)), sk_coefficients(%5$s),"
                    + " sk_centers(sk_kmeans(%4$s, %7$d)) AS cs FROM %8$s)",
                TOP_K, 2 * TOP_K, SAMPLE_K, ten, bayes(ten), FEATURES, CLUSTERS, TABLE));
    hyperLogLog(spark, n, (byte[]) r.get(0), r.getLong(1));
    countMin(n, r.getLong(2), r.getLong(3));
    heavyHitters(spark, n, r.getList(4), r.getList(5), r.getList(6));
    samples(n, r.getList(7), r.getList(8));
    regression(r.getStruct(9), r.getDouble(10), r.getDouble(11), r.getStruct(12), r.getStruct(13));
    perGroup(spark);
    // sk_kmeans gives k centers of dimension d inside the data's cube (0, 1]^d
    check(
        r.getInt(15) == CLUSTERS && r.getBoolean(16),
        "sk_kmeans gave centers outside the unit cube or not %s of them: %s",
        CLUSTERS,
        r.getString(17));
  }

  private static void check(boolean ok, String format, Object... args) {
    if (!ok) {
      throw new IllegalStateException("spark-throughput: " + String.format(format, args));
    }
  }

  private static Row first(SparkSession spark, String sql) {
    return spark.sql(sql).first();
  }

  /** Within {@code tolerance}, relative to max(1, |expected|). */
  private static boolean near(double actual, double expected, double tolerance) {
    return Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));
  }

  /**
   * The rollup of the stored sketches is byte-identical to the direct sketch (ours) and estimates
   * the same as the direct sketch within the HIP-vs-composite estimator difference (DataSketches).
   */
  private static void hyperLogLog(SparkSession spark, long n, byte[] direct, long theirsDirect) {
    Row rolled =
        first(
            spark,
            "SELECT sk_merge(h), sk_estimate(sk_merge(h)),"
                + " hll_sketch_estimate(hll_union_agg(d)) FROM "
                + STORED);
    check(
        Arrays.equals(direct, (byte[]) rolled.get(0)),
        "sk_merge of the stored sketches differs from sk_hll of the rows");
    double ours = rolled.getDouble(1);
    // precision 12: relative standard error 1.04/64 = 1.6%; 5% is over 3 standard errors
    check(near(ours, n, 0.05), "sk_hll estimates %s for %s distinct ids", ours, n);
    check(
        near(rolled.getLong(2), theirsDirect, 0.05),
        "hll_union_agg estimates %s, hll_sketch_agg %s",
        rolled.getLong(2),
        theirsDirect);
  }

  /** Count-Min never underestimates and overestimates by at most ε·N (δ = 0.01, fixed data). */
  private static void countMin(long n, long estimate, long exact) {
    check(
        estimate >= exact && estimate <= exact + 0.01 * n,
        "sk_cms estimates %s for item 1 counted %s times in %s rows",
        estimate,
        exact,
        n);
  }

  /**
   * Every item above N/(k+1) is reported by both sk_heavy_hitters (with lower ≤ count ≤ upper) and
   * approx_top_k (both sizes).
   */
  private static void heavyHitters(
      SparkSession spark, long n, List<Row> ours, List<Row> theirsDefault, List<Row> theirsSmall) {
    List<Row> exact =
        spark
            .sql(
                String.format(
                    "SELECT z, count(*) AS c FROM %s GROUP BY z" + " HAVING c > %d",
                    TABLE, n / (TOP_K + 1)))
            .collectAsList();
    check(!exact.isEmpty(), "no item above N/(k+1): the skewed column is not skewed");
    for (Row e : exact) {
      long item = e.getLong(0);
      long count = e.getLong(1);
      Row found = ours.stream().filter(o -> o.getLong(0) == item).findFirst().orElse(null);
      check(
          found != null && found.getLong(2) <= count && count <= found.getLong(3),
          "sk_heavy_hitters misses item %s (count %s): %s",
          item,
          count,
          ours);
      for (List<Row> theirs : List.of(theirsDefault, theirsSmall)) {
        check(
            theirs.stream().anyMatch(t -> t.getLong(0) == item),
            "approx_top_k misses item %s (count %s): %s",
            item,
            count,
            theirs);
      }
    }
  }

  /** k distinct sampled ids; min_by returns k too. */
  private static void samples(long n, List<String> values, List<Long> theirs) {
    Set<Long> ids = new HashSet<>();
    values.forEach(v -> ids.add(Long.parseLong(v)));
    check(
        ids.size() == SAMPLE_K && ids.stream().allMatch(id -> id >= 0 && id < n),
        "sk_sample gave %s",
        values);
    check(theirs.size() == SAMPLE_K, "min_by gave %s", theirs);
  }

  /**
   * sk_linreg equals regr_slope/regr_intercept within 1e-9; with ten features least squares and the
   * weak-prior Bayesian posterior mean agree within 1e-6 and recover y = 1 + Σ j·xj within 0.05.
   */
  private static void regression(Row one, double slope, double intercept, Row ls, Row posterior) {
    check(
        near(one.<Double>getList(1).get(0), slope, 1e-9) && near(one.getDouble(0), intercept, 1e-9),
        "sk_linreg gives %s, regr_slope %s and regr_intercept %s",
        one,
        slope,
        intercept);
    check(
        near(ls.getDouble(0), 1, 0.05) && near(posterior.getDouble(0), ls.getDouble(0), 1e-6),
        "intercepts %s (least squares) and %s (Bayes), expected 1",
        ls.getDouble(0),
        posterior.getDouble(0));
    for (int j = 1; j <= FEATURES; j++) {
      double b = ls.<Double>getList(1).get(j - 1);
      double p = posterior.<Double>getList(1).get(j - 1);
      check(
          near(b, j, 0.05) && near(p, b, 1e-6),
          "coefficient %s is %s (least squares) and %s (Bayes), expected %s",
          j,
          b,
          p,
          j);
    }
  }

  /**
   * In every group: sk_linreg equals regr_slope/regr_intercept within 1e-9, the weak-prior
   * sk_bayes_linreg within 1e-6, and sk_sample holds k ids of that group.
   */
  private static void perGroup(SparkSession spark) {
    String perGroup =
        String.format(
            "SELECT g, sk_coefficients(sk_linreg(array(x1), y)) AS c,"
                + " sk_coefficients(%s) AS b, regr_slope(y, x1) AS s, regr_intercept(y, x1) AS i,"
                + " sk_sample_values(sk_sample(id, %d)) AS sample FROM %s GROUP BY g",
            bayes("array(x1)"), SAMPLE_K, TABLE);
    Row worst =
        first(
            spark,
            String.format(
                "SELECT"
                    + " max(abs(c.coefficients[0] - s) / greatest(1, abs(s))),"
                    + " max(abs(c.intercept - i) / greatest(1, abs(i))),"
                    + " max(abs(b.coefficients[0] - s) / greatest(1, abs(s))),"
                    + " max(abs(b.intercept - i) / greatest(1, abs(i))),"
                    + " count_if(size(sample) != %d OR exists(sample, v -> CAST(v AS BIGINT) %% %d != g))"
                    + " FROM (%s)",
                SAMPLE_K, GROUPS, perGroup));
    check(
        worst.getDouble(0) <= 1e-9 && worst.getDouble(1) <= 1e-9,
        "sk_linreg differs from regr_slope/regr_intercept by %s/%s in some group",
        worst.getDouble(0),
        worst.getDouble(1));
    check(
        worst.getDouble(2) <= 1e-6 && worst.getDouble(3) <= 1e-6,
        "sk_bayes_linreg differs from regr_slope/regr_intercept by %s/%s in some group",
        worst.getDouble(2),
        worst.getDouble(3));
    check(worst.getLong(4) == 0, "%s groups have a wrong sk_sample", worst.getLong(4));
  }
}
