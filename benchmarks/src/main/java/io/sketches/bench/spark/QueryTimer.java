package io.sketches.bench.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Wall-clock timing of Spark SQL queries: every query runs {@code warmups} times (code generation,
 * class loading, JIT), then {@code repeats} rounds of all queries in turn, so that load from other
 * processes drifts over all of them alike. The best round counts; half the best-to-worst spread,
 * relative to the best, is the error.
 */
final class QueryTimer {
  private QueryTimer() {}

  /** One labelled query over {@code rows} input rows; its result is collected to the driver. */
  record Query(String label, String sql, long rows) {
    void run(SparkSession spark) {
      spark.sql(sql).collectAsList();
    }
  }

  /** One timed query: best and worst seconds over the repeats. */
  record Timing(String label, long rows, double best, double worst) {
    double rowsPerSecond() {
      return rows / best;
    }

    double relativeSpread() {
      return (worst - best) / (2 * best);
    }

    /** This query's rows/s over {@code other}'s, with the spreads propagated. */
    double[] ratioTo(Timing other) {
      double ratio = rowsPerSecond() / other.rowsPerSecond();
      return new double[] {ratio, ratio * Math.hypot(relativeSpread(), other.relativeSpread())};
    }
  }

  static List<Timing> time(SparkSession spark, List<Query> queries, int warmups, int repeats) {
    for (int w = 0; w < warmups; w++) {
      queries.forEach(q -> q.run(spark));
    }
    double[][] seconds = new double[queries.size()][repeats];
    for (int r = 0; r < repeats; r++) {
      for (int i = 0; i < queries.size(); i++) {
        long start = System.nanoTime();
        queries.get(i).run(spark);
        seconds[i][r] = (System.nanoTime() - start) / 1e9;
      }
    }
    List<Timing> timings = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      Arrays.sort(seconds[i]);
      Query q = queries.get(i);
      timings.add(new Timing(q.label(), q.rows(), seconds[i][0], seconds[i][repeats - 1]));
    }
    return timings;
  }
}
