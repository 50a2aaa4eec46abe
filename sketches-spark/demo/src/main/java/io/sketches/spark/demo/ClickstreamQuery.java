package io.sketches.spark.demo;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.window;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The demo's streaming query: clickstream events (JSON files or Kafka messages), a watermark, and
 * per one-minute event-time window the aggregates of {@link WindowAggregates} (register them with
 * {@link WindowAggregates#register} first).
 */
public final class ClickstreamQuery {
  /** The JSON schema of {@link ClickEvent#toJson()}. */
  public static final StructType EVENT_SCHEMA =
      new StructType()
          .add("time", DataTypes.TimestampType)
          .add("user_id", DataTypes.LongType)
          .add("page", DataTypes.StringType)
          .add("lat", DataTypes.DoubleType)
          .add("lon", DataTypes.DoubleType)
          .add("device", DataTypes.StringType)
          .add("payload_kb", DataTypes.DoubleType)
          .add("db_queries", DataTypes.IntegerType)
          .add("latency_ms", DataTypes.DoubleType);

  /**
   * Event-time lateness the query waits for before closing a window; above {@link
   * EventFeed#MAX_LATENESS_MILLIS}.
   */
  public static final String WATERMARK_DELAY = "15 seconds";

  public static final String WINDOW_DURATION = "1 minute";

  private static final Map<String, String> JSON_OPTIONS =
      Map.of("timestampFormat", ClickEvent.SPARK_TIMESTAMP_FORMAT, "mode", "FAILFAST");

  private ClickstreamQuery() {}

  /** Events from JSON-lines files appearing in {@code directory}. */
  public static Dataset<Row> fromFiles(SparkSession spark, String directory) {
    return spark.readStream().schema(EVENT_SCHEMA).options(JSON_OPTIONS).json(directory);
  }

  /** Events from JSON messages on a Kafka topic, read from its earliest offset. */
  public static Dataset<Row> fromKafka(SparkSession spark, String bootstrapServers, String topic) {
    return spark
        .readStream()
        .format("kafka")
        .option("kafka.bootstrap.servers", bootstrapServers)
        .option("subscribe", topic)
        .option("startingOffsets", "earliest")
        .option("failOnDataLoss", "false")
        .load()
        .select(from_json(col("value").cast("string"), EVENT_SCHEMA, JSON_OPTIONS).as("event"))
        .select("event.*");
  }

  /**
   * One row per closed window: {@code window_start}, {@code window_end}, {@code events}, then the
   * columns of {@link WindowAggregates}. In append mode a window appears once, after the watermark
   * has passed its end.
   */
  public static Dataset<Row> perWindow(Dataset<Row> events) {
    List<Column> columns = WindowAggregates.columns();
    Dataset<Row> windows =
        events
            .withWatermark("time", WATERMARK_DELAY)
            .groupBy(window(col("time"), WINDOW_DURATION))
            .agg(count(lit(1)).as("events"), columns.toArray(Column[]::new));
    return windows.select(
        col("window.start").as("window_start"),
        col("window.end").as("window_end"),
        col("events"),
        col("distinct_users"),
        col("top_pages"),
        col("sample"),
        col("centers"),
        col("coefficients"));
  }
}
