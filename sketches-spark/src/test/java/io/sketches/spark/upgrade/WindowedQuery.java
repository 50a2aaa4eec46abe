package io.sketches.spark.upgrade;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.StructType;

/**
 * The checkpointed query: 10-minute event-time windows of users with a 30-minute watermark, in
 * append mode (a window is emitted once, when the watermark passes its end; until then it lives in
 * the state store as {@code sk_hll}, {@code sk_cms} and {@code sk_sample} buffers and a count),
 * over a JSON file source read one file per micro-batch.
 *
 * <p>The timeline, minutes after 2026-01-01T12:00Z. The generator's files {@code a} (minutes 0–25)
 * and {@code b} (20–45) leave the watermark at 12:14:19: window 12:00 is emitted, windows 12:10 to
 * 12:40 are open in the checkpoint. The restart's file {@code c} (15–35) adds to three of them
 * (none of its rows is late), {@code d} (50–56, and one row at 14:00) opens 12:50 and moves the
 * watermark to 13:30, so that 12:10 to 12:50 are emitted — 12:40 from checkpointed state alone.
 */
final class WindowedQuery {
  static final StructType SCHEMA = new StructType().add("ts", "timestamp").add("user", "string");

  static final int SAMPLE_K = 8;

  /** The windowed aggregates, over a view and with extra columns (the batch adds the users). */
  static final String AGGREGATE =
      "SELECT window.start AS w, sk_hll(user, 10) AS h, sk_cms(user, 0.05, 0.05) AS c,"
          + " sk_sample(user, "
          + SAMPLE_K
          + ") AS s, count(*) AS n%s FROM %s GROUP BY window(ts, '10 minutes')";

  /** The windows a restart emits: open in the checkpoint or opened by the new input. */
  static final List<Instant> RESTART_EMITS =
      List.of(
          Instant.parse("2026-01-01T12:10:00Z"),
          Instant.parse("2026-01-01T12:20:00Z"),
          Instant.parse("2026-01-01T12:30:00Z"),
          Instant.parse("2026-01-01T12:40:00Z"),
          Instant.parse("2026-01-01T12:50:00Z"));

  /**
   * The generator's input files and the modification times it gives them (the file source logs
   * them; a restart finds the files as the user's file system kept them).
   */
  static final Map<String, Instant> OLD_FILES =
      Map.of(
          "a.json", Instant.parse("2026-01-01T12:30:00Z"),
          "b.json", Instant.parse("2026-01-01T12:50:00Z"));

  /**
   * The restart's files, newer than the generator's: the source takes the oldest first, so {@code
   * c} is read before {@code d} moves the watermark past its rows, whatever the clock says.
   */
  static final Map<String, Instant> NEW_FILES =
      Map.of(
          "c.json", Instant.parse("2026-01-01T13:10:00Z"),
          "d.json", Instant.parse("2026-01-01T13:20:00Z"));

  /** Rows emitted by foreachBatch, per run. */
  static final Map<String, List<Row>> EMITTED = new ConcurrentHashMap<>();

  private WindowedQuery() {}

  /** The generator's input. */
  static void writeOldInput(Path dir) throws IOException {
    writeEvents(dir, "a.json", 0, 25, 20);
    writeEvents(dir, "b.json", 20, 45, 20);
    setModified(dir, OLD_FILES);
  }

  /** Gives the files in {@code dir} the modification times their source is to see. */
  static void setModified(Path dir, Map<String, Instant> times) throws IOException {
    for (Map.Entry<String, Instant> file : times.entrySet()) {
      Files.setLastModifiedTime(dir.resolve(file.getKey()), FileTime.from(file.getValue()));
    }
  }

  /** The restart's input. */
  static void writeNewInput(Path dir) throws IOException {
    writeEvents(dir, "c.json", 15, 35, 20);
    writeEvents(dir, "d.json", 50, 56, 20, 120);
    setModified(dir, NEW_FILES);
  }

  /**
   * Writes one JSON file of events at minutes [from, to) after 12:00Z, {@code perMinute} a minute
   * (users u0..u210), then one event at each of {@code single} minutes; atomically, so the source
   * never lists a half-written file.
   */
  static void writeEvents(Path dir, String name, int from, int to, int perMinute, int... single)
      throws IOException {
    StringBuilder json = new StringBuilder();
    for (int m = from; m < to; m++) {
      for (int i = 0; i < perMinute; i++) {
        json.append(event(m, i, (m * 31 + i * 17) % 211));
      }
    }
    for (int m : single) {
      json.append(event(m, 0, 0));
    }
    Path tmp = dir.resolveSibling(name + ".tmp");
    Files.write(tmp, json.toString().getBytes(StandardCharsets.UTF_8));
    Files.move(tmp, dir.resolve(name));
  }

  private static String event(int minute, int second, int user) {
    return String.format(
        "{\"ts\":\"2026-01-01T%02d:%02d:%02dZ\",\"user\":\"u%d\"}%n",
        12 + minute / 60, minute % 60, second % 60, user);
  }

  /** The query over {@code input} from {@code checkpoint}, run until no input is left. */
  static StreamingQuery start(SparkSession spark, String run, Path input, Path checkpoint)
      throws Exception {
    Dataset<Row> events =
        spark
            .readStream()
            .schema(SCHEMA)
            .option("maxFilesPerTrigger", 1)
            .json(input.toString())
            .withWatermark("ts", "30 minutes");
    events.createOrReplaceTempView("upgrade_stream");
    EMITTED.put(run, Collections.synchronizedList(new ArrayList<>()));
    VoidFunction2<Dataset<Row>, Long> collect =
        (batch, batchId) -> EMITTED.get(run).addAll(batch.collectAsList());
    return spark
        .sql(String.format(AGGREGATE, "", "upgrade_stream"))
        .writeStream()
        .outputMode("append")
        .trigger(Trigger.AvailableNow())
        .option("checkpointLocation", checkpoint.toString())
        .foreachBatch(collect)
        .start();
  }
}
