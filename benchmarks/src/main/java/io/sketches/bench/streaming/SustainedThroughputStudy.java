package io.sketches.bench.streaming;

import io.sketches.bench.Measured;
import io.sketches.bench.Profile;
import io.sketches.bench.Report;
import io.sketches.bench.Study;
import io.sketches.bench.Uncertainty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Sustained throughput of a windowed streaming aggregate, by the method of van den Brink (2017, ch.
 * 4) adapted to Structured Streaming: drive the query from the rate source at a fixed input rate,
 * discard the warm-up batches, and call the rate sustained while the mean batch duration stays
 * within the trigger interval (otherwise the backlog grows without bound). The rate is doubled
 * until it is not sustained, then bisected; the highest sustained rate is reported, for our {@code
 * sk_distinct} beside Spark's {@code approx_count_distinct} in the same JVM.
 *
 * <p>Batch durations come from {@link StreamingQueryListener} progress events, not from logs.
 */
public final class SustainedThroughputStudy implements Study {
  private static final long TRIGGER_MS = 1000;
  private static final int MEASURED_BATCHES = 5;

  @Override
  public String name() {
    return "streaming-sustained";
  }

  /** One rate step's outcome. */
  record Step(
      String query,
      long rowsPerSecond,
      double meanBatchMs,
      double processedRowsPerSecond,
      int batches,
      boolean sustained) {}

  @Override
  public void run(Profile profile, Report report) throws Exception {
    SparkSession spark = session();
    List<String[]> queries = new ArrayList<>();
    queries.add(new String[] {"approx_count_distinct", "approx_count_distinct(value)"});
    if (registerSketchFunctions(spark)) {
      queries.add(new String[] {"sk_distinct", "sk_distinct(value)"});
    }
    int stepSeconds = profile.pick(10, 30);
    int warmupBatches = profile.pick(3, 5);
    int bisections = profile.pick(1, 3);
    // Both queries sustain 1M rows/s on 2 cores with room to spare; the quick profile starts there.
    long firstRate = profile.pick(1_000_000, 250_000);
    List<Step> steps = new ArrayList<>();
    List<List<String>> summary = new ArrayList<>();
    double builtinBest = Double.NaN;
    double builtinFailed = Double.NaN;
    for (String[] query : queries) {
      long sustainedRate = 0;
      long failedRate = 0;
      long rate = firstRate;
      while (failedRate == 0 && rate <= 64_000_000L) {
        Step step = runStep(spark, query, rate, stepSeconds, warmupBatches);
        steps.add(step);
        System.out.printf(
            "  %s at %,d rows/s: mean batch %.0f ms over %d batches -> %s%n",
            query[0],
            rate,
            step.meanBatchMs(),
            step.batches(),
            step.sustained() ? "sustained" : "falls behind");
        if (step.sustained()) {
          sustainedRate = rate;
          rate *= 2;
        } else {
          failedRate = rate;
        }
      }
      for (int i = 0;
          i < bisections && failedRate > 0 && failedRate - sustainedRate > failedRate / 8;
          i++) {
        long middle = (sustainedRate + failedRate) / 2;
        Step step = runStep(spark, query, middle, stepSeconds, warmupBatches);
        steps.add(step);
        System.out.printf(
            "  %s at %,d rows/s: mean batch %.0f ms -> %s%n",
            query[0], middle, step.meanBatchMs(), step.sustained() ? "sustained" : "falls behind");
        if (step.sustained()) {
          sustainedRate = middle;
        } else {
          failedRate = middle;
        }
      }
      // A query's true sustainable rate lies in [sustained, first failed): the ratio's bracket.
      double highest = failedRate == 0 ? Double.POSITIVE_INFINITY : failedRate;
      if (query[0].equals("approx_count_distinct")) {
        builtinBest = sustainedRate;
        builtinFailed = highest;
      } else if (builtinBest > 0) {
        report.target(
            "Spark",
            "sustained streaming rows/s, sk_distinct ÷ approx_count_distinct",
            new Measured(
                sustainedRate / builtinBest,
                sustainedRate / builtinFailed,
                highest / builtinBest,
                Uncertainty.RATE_BRACKET),
            "≥",
            1.0);
      }
      summary.add(
          List.of(
              "`" + query[1] + "`",
              String.format("%,d", sustainedRate),
              failedRate == 0 ? "not reached" : String.format("%,d", failedRate)));
    }
    report.heading("Structured Streaming: sustained throughput");
    report.markdown(
        "Rate source → 10-second tumbling event-time windows with a 10-second watermark → "
            + "update mode → `noop` sink, trigger every "
            + TRIGGER_MS
            + " ms, local[2]. A rate is "
            + "*sustained* when the mean batch duration after "
            + warmupBatches
            + " warm-up batches stays "
            + "within the trigger interval; each step runs "
            + stepSeconds
            + " s. Method: van den Brink "
            + "(2017), ch. 4, with `StreamingQueryListener` progress events.");
    report.table(
        List.of("aggregate", "highest sustained rows/s", "first rate that fell behind"), summary);
    List<List<String>> rows = new ArrayList<>();
    for (Step step : steps) {
      rows.add(
          List.of(
              step.query(),
              String.format("%,d", step.rowsPerSecond()),
              String.format("%.0f", step.meanBatchMs()),
              String.format("%,.0f", step.processedRowsPerSecond()),
              Integer.toString(step.batches()),
              step.sustained() ? "yes" : "no"));
    }
    report.table(
        List.of(
            "aggregate",
            "input rows/s",
            "mean batch ms",
            "processed rows/s",
            "batches",
            "sustained"),
        rows);
  }

  private static Step runStep(
      SparkSession spark, String[] query, long rowsPerSecond, int seconds, int warmupBatches)
      throws TimeoutException, StreamingQueryException, java.io.IOException {
    Path checkpoint = Files.createTempDirectory("sustained-");
    Dataset<Row> input =
        spark
            .readStream()
            .format("rate")
            .option("rowsPerSecond", rowsPerSecond)
            .option("numPartitions", 2)
            .load()
            .withWatermark("timestamp", "10 seconds");
    Dataset<Row> windowed =
        input
            .groupBy(org.apache.spark.sql.functions.window(input.col("timestamp"), "10 seconds"))
            .agg(org.apache.spark.sql.functions.expr(query[1]).as("distinct_values"));
    List<StreamingQueryProgress> progress = new CopyOnWriteArrayList<>();
    StreamingQuery running =
        windowed
            .writeStream()
            .format("noop")
            .outputMode("update")
            .option("checkpointLocation", checkpoint.toString())
            .trigger(Trigger.ProcessingTime(TRIGGER_MS))
            .start();
    StreamingQueryListener listener =
        new StreamingQueryListener() {
          @Override
          public void onQueryStarted(QueryStartedEvent event) {}

          @Override
          public void onQueryProgress(QueryProgressEvent event) {
            if (event.progress().id().equals(running.id())) {
              progress.add(event.progress());
            }
          }

          @Override
          public void onQueryTerminated(QueryTerminatedEvent event) {}
        };
    spark.streams().addListener(listener);
    try {
      // Run for the step's time, but long enough to see MEASURED_BATCHES after the warm-up.
      long deadline = System.nanoTime() + 3L * seconds * 1_000_000_000L;
      long minimum = System.nanoTime() + seconds * 1_000_000_000L;
      while (running.isActive()
          && System.nanoTime() < deadline
          && (System.nanoTime() < minimum || progress.size() < warmupBatches + MEASURED_BATCHES)) {
        running.awaitTermination(200);
      }
    } finally {
      running.stop();
      spark.streams().removeListener(listener);
    }
    double totalMs = 0;
    double totalRows = 0;
    int counted = 0;
    for (int i = warmupBatches; i < progress.size(); i++) {
      StreamingQueryProgress p = progress.get(i);
      Long ms = p.durationMs().get("triggerExecution");
      if (ms != null && p.numInputRows() > 0) {
        totalMs += ms;
        totalRows += p.numInputRows();
        counted++;
      }
    }
    double meanMs = counted == 0 ? Double.POSITIVE_INFINITY : totalMs / counted;
    boolean sustained = counted >= 3 && meanMs <= TRIGGER_MS;
    return new Step(
        query[0],
        rowsPerSecond,
        meanMs,
        counted == 0 ? 0 : 1000 * totalRows / totalMs,
        counted,
        sustained);
  }

  private static SparkSession session() {
    return SparkSession.builder()
        .master("local[2]")
        .appName("sketches-sustained-throughput")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", 2)
        .getOrCreate();
  }

  /** Registers our SQL functions if the Spark module provides them; false if not (yet). */
  private static boolean registerSketchFunctions(SparkSession spark) {
    try {
      Class.forName("io.sketches.spark.SketchFunctions")
          .getMethod("register", SparkSession.class)
          .invoke(null, spark);
      return true;
    } catch (ReflectiveOperationException e) {
      System.out.println("  io.sketches.spark.SketchFunctions not available: sk_distinct skipped");
      return false;
    }
  }
}
