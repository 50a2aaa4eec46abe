package io.sketches.spark;

import static io.sketches.spark.RegressionFunctionsTest.rootMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.spark.aggregate.HllSpec;
import io.sketches.spark.aggregate.SketchAggregate;
import io.sketches.spark.catalog.FunctionTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Structured Streaming: windowed sketch aggregates with a watermark over a file source, in update
 * and append modes, equal the batch computation; a restart from the checkpoint with new input
 * neither loses nor double counts; a state blob written by another aggregate gives a clear error.
 */
class StreamingTest {
  static SparkSession spark;
  static final StructType SCHEMA = new StructType().add("ts", "timestamp").add("user", "string");
  static final String AGGREGATE =
      "SELECT window.start AS w, sk_hll(user, 10) AS h,"
          + " sk_cms(user, 0.05, 0.05) AS c, count(*) AS n FROM %s"
          + " GROUP BY window(ts, '10 minutes')";

  /** Rows emitted by foreachBatch, per query id. */
  static final Map<String, List<Row>> EMITTED = Collections.synchronizedMap(new TreeMap<>());

  @BeforeAll
  static void setUp() {
    spark = SharedSpark.session();
  }

  /** Writes one JSON file of events: minute offsets from 12:00, users u0..u{users}. */
  static void writeEvents(Path dir, String name, int fromMinute, int toMinute, int perMinute)
      throws IOException {
    StringBuilder json = new StringBuilder();
    for (int m = fromMinute; m < toMinute; m++) {
      for (int i = 0; i < perMinute; i++) {
        json.append(
            String.format(
                "{\"ts\":\"2026-01-01T%02d:%02d:%02d\",\"user\":\"u%d\"}%n",
                12 + m / 60, m % 60, i % 60, (m * 31 + i * 17) % 211));
      }
    }
    Path tmp = dir.resolveSibling(name + ".tmp");
    Files.write(tmp, json.toString().getBytes(StandardCharsets.UTF_8));
    Files.move(tmp, dir.resolve(name + ".json"));
  }

  static Map<Long, Row> batch(Path input) {
    spark.read().schema(SCHEMA).json(input.toString()).createOrReplaceTempView("batch_events");
    Map<Long, Row> byWindow = new TreeMap<>();
    for (Row r : spark.sql(String.format(AGGREGATE, "batch_events")).collectAsList()) {
      byWindow.put(r.getTimestamp(0).getTime(), r);
    }
    return byWindow;
  }

  static StreamingQuery start(String id, Path input, Path checkpoint, String mode, String aggregate)
      throws Exception {
    Dataset<Row> events =
        spark
            .readStream()
            .schema(SCHEMA)
            .option("maxFilesPerTrigger", 1)
            .json(input.toString())
            .withWatermark("ts", "10 minutes");
    events.createOrReplaceTempView("stream_" + id);
    Dataset<Row> agg = spark.sql(String.format(aggregate, "stream_" + id));
    EMITTED.putIfAbsent(id, Collections.synchronizedList(new ArrayList<>()));
    VoidFunction2<Dataset<Row>, Long> collect =
        (batch, batchId) -> EMITTED.get(id).addAll(batch.collectAsList());
    return agg.writeStream()
        .outputMode(mode)
        .trigger(Trigger.AvailableNow())
        .option("checkpointLocation", checkpoint.toString())
        .foreachBatch(collect)
        .start();
  }

  /** The last row emitted for each window. */
  static Map<Long, Row> finalRows(String id) {
    Map<Long, Row> last = new TreeMap<>();
    for (Row r : EMITTED.get(id)) {
      last.put(r.getTimestamp(0).getTime(), r);
    }
    return last;
  }

  static void assertSameWindows(Map<Long, Row> expected, Map<Long, Row> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    for (Map.Entry<Long, Row> e : expected.entrySet()) {
      Row want = e.getValue();
      Row got = actual.get(e.getKey());
      assertEquals(want.getLong(3), got.getLong(3), "count of window " + want.get(0));
      assertArrayEquals((byte[]) want.get(1), (byte[]) got.get(1), "hll of " + want.get(0));
      assertArrayEquals((byte[]) want.get(2), (byte[]) got.get(2), "cms of " + want.get(0));
    }
  }

  @Test
  void updateModeFinalWindowsEqualBatch(@TempDir Path tmp) throws Exception {
    Path input = Files.createDirectories(tmp.resolve("in"));
    writeEvents(input, "a", 0, 25, 20);
    writeEvents(input, "b", 20, 45, 20); // overlaps: late but within the watermark
    writeEvents(input, "c", 45, 60, 20);
    StreamingQuery q = start("update", input, tmp.resolve("cp"), "update", AGGREGATE);
    q.awaitTermination();
    assertSameWindows(batch(input), finalRows("update"));
  }

  @Test
  void appendModeEmitsEachWindowOnceEqualToBatch(@TempDir Path tmp) throws Exception {
    Path input = Files.createDirectories(tmp.resolve("in"));
    writeEvents(input, "a", 0, 30, 20);
    writeEvents(input, "b", 25, 60, 20);
    writeEvents(input, "z", 120, 121, 1); // advances the watermark past every earlier window
    StreamingQuery q = start("append", input, tmp.resolve("cp"), "append", AGGREGATE);
    q.awaitTermination();
    Map<Long, Row> expected = batch(input);
    expected
        .keySet()
        .removeIf(w -> w >= java.sql.Timestamp.valueOf("2026-01-01 14:00:00").getTime());
    assertEquals(expected.size(), EMITTED.get("append").size(), "each window emitted once");
    assertSameWindows(expected, finalRows("append"));
  }

  @Test
  void restartFromCheckpointLosesNothingAndCountsNothingTwice(@TempDir Path tmp) throws Exception {
    Path input = Files.createDirectories(tmp.resolve("in"));
    Path checkpoint = tmp.resolve("cp");
    writeEvents(input, "a", 0, 25, 20);
    writeEvents(input, "b", 20, 40, 20);
    start("restart", input, checkpoint, "update", AGGREGATE).awaitTermination();
    // stopped mid-stream: new input arrives, including rows for windows already in state
    writeEvents(input, "c", 35, 50, 20);
    writeEvents(input, "d", 50, 70, 20);
    start("restart", input, checkpoint, "update", AGGREGATE).awaitTermination();
    assertSameWindows(batch(input), finalRows("restart"));
  }

  /**
   * Runs {@code first} windowed over a few rows, then {@code second} (window and aggregates) over
   * more rows from the same checkpoint, and expects the restart to fail with {@code message}.
   */
  static void assertForeignStateRefused(
      Path tmp, String id, String first, String second, String message) throws Exception {
    Path input = Files.createDirectories(tmp.resolve("in"));
    Path checkpoint = tmp.resolve("cp");
    String query = "SELECT window.start AS w, %s FROM %%s GROUP BY window(ts, '10 minutes')";
    writeEvents(input, "a", 0, 5, 10);
    start(id, input, checkpoint, "update", String.format(query, first)).awaitTermination();
    writeEvents(input, "b", 5, 9, 10);
    StreamingQuery q = start(id + "2", input, checkpoint, "update", String.format(query, second));
    Exception e = assertThrows(Exception.class, q::awaitTermination);
    assertTrue(rootMessage(e).contains(message), rootMessage(e));
    awaitNoActiveJobs();
  }

  /**
   * Waits (up to 30 s) until the failed query's other tasks have finished: they may still write
   * state files into the checkpoint after awaitTermination threw, racing the temp dir's cleanup.
   */
  private static void awaitNoActiveJobs() throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    var tracker = spark.sparkContext().statusTracker();
    while (System.nanoTime() < deadline
        && (tracker.getActiveJobIds().length > 0
            || tracker.getActiveStageIds().length > 0
            || java.util.Arrays.stream(tracker.getExecutorInfos())
                .anyMatch(executor -> executor.numRunningTasks() > 0))) {
      Thread.sleep(50);
    }
  }

  @Test
  // Not cleaned up: the refused restart's other tasks may still be writing state files into the
  // checkpoint after the query failed, and a cleanup racing them failed the build (a few KB in
  // /tmp).
  void stateWrittenByAnotherAggregateGivesAClearError(
      @TempDir(cleanup = CleanupMode.NEVER) Path tmp) throws Exception {
    // same state schema (one BINARY buffer), but the bytes are a sample, read back as Count-Min
    assertForeignStateRefused(
        tmp,
        "foreign",
        "sk_sample(user, 5) AS s",
        "sk_cms(user) AS s",
        "the aggregation state of sk_cms is not a sketch this function wrote");
  }

  @Test
  void streamingSkHllKeepsTheSketchBytesAsItsState(@TempDir Path tmp) throws Exception {
    // streaming sk_hll uses the object buffer (GlobalHllRule): its state is one BINARY sketch, so
    // a sample's state read back as HyperLogLog is refused by the library's own format check
    assertForeignStateRefused(
        tmp,
        "hllstate",
        "sk_sample(user, 5) AS s",
        "sk_hll(user) AS s",
        "the aggregation state of sk_hll is not a sketch this function wrote");
  }

  @Test
  void garbageStateIsRefusedWithSketchFormatException() {
    SketchAggregate agg =
        (SketchAggregate)
            FunctionTable.aggregate(
                new HllSpec("sk_hll", 12, false),
                new org.apache.spark.sql.catalyst.expressions.Literal(
                    null, org.apache.spark.sql.types.DataTypes.StringType));
    byte[] kryoLike = new byte[64];
    new java.util.Random(1).nextBytes(kryoLike);
    SketchesSparkException e =
        assertThrows(SketchesSparkException.class, () -> agg.deserialize(kryoLike));
    assertEquals("SKETCH_FORMAT_ERROR", e.getCondition());
    assertEquals("22P03", e.getSqlState());
    io.sketches.SketchFormatException cause = (io.sketches.SketchFormatException) e.getCause();
    assertTrue(
        cause.getMessage().startsWith("the aggregation state of sk_hll is not a sketch"),
        cause.getMessage());
  }
}
