package io.sketches.spark;

import static io.sketches.spark.StreamingTest.EMITTED;
import static io.sketches.spark.StreamingTest.finalRows;
import static io.sketches.spark.StreamingTest.start;
import static io.sketches.spark.StreamingTest.writeEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.ItemSerde;
import io.sketches.frequency.HeavyHitters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Windowed top-k in Structured Streaming, update and append modes, over {@link StreamingTest}'s
 * event files: {@code sk_heavy_hitters} (up to 200 users a window, fewer than the items tracked, so
 * exact) equals the batch answer; {@code sk_frequent} with 20 items tracked purges, merges state
 * across micro-batches in another order than batch, and keeps its guarantee: every user's window
 * count within its bounds, the maximum error at most N/(kept+1).
 */
class HeavyHittersStreamingTest {
  static SparkSession spark;
  static final String AGGREGATE =
      "SELECT window.start AS w, sk_heavy_hitters(user, 5) AS top,"
          + " sk_frequent(user, 20) AS summary, count(*) AS n FROM %s"
          + " GROUP BY window(ts, '10 minutes')";

  @BeforeAll
  static void setUp() {
    spark = SharedSpark.session();
    StreamingTest.spark = spark; // its helpers run the queries
  }

  /** Per window start, the batch answer and each user's exact count. */
  private static Map<Long, Row> batch(Path input, Map<Long, Map<String, Long>> exact) {
    spark
        .read()
        .schema(StreamingTest.SCHEMA)
        .json(input.toString())
        .createOrReplaceTempView("hh_batch_events");
    Map<Long, Row> byWindow = new TreeMap<>();
    for (Row r : spark.sql(String.format(AGGREGATE, "hh_batch_events")).collectAsList()) {
      byWindow.put(r.getTimestamp(0).getTime(), r);
    }
    for (Row r :
        spark
            .sql(
                "SELECT window(ts, '10 minutes').start, user, count(*) FROM hh_batch_events"
                    + " GROUP BY 1, 2")
            .collectAsList()) {
      exact
          .computeIfAbsent(r.getTimestamp(0).getTime(), w -> new HashMap<>())
          .put(r.getString(1), r.getLong(2));
    }
    return byWindow;
  }

  private static void assertSameTopKAndGuarantee(
      Map<Long, Row> expected, Map<Long, Row> actual, Map<Long, Map<String, Long>> exact) {
    assertEquals(expected.keySet(), actual.keySet());
    for (Map.Entry<Long, Row> e : expected.entrySet()) {
      Row want = e.getValue();
      Row got = actual.get(e.getKey());
      long n = want.getLong(3);
      assertEquals(n, got.getLong(3), "count of window " + want.get(0));
      assertEquals(5, want.getList(1).size());
      assertEquals(want.getList(1), got.getList(1), "top 5 of " + want.get(0));
      HeavyHitters<String> summary =
          HeavyHitters.fromByteArray((byte[]) got.get(2), ItemSerde.strings());
      assertEquals(n, summary.totalWeight());
      assertTrue(summary.maximumError() > 0, "the summary purged: " + summary);
      assertTrue(summary.maximumError() <= n / (summary.k() + 1), summary.toString());
      for (Map.Entry<String, Long> user : exact.get(e.getKey()).entrySet()) {
        HeavyHitters.Entry<String> bounds = summary.entry(user.getKey());
        assertTrue(
            bounds.lowerBound() <= user.getValue() && user.getValue() <= bounds.upperBound(),
            bounds + " vs exact " + user.getValue());
      }
    }
  }

  @Test
  void updateModeKeepsTheBatchTopKAndTheBounds(@TempDir Path tmp) throws Exception {
    Path input = Files.createDirectories(tmp.resolve("in"));
    writeEvents(input, "a", 0, 25, 20);
    writeEvents(input, "b", 20, 45, 20); // overlaps: late but within the watermark
    writeEvents(input, "c", 45, 60, 20);
    start("hhupdate", input, tmp.resolve("cp"), "update", AGGREGATE).awaitTermination();
    Map<Long, Map<String, Long>> exact = new HashMap<>();
    assertSameTopKAndGuarantee(batch(input, exact), finalRows("hhupdate"), exact);
  }

  @Test
  void appendModeEmitsEachWindowOnceWithTheBatchTopK(@TempDir Path tmp) throws Exception {
    Path input = Files.createDirectories(tmp.resolve("in"));
    writeEvents(input, "a", 0, 30, 20);
    writeEvents(input, "b", 25, 60, 20);
    writeEvents(input, "z", 120, 121, 1); // advances the watermark past every earlier window
    start("hhappend", input, tmp.resolve("cp"), "append", AGGREGATE).awaitTermination();
    Map<Long, Map<String, Long>> exact = new HashMap<>();
    Map<Long, Row> expected = batch(input, exact);
    expected
        .keySet()
        .removeIf(w -> w >= java.sql.Timestamp.valueOf("2026-01-01 14:00:00").getTime());
    assertEquals(expected.size(), EMITTED.get("hhappend").size(), "each window emitted once");
    assertSameTopKAndGuarantee(expected, finalRows("hhappend"), exact);
  }
}
