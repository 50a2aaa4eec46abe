package io.sketches.spark.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;

/**
 * The main job: a Structured Streaming query over a generated web clickstream that computes, per
 * one-minute event-time window, distinct users, the top pages with bounds, a uniform sample of
 * events, k-means clusters of user locations and a latency regression, all with this library's
 * sketches, and prints each closed window beside the generator's exact answer.
 *
 * <p>Run it with {@code ./demo} from the repository (builds first), or on any Spark 4.2 cluster:
 * {@code spark-submit --class io.sketches.spark.demo.StreamingDemo sketches-spark-*-all.jar --input
 * /shared/dir}. See {@link DemoOptions#USAGE} for the options.
 */
public final class StreamingDemo {
  /** Trigger interval of the query; windows close within a trigger or two of their watermark. */
  static final Duration TRIGGER = Duration.ofSeconds(2);

  private StreamingDemo() {}

  /** What a finished run saw: its closed windows and where it left its state and results. */
  public record Summary(List<WindowReport> windows, long rowsProcessed, DemoOptions options) {
    public long windowsWithinBound() {
      return windows.stream().filter(WindowReport::distinctWithinBound).count();
    }

    public long windowsWithTopPagesRight() {
      return windows.stream().filter(WindowReport::topPagesRight).count();
    }
  }

  public static void main(String[] args) throws Exception {
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    SparkSession spark = session(options);
    Summary summary;
    try {
      summary = run(spark, options, System.out);
    } finally {
      spark.stop();
    }
    System.exit(summary.windows().isEmpty() ? 1 : 0);
  }

  /** The session: spark-submit's master and settings, else {@code --master}, else local[2]. */
  static SparkSession session(DemoOptions options) {
    SparkConf submitted = new SparkConf();
    String master =
        options.master() != null ? options.master() : submitted.get("spark.master", "local[2]");
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName("sketches streaming demo")
            .master(master)
            .config(
                "spark.sql.shuffle.partitions", submitted.get("spark.sql.shuffle.partitions", "4"))
            .config("spark.ui.enabled", submitted.get("spark.ui.enabled", "false"));
    if (master.startsWith("local")) {
      builder
          .config("spark.driver.host", submitted.get("spark.driver.host", "127.0.0.1"))
          .config(
              "spark.driver.bindAddress", submitted.get("spark.driver.bindAddress", "127.0.0.1"));
    }
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  /**
   * Generates events for {@code options.durationSeconds()}, runs the query over them, prints every
   * closed window and the progress of every micro-batch to {@code out}, then drains and stops.
   */
  public static Summary run(SparkSession spark, DemoOptions options, PrintStream out)
      throws IOException, TimeoutException, StreamingQueryException, InterruptedException {
    WindowAggregates.register(spark);
    ClickstreamGenerator generator = ClickstreamGenerator.create(options.seed(), options.users());
    EventSink sink =
        options.kafka() != null
            ? KafkaSink.to(options.kafka(), options.topic())
            : JsonFileSink.into(options.input());
    Dataset<Row> events =
        options.kafka() != null
            ? ClickstreamQuery.fromKafka(spark, options.kafka(), options.topic())
            : ClickstreamQuery.fromFiles(spark, options.input().toString());

    out.printf(
        Locale.ROOT,
        "sketches streaming demo: Spark %s, master %s%n",
        spark.version(),
        spark.sparkContext().master());
    out.printf(
        Locale.ROOT,
        "  events     %,d/s for %d s into %s; event time runs %.0f× the wall clock%n",
        options.rate(),
        options.durationSeconds(),
        sink.describe(),
        options.speedup());
    out.printf(
        Locale.ROOT,
        "  query      1-minute event-time windows, watermark %s: sk_hll, "
            + "sk_heavy_hitters, sk_sample, sk_kmeans, sk_linreg%n",
        ClickstreamQuery.WATERMARK_DELAY);
    out.printf(
        Locale.ROOT,
        "  checkpoint %s%n  output     %s%n%n",
        options.checkpoint().toAbsolutePath(),
        options.output().toAbsolutePath());

    List<WindowReport> reports = Collections.synchronizedList(new ArrayList<>());
    String outputPath = options.output().toAbsolutePath().toString();
    VoidFunction2<Dataset<Row>, Long> reportBatch =
        (batch, batchId) -> {
          List<Row> closed = new ArrayList<>(batch.collectAsList());
          if (closed.isEmpty()) {
            return;
          }
          batch
              .sparkSession()
              .createDataFrame(closed, batch.schema())
              .write()
              .mode("append")
              .json(outputPath);
          closed.sort(Comparator.comparing(r -> r.<java.sql.Timestamp>getAs("window_start")));
          StringBuilder text = new StringBuilder();
          for (Row row : closed) {
            WindowReport report =
                new WindowReport(
                    row, generator.truth(row.<java.sql.Timestamp>getAs("window_start").getTime()));
            reports.add(report);
            text.append(report.table());
          }
          out.print(text);
          out.flush();
        };

    BatchProgressPrinter progress = new BatchProgressPrinter(out);
    spark.streams().addListener(progress);
    EventFeed feed = EventFeed.start(generator, sink, options.rate(), options.speedup());
    StreamingQuery query =
        ClickstreamQuery.perWindow(events)
            .writeStream()
            .queryName("clickstream_windows")
            .outputMode("append")
            .trigger(Trigger.ProcessingTime(TRIGGER.toMillis()))
            .option("checkpointLocation", options.checkpoint().toAbsolutePath().toString())
            .foreachBatch(reportBatch)
            .start();
    try {
      // awaitTermination returns early (by exception) only if the query fails
      query.awaitTermination(Duration.ofSeconds(options.durationSeconds()).toMillis());
      feed.close();
      query.processAllAvailable();
      // one more trigger lets the watermark of the last data close its windows (a no-data batch)
      Thread.sleep(2 * TRIGGER.toMillis());
      query.processAllAvailable();
    } finally {
      query.stop();
      feed.close();
      spark.streams().removeListener(progress);
    }

    Summary summary = new Summary(List.copyOf(reports), progress.totalRows(), options);
    out.printf(
        Locale.ROOT,
        "%nfinished: %,d events generated, %,d rows processed, %d windows closed "
            + "(the last, still open, stays in the checkpoint's state)%n",
        feed.produced(),
        summary.rowsProcessed(),
        summary.windows().size());
    out.printf(
        Locale.ROOT,
        "  distinct users within the %dσ HLL bound of the truth: %d of %d windows%n",
        WindowAggregates.BOUND_STANDARD_ERRORS,
        summary.windowsWithinBound(),
        summary.windows().size());
    out.printf(
        Locale.ROOT,
        "  top pages matching the truth: %d of %d windows%n",
        summary.windowsWithTopPagesRight(),
        summary.windows().size());
    out.printf(
        Locale.ROOT,
        "  checkpoint: %s%n  output:     %s (one JSON row per closed window)%n",
        options.checkpoint().toAbsolutePath(),
        outputPath);
    if (options.kafka() == null) {
      out.printf(Locale.ROOT, "  input:      %s%n", options.input().toAbsolutePath());
    }
    out.flush();
    return summary;
  }
}
