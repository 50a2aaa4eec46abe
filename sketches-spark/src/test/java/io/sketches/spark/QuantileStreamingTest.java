package io.sketches.spark;

import static io.sketches.spark.StreamingTest.EMITTED;
import static io.sketches.spark.StreamingTest.finalRows;
import static io.sketches.spark.StreamingTest.start;
import static io.sketches.spark.StreamingTest.writeEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.quantiles.QuantileSketch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Windowed quantiles in Structured Streaming, update and append modes and a restart from the
 * checkpoint, over {@link StreamingTest}'s event files (a user number 0..210 and a timestamp per
 * row, 200 to 400 rows a window): {@code sk_quantiles} state merged across micro-batches keeps
 * every row once (its count is the window's), and every answer — {@code sk_quantile} of the stored
 * bytes, {@code sk_percentile} at k = 8 (which compacts), the median timestamp — has exact ranks
 * within the sketch's rank error of the rank asked. The rows are fixed and the coins a function of
 * seed and items, so the checks are deterministic (a priori each sketch meets its bound with
 * probability ≥ 0.99).
 */
class QuantileStreamingTest {
  static SparkSession spark;

  static final String NUMBER = "CAST(substr(user, 2) AS INT)";
  static final String AGGREGATE =
      "SELECT window.start AS w, sk_quantiles("
          + NUMBER
          + ") AS q, sk_percentile("
          + NUMBER
          + ", array(0.1, 0.5, 0.9), 8) AS p, sk_percentile(ts, 0.5) AS mid, count(*) AS n"
          + " FROM %s GROUP BY window(ts, '10 minutes')";

  static final double[] RANKS = {0, 0.1, 0.25, 0.5, 0.75, 0.9, 1};

  @BeforeAll
  static void setUp() {
    spark = SharedSpark.session();
    StreamingTest.spark = spark; // its helpers run the queries
  }

  /** Per window start: its user numbers and timestamps (microseconds), sorted. */
  private static Map<Long, long[][]> exact(Path input) {
    spark
        .read()
        .schema(StreamingTest.SCHEMA)
        .json(input.toString())
        .createOrReplaceTempView("q_batch_events");
    Map<Long, long[][]> windows = new TreeMap<>();
    for (Row r :
        spark
            .sql(
                "SELECT window(ts, '10 minutes').start, array_sort(collect_list("
                    + NUMBER
                    + ")), array_sort(collect_list(unix_micros(ts))) FROM q_batch_events GROUP BY 1")
            .collectAsList()) {
      List<Integer> numbers = r.getList(1);
      List<Long> micros = r.getList(2);
      windows.put(
          r.getTimestamp(0).getTime(),
          new long[][] {
            numbers.stream().mapToLong(Integer::longValue).toArray(),
            micros.stream().mapToLong(Long::longValue).toArray()
          });
    }
    return windows;
  }

  /** The exact ranks of {@code q} in sorted {@code values} bracket {@code rank} within ε. */
  private static void assertRankWithin(
      long[] values, long q, double rank, double epsilon, String what) {
    long below = 0;
    long atOrBelow = 0;
    boolean present = false;
    for (long v : values) {
      below += v < q ? 1 : 0;
      atOrBelow += v <= q ? 1 : 0;
      present |= v == q;
    }
    double n = values.length;
    assertTrue(present, what + ": " + q + " is no value of the window");
    assertTrue(
        below / n <= rank + epsilon && atOrBelow / n >= rank - epsilon,
        what + ": " + q + " has ranks [" + below / n + ", " + atOrBelow / n + "], ε " + epsilon);
  }

  private static void assertWindowsWithinTheBound(
      Map<Long, long[][]> exact, Map<Long, Row> actual) {
    assertEquals(exact.keySet(), actual.keySet());
    for (Map.Entry<Long, Row> e : actual.entrySet()) {
      Row row = e.getValue();
      long[] numbers = exact.get(e.getKey())[0];
      long[] micros = exact.get(e.getKey())[1];
      String window = "window " + row.get(0);
      assertEquals(numbers.length, row.getLong(4), window + ": count");
      QuantileSketch q = QuantileSketch.fromByteArray((byte[]) row.get(1));
      assertEquals(numbers.length, q.count(), window + ": every row once in the sketch");
      for (double rank : RANKS) {
        assertRankWithin(
            numbers, q.quantileLong(rank), rank, q.normalizedRankError(), window + " q " + rank);
      }
      List<Integer> p = row.getList(2);
      double[] asked = {0.1, 0.5, 0.9};
      for (int i = 0; i < asked.length; i++) {
        assertRankWithin(
            numbers,
            p.get(i),
            asked[i],
            QuantileSketch.normalizedRankError(8),
            window + " p " + asked[i]);
      }
      Timestamp mid = row.getTimestamp(3);
      long midMicros = mid.getTime() / 1000 * 1_000_000 + mid.getNanos() / 1000 % 1_000_000;
      assertRankWithin(micros, midMicros, 0.5, q.normalizedRankError(), window + " mid");
    }
  }

  @Test
  void updateModeKeepsEveryRowAndTheBound(@TempDir Path tmp) throws Exception {
    Path input = Files.createDirectories(tmp.resolve("in"));
    writeEvents(input, "a", 0, 25, 20);
    writeEvents(input, "b", 20, 45, 20); // overlaps: late but within the watermark
    writeEvents(input, "c", 45, 60, 20);
    start("qupdate", input, tmp.resolve("cp"), "update", AGGREGATE).awaitTermination();
    assertWindowsWithinTheBound(exact(input), finalRows("qupdate"));
  }

  @Test
  void appendModeEmitsEachWindowOnceWithinTheBound(@TempDir Path tmp) throws Exception {
    Path input = Files.createDirectories(tmp.resolve("in"));
    writeEvents(input, "a", 0, 30, 20);
    writeEvents(input, "b", 25, 60, 20);
    writeEvents(input, "z", 120, 121, 1); // advances the watermark past every earlier window
    start("qappend", input, tmp.resolve("cp"), "append", AGGREGATE).awaitTermination();
    Map<Long, long[][]> exact = exact(input);
    exact.keySet().removeIf(w -> w >= Timestamp.valueOf("2026-01-01 14:00:00").getTime());
    assertEquals(exact.size(), EMITTED.get("qappend").size(), "each window emitted once");
    assertWindowsWithinTheBound(exact, finalRows("qappend"));
  }

  @Test
  void restartFromCheckpointLosesNothingAndCountsNothingTwice(@TempDir Path tmp) throws Exception {
    Path input = Files.createDirectories(tmp.resolve("in"));
    Path checkpoint = tmp.resolve("cp");
    writeEvents(input, "a", 0, 25, 20);
    writeEvents(input, "b", 20, 40, 20);
    start("qrestart", input, checkpoint, "update", AGGREGATE).awaitTermination();
    // stopped mid-stream: new input arrives, including rows for windows already in state
    writeEvents(input, "c", 35, 50, 20);
    writeEvents(input, "d", 50, 70, 20);
    start("qrestart", input, checkpoint, "update", AGGREGATE).awaitTermination();
    Map<Long, Row> rows = new HashMap<>(finalRows("qrestart"));
    assertWindowsWithinTheBound(exact(input), new TreeMap<>(rows));
  }
}
