package io.sketches.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.IncompatibleSketchException;
import io.sketches.SketchFormatException;
import io.sketches.SketchType;
import io.sketches.cardinality.HyperLogLog;
import io.sketches.frequency.CountMinSketch;
import io.sketches.spark.Forgeries;
import io.sketches.spark.SketchFunctions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.spark.SparkThrowable;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored bytes from elsewhere, on a real cluster ({@code local-cluster[2,1,1024]}: two executor
 * JVMs of 1 GiB, where an {@code OutOfMemoryError} kills the executor). A Parquet table of valid
 * sketches of every type with one forged row among them, read by every scalar function of that type
 * and by {@code sk_merge}, fails the query with a {@link SketchFormatException} that names the
 * function and carries the core's reason; no executor is lost, and the same session then answers
 * the valid rows exactly as before. A streaming aggregation restarted from a checkpoint whose state
 * holds forged bytes fails the same way, naming the aggregate's state.
 *
 * <p>Tasks are not retried ({@code spark.task.maxFailures=1}): a refusal is deterministic, and an
 * executor lost to a forged row must show as this query's failure, not be hidden by a retry.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileRowsTest {
  private static final String MERGE = "sk_merge(b)";
  private static final String FEATURES = "array(1.0D, 2.0D)";

  /** The expressions that read stored bytes of each type from column {@code b}. */
  private static final Map<SketchType, List<String>> READERS =
      Map.of(
          SketchType.HYPERLOGLOG,
          List.of("sk_estimate(b)", "sk_bounds(b, 2)", MERGE),
          SketchType.COUNT_MIN,
          List.of("sk_frequency(b, 'item-3')", MERGE),
          SketchType.HEAVY_HITTERS,
          List.of("sk_top_k(b, 3)", "sk_top_k(b, 3, 'string')", "sk_frequency(b, 'item-3')", MERGE),
          SketchType.RESERVOIR,
          List.of("sk_sample_values(b)", "sk_sample_values(b, 'bigint')", MERGE),
          SketchType.WEIGHTED_RESERVOIR,
          List.of(MERGE),
          SketchType.STREAMING_KMEANS,
          List.of("sk_centers(b)", "sk_cluster_id(b, " + FEATURES + ")", MERGE),
          SketchType.LINEAR_REGRESSION,
          List.of("sk_coefficients(b)", "sk_predict(b, " + FEATURES + ")", MERGE),
          SketchType.BAYESIAN_LINEAR_REGRESSION,
          List.of("sk_coefficients(b)", "sk_predict(b, " + FEATURES + ")", MERGE),
          SketchType.SGD_LINEAR_REGRESSION,
          List.of(MERGE),
          SketchType.QUANTILES,
          List.of(
              "sk_quantile(b, 0.5)",
              "sk_quantile(b, array(0.5), 'double')",
              "sk_rank(b, 1.0D)",
              "sk_cdf(b, array(1.0D))",
              MERGE));

  /** Every scalar over stored bytes, with a second input where it takes one. */
  private static final List<String> SCALARS =
      List.of(
          "sk_estimate(b)",
          "sk_bounds(b, 2)",
          "sk_frequency(b, 'item-3')",
          "sk_top_k(b, 3)",
          "sk_sample_values(b)",
          "sk_sample_values(b, 'bigint')",
          "sk_centers(b)",
          "sk_cluster_id(b, " + FEATURES + ")",
          "sk_coefficients(b)",
          "sk_predict(b, " + FEATURES + ")",
          "sk_quantile(b, 0.5)",
          "sk_rank(b, 1.0D)",
          "sk_cdf(b, array(1.0D))");

  private static final int VALID_ROWS = 6;
  private static final StructType STORED =
      new StructType()
          .add("type", "string")
          .add("forgery", "string")
          .add("id", "int")
          .add("b", "binary");

  @TempDir static Path tmp;
  private static SparkSession spark;
  private static final ExecutorRemovals removals = new ExecutorRemovals();

  /** The answer of each query over the valid rows only, before any forged row was read. */
  private static final Map<String, String> validAnswers = new HashMap<>();

  /** Rows emitted by the streaming queries, by query. */
  private static final Map<String, List<Row>> emitted = new HashMap<>();

  /** Counts executors the cluster manager reports removed (an executor JVM that died). */
  private static final class ExecutorRemovals extends SparkListener {
    final List<String> reasons = new CopyOnWriteArrayList<>();

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
      reasons.add("executor " + removed.executorId() + ": " + removed.reason());
    }
  }

  @BeforeAll
  static void storeValidAndForgedRows() throws Exception {
    LocalCluster.assumeClusterExecution();
    spark = LocalCluster.start("sketches-hostile-rows", Map.of("spark.task.maxFailures", "1"));
    SketchFunctions.register(spark);
    spark.sparkContext().addSparkListener(removals);
    List<Row> rows = new ArrayList<>();
    for (SketchType type : READERS.keySet()) {
      List<byte[]> valid = Forgeries.valid(type, VALID_ROWS);
      for (int i = 0; i < valid.size(); i++) {
        rows.add(RowFactory.create(type.name(), "valid", i, valid.get(i)));
      }
      for (Map.Entry<String, byte[]> forgery : Forgeries.of(valid.get(0)).entrySet()) {
        rows.add(RowFactory.create(type.name(), forgery.getKey(), VALID_ROWS, forgery.getValue()));
      }
    }
    rows.add(RowFactory.create("COUNT_MIN", "enormous", VALID_ROWS, Forgeries.enormousCountMin()));
    rows.add(
        RowFactory.create(
            "COUNT_MIN", "enormous empty", VALID_ROWS, Forgeries.enormousEmptyCountMin()));
    String table = tmp.resolve("stored").toString();
    spark.createDataFrame(rows, STORED).repartition(3).write().parquet(table);
    spark.read().parquet(table).createOrReplaceTempView("stored");
    for (Map.Entry<SketchType, List<String>> readers : READERS.entrySet()) {
      for (String reader : readers.getValue()) {
        String sql = query(readers.getKey(), reader, "valid");
        validAnswers.put(sql, answer(sql));
      }
    }
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
      SparkSession.clearActiveSession();
      SparkSession.clearDefaultSession();
    }
  }

  /** {@code reader} over the valid rows of {@code type} and its row of {@code forgery}. */
  private static String query(SketchType type, String reader, String forgery) {
    String rows =
        " FROM stored WHERE type = '" + type + "' AND forgery IN ('valid', '" + forgery + "')";
    return reader.equals(MERGE)
        ? "SELECT " + MERGE + rows
        : "SELECT id, " + reader + rows + " ORDER BY id";
  }

  private static String function(String reader) {
    return reader.substring(0, reader.indexOf('('));
  }

  /** The rows of {@code sql}, in a form that compares by value (binary as hex). */
  private static String answer(String sql) {
    return spark.sql(sql).collectAsList().stream()
        .map(HostileRowsTest::values)
        .collect(Collectors.joining("\n"));
  }

  private static String values(Row row) {
    StringBuilder values = new StringBuilder("[");
    for (int i = 0; i < row.size(); i++) {
      Object v = row.get(i);
      values.append(i == 0 ? "" : ", ");
      values.append(v instanceof byte[] ? Forgeries.hex((byte[]) v) : String.valueOf(v));
    }
    return values.append(']').toString();
  }

  @Test
  @Order(1)
  void aForgedRowFailsEveryReaderOfItsTypeNamingItAndTheReason() throws Exception {
    for (Map.Entry<SketchType, List<String>> readers : READERS.entrySet()) {
      SketchType type = readers.getKey();
      byte[] valid = Forgeries.valid(type, 1).get(0);
      for (Map.Entry<String, byte[]> forgery : Forgeries.of(valid).entrySet()) {
        String reason = Forgeries.refusal(forgery.getValue());
        for (String reader : readers.getValue()) {
          String refusal =
              assertRefused(
                  query(type, reader, forgery.getKey()),
                  function(reader) + ": refused stored sketch bytes: ");
          if (!reader.equals(MERGE)) { // sk_merge folds HyperLogLog bytes by the core's own parse
            assertTrue(refusal.endsWith(reason), refusal + " / " + reason);
          }
        }
      }
    }
    assertValidAnswersUnchanged();
  }

  @Test
  @Order(2)
  void validRowsAnswerAsTheCoreLibrary() {
    List<Row> hll =
        spark
            .sql(
                "SELECT b, sk_estimate(b) FROM stored WHERE forgery = 'valid' AND type = 'HYPERLOGLOG'")
            .collectAsList();
    assertEquals(VALID_ROWS, hll.size());
    HyperLogLog union = HyperLogLog.create(10);
    for (Row row : hll) {
      HyperLogLog sketch = HyperLogLog.fromByteArray(row.getAs(0));
      assertEquals(sketch.estimate(), row.getDouble(1));
      union.merge(sketch);
    }
    byte[] merged =
        (byte[]) spark.sql(query(SketchType.HYPERLOGLOG, MERGE, "valid")).first().get(0);
    assertArrayEquals(union.discardMartingale().toByteArray(), merged);
    for (Row row :
        spark
            .sql(
                "SELECT b, sk_frequency(b, 'item-3') FROM stored"
                    + " WHERE forgery = 'valid' AND type = 'COUNT_MIN'")
            .collectAsList()) {
      assertEquals(CountMinSketch.fromByteArray(row.getAs(0)).estimate("item-3"), row.getLong(1));
    }
  }

  @Test
  @Order(3)
  void aCheckpointWhoseStateHoldsForgedBytesFailsTheRestartNamingTheState() throws Exception {
    byte[] forged =
        Forgeries.of(Forgeries.valid(SketchType.HYPERLOGLOG, 1).get(0))
            .get("truncated and resealed");
    String refusal = assertTamperedStateRefused("hll", "sk_hll", forged);
    assertTrue(refusal.endsWith(Forgeries.refusal(forged)), refusal);
    assertValidAnswersUnchanged();
  }

  /**
   * A Count-Min header that claims 2 × 2^27 counters over a body of a few bytes, refused without
   * allocating them: by every scalar from its type byte alone, by {@code sk_frequency} and {@code
   * sk_merge} from its structure. A header that claims an enormous empty sketch is refused or read
   * as the empty sketch it claims to be (whose estimates are 0, and which does not merge with
   * sketches of another shape); in no case is an executor lost.
   */
  @Test
  @Order(4)
  void anEnormousCountMinIsRefusedWithoutLosingAnExecutor() throws Exception {
    for (String scalar : SCALARS) {
      if (!scalar.startsWith("sk_frequency")) {
        assertRefused(
            query(SketchType.COUNT_MIN, scalar, "enormous"), function(scalar) + ": expected a ");
      }
    }
    for (String reader : READERS.get(SketchType.COUNT_MIN)) {
      assertRefused(
          query(SketchType.COUNT_MIN, reader, "enormous"),
          function(reader) + ": refused stored sketch bytes: ");
    }
    Set<String> executors = executors();
    int removed = removals.reasons.size();
    String frequency = query(SketchType.COUNT_MIN, "sk_frequency(b, 'item-3')", "enormous empty");
    try {
      String answer = answer(frequency);
      assertTrue(answer.endsWith("[" + VALID_ROWS + ", 0]"), answer);
    } catch (Exception e) {
      assertNotNull(refusal(e), frequency + ": " + messages(e));
    }
    String merge = query(SketchType.COUNT_MIN, MERGE, "enormous empty");
    Exception e = assertThrows(Exception.class, () -> spark.sql(merge).collect(), merge);
    assertTrue(
        refusal(e) != null || cause(e, IncompatibleSketchException.class) != null,
        merge + ": " + messages(e));
    assertExecutorsKept(executors, removed, "the enormous empty Count-Min");
    assertValidAnswersUnchanged();
  }

  /** The state of a Count-Min aggregate forged to 2 × 2^27 counters: refused, not allocated. */
  @Test
  @Order(5)
  void anEnormousCountMinStateFailsTheRestartWithoutLosingAnExecutor() throws Exception {
    assertTamperedStateRefused("cms", "sk_cms", Forgeries.enormousCountMin());
    assertValidAnswersUnchanged();
  }

  /**
   * Runs {@code sql}, expects it to fail with a {@link SketchFormatException} whose message starts
   * with {@code prefix}, and no executor to be lost; returns the message.
   */
  private static String assertRefused(String sql, String prefix) throws Exception {
    Set<String> executors = executors();
    int removed = removals.reasons.size();
    Exception e = assertThrows(Exception.class, () -> spark.sql(sql).collect(), sql);
    SketchFormatException refusal = refusal(e);
    assertNotNull(refusal, sql + " failed without a SketchFormatException: " + messages(e));
    assertTrue(refusal.getMessage().startsWith(prefix), sql + ": " + refusal.getMessage());
    SparkThrowable condition = null; // as the executor threw it, through the driver's wrapping
    for (Throwable t = e; t != null && condition == null; t = t.getCause()) {
      if (t instanceof SparkThrowable
          && "SKETCH_FORMAT_ERROR".equals(((SparkThrowable) t).getCondition())) {
        condition = (SparkThrowable) t;
      }
    }
    assertNotNull(condition, sql + " failed without SKETCH_FORMAT_ERROR: " + messages(e));
    assertEquals("22P03", condition.getSqlState(), messages(e));
    assertExecutorsKept(executors, removed, sql);
    return refusal.getMessage();
  }

  /**
   * Puts {@code forged} into the state of a streaming aggregation grouped by key, then restarts the
   * query from that checkpoint with {@code function(v)} in place of the aggregate; expects the
   * restart to fail naming the state of {@code function}, with no executor lost. Returns the
   * refusal's message.
   *
   * <p>The forged bytes reach the state store through Spark's own path: the first version of the
   * query aggregates {@code max(unhex(v))} over rows whose {@code v} is the forgery in hexadecimal.
   * Its state is one nullable BINARY column per key, the state schema of every {@code sk_*}
   * aggregate, so Spark's state-schema check accepts the restart and hands the stored bytes to the
   * sketch aggregate, as it would a state file that another program rewrote.
   */
  private static String assertTamperedStateRefused(String name, String function, byte[] forged)
      throws Exception {
    Path input = Files.createDirectories(tmp.resolve(name + "-in"));
    Path checkpoint = tmp.resolve(name + "-checkpoint");
    writeEvents(input, "a", "a", Forgeries.hex(forged), "b", Forgeries.hex(forged));
    StreamingQuery first = stream(name, input, checkpoint, "max(unhex(v))");
    first.awaitTermination();
    assertEquals(2, first.lastProgress().stateOperators()[0].numRowsTotal());
    for (Row row : emitted.get(name)) {
      assertArrayEquals(forged, (byte[]) row.get(1), "the state of key " + row.get(0));
    }
    writeEvents(input, "b", "a", "user-1", "a", "user-2");
    Set<String> executors = executors();
    int removed = removals.reasons.size();
    StreamingQuery restarted = stream(name + "-restarted", input, checkpoint, function + "(v)");
    Exception e = assertThrows(Exception.class, restarted::awaitTermination);
    SketchFormatException refusal = refusal(e);
    assertNotNull(refusal, "the restart failed without a SketchFormatException: " + messages(e));
    assertTrue(
        refusal
            .getMessage()
            .startsWith(
                "the aggregation state of " + function + " is not a sketch this function wrote"),
        refusal.getMessage());
    assertExecutorsKept(executors, removed, "the restart of " + function);
    return refusal.getMessage();
  }

  /** Writes one JSON file of (k, v) rows: {@code keysAndValues} alternate. */
  private static void writeEvents(Path dir, String file, String... keysAndValues) throws Exception {
    StringBuilder json = new StringBuilder();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      json.append(
          String.format("{\"k\":\"%s\",\"v\":\"%s\"}%n", keysAndValues[i], keysAndValues[i + 1]));
    }
    Path written = Files.writeString(dir.resolveSibling(file + ".tmp"), json.toString());
    Files.move(written, dir.resolve(file + ".json"));
  }

  private static StreamingQuery stream(String id, Path input, Path checkpoint, String aggregate)
      throws Exception {
    spark
        .readStream()
        .schema("k STRING, v STRING")
        .json(input.toString())
        .createOrReplaceTempView("events");
    List<Row> rows = new CopyOnWriteArrayList<>();
    emitted.put(id, rows);
    VoidFunction2<Dataset<Row>, Long> collect =
        (batch, batchId) -> rows.addAll(batch.collectAsList());
    return spark
        .sql("SELECT k, " + aggregate + " AS s FROM events GROUP BY k")
        .writeStream()
        .outputMode("update")
        .trigger(Trigger.AvailableNow())
        .option("checkpointLocation", checkpoint.toString())
        .foreachBatch(collect)
        .start();
  }

  /** Every query over the valid rows answers as it did before any forged row was read. */
  private static void assertValidAnswersUnchanged() {
    for (Map.Entry<String, String> valid : validAnswers.entrySet()) {
      if (valid.getKey().startsWith("SELECT " + MERGE) && !deterministicMerge(valid.getKey())) {
        assertEquals(1, spark.sql(valid.getKey()).collectAsList().size(), valid.getKey());
      } else {
        assertEquals(valid.getValue(), answer(valid.getKey()), valid.getKey());
      }
    }
  }

  /**
   * Whether {@code sk_merge}'s bytes are independent of the order Spark merges partitions in (HLL
   * and Count-Min); the models' and samples' bytes are not.
   */
  private static boolean deterministicMerge(String sql) {
    return sql.contains("'HYPERLOGLOG'") || sql.contains("'COUNT_MIN'");
  }

  /** Host and port of every live executor (a replaced executor has another port). */
  private static Set<String> executors() {
    return Arrays.stream(spark.sparkContext().statusTracker().getExecutorInfos())
        .map(info -> info.host() + ":" + info.port())
        .collect(Collectors.toSet());
  }

  private static void assertExecutorsKept(Set<String> before, int removedBefore, String what)
      throws Exception {
    spark.sparkContext().listenerBus().waitUntilEmpty(10_000L);
    assertEquals(
        removedBefore, removals.reasons.size(), what + " lost executors: " + removals.reasons);
    assertEquals(before, executors(), what);
  }

  private static SketchFormatException refusal(Throwable e) {
    return cause(e, SketchFormatException.class);
  }

  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static String messages(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
    }
    return all.toString();
  }
}
