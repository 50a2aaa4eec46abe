package io.sketches.bench.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Wall-clock timing of Spark SQL queries: every query runs {@code warmups} times (code generation,
 * class loading, JIT), then {@code repeats} rounds of all queries in turn, so that load from other
 * processes drifts over all of them alike. The best round counts; half the best-to-worst spread,
 * relative to the best, is the error. {@link Timing#pairedRatioTo} gives the median of the
 * per-round ratios instead, with their range.
 */
final class QueryTimer {
  private QueryTimer() {}

  /** One labelled query over {@code rows} input rows; its result is collected to the driver. */
  record Query(String label, String sql, long rows) {
    void run(SparkSession spark) {
      spark.sql(sql).collectAsList();
    }
  }

  /** One timed query: its seconds in each round, in round order. */
  record Timing(String label, long rows, double[] seconds) {
    double best() {
      return Arrays.stream(seconds).min().orElseThrow();
    }

    double worst() {
      return Arrays.stream(seconds).max().orElseThrow();
    }

    double rowsPerSecond() {
      return rows / best();
    }

    /** Rows per second of the median round. */
    double medianRowsPerSecond() {
      return rows / median(seconds.clone());
    }

    double relativeSpread() {
      return (worst() - best()) / (2 * best());
    }

    /** This query's rows/s over {@code other}'s, with the spreads propagated. */
    double[] ratioTo(Timing other) {
      double ratio = rowsPerSecond() / other.rowsPerSecond();
      return new double[] {ratio, ratio * Math.hypot(relativeSpread(), other.relativeSpread())};
    }

    /**
     * This query's speed over {@code other}'s round by round (the two ran in the same interleaved
     * round, so load that drifts over the rounds cancels): median, lowest and highest of the
     * per-round ratios of rows/s.
     */
    double[] pairedRatioTo(Timing other) {
      double[] ratios = new double[seconds.length];
      for (int r = 0; r < seconds.length; r++) {
        ratios[r] = (rows / seconds[r]) / (other.rows / other.seconds[r]);
      }
      Arrays.sort(ratios);
      return new double[] {median(ratios), ratios[0], ratios[ratios.length - 1]};
    }

    private static double median(double[] values) {
      Arrays.sort(values);
      int n = values.length;
      return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
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
      Query q = queries.get(i);
      timings.add(new Timing(q.label(), q.rows(), seconds[i]));
    }
    return timings;
  }
}
