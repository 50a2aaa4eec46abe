package io.sketches.spark;

import static io.sketches.spark.RegressionFunctionsTest.rootMessage;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.cardinality.HyperLogLog;
import io.sketches.frequency.CountMinSketch;
import io.sketches.sampling.ReservoirSampler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Batch SQL and DataFrame use of the HLL, Count-Min, heavy hitters and sample functions. */
class BatchFunctionsTest {
  static SparkSession spark;
  static final int ROWS = 20_000;

  @BeforeAll
  static void setUp() {
    spark = SharedSpark.session();
    // user strings with repeats, a long id, a null every 97 rows
    spark
        .range(0, ROWS, 1, 4)
        .selectExpr(
            "id",
            "IF(id % 97 = 0, NULL, concat('user-', CAST((id * 7919) % 5003 AS STRING))) AS user",
            "CAST(id % 10 AS INT) AS g",
            "IF(id % 3 = 0, 'hot', CAST(id AS STRING)) AS word")
        .createOrReplaceTempView("events");
  }

  private static List<Row> rows(String sql) {
    return spark.sql(sql).collectAsList();
  }

  private static HyperLogLog coreHll(int precision, List<Row> users) {
    HyperLogLog hll = HyperLogLog.create(precision);
    for (Row r : users) {
      if (!r.isNullAt(0)) {
        hll.update(r.getString(0));
      }
    }
    return hll.discardMartingale();
  }

  @Test
  void hllBytesEqualCoreSketchOverAnyPartitioning() {
    List<Row> users = rows("SELECT user FROM events");
    byte[] expected = coreHll(11, users).toByteArray();
    for (int partitions : new int[] {1, 3, 8}) {
      spark.table("events").repartition(partitions).createOrReplaceTempView("shuffled");
      Row r = spark.sql("SELECT sk_hll(user, 11), sk_distinct(user, 11) FROM shuffled").first();
      assertArrayEquals(expected, (byte[]) r.get(0), "partitions " + partitions);
      assertEquals(Math.round(HyperLogLog.fromByteArray(expected).estimate()), r.getLong(1));
    }
    // the DataFrame function is the same aggregate
    byte[] viaColumn =
        spark.table("events").agg(SketchFunctions.hll(col("user"), 11)).first().getAs(0);
    assertArrayEquals(expected, viaColumn);
    // and the typed aggregator
    Dataset<String> ds = spark.table("events").select("user").na().drop().as(Encoders.STRING());
    HyperLogLog typed = ds.select(SketchAggregators.<String>hll(11).toColumn()).first();
    assertArrayEquals(expected, typed.toByteArray());
  }

  @Test
  void distinctIsCloseAndScalarsAgree() {
    long exact = spark.sql("SELECT count(DISTINCT user) FROM events").first().getLong(0);
    Row r =
        spark
            .sql(
                "SELECT d, sk_estimate(h), sk_bounds(h, 3) FROM"
                    + " (SELECT sk_distinct(user) AS d, sk_hll(user) AS h FROM events)")
            .first();
    // sk_distinct defaults to precision 9 (approx_count_distinct's accuracy), sk_hll to 12
    List<Row> users = rows("SELECT user FROM events");
    assertEquals(Math.round(coreHll(9, users).estimate()), r.getLong(0));
    assertEquals(
        12,
        HyperLogLog.fromByteArray(
                (byte[]) spark.sql("SELECT sk_hll(user) FROM events").first().get(0))
            .precision());
    // precision 9: relative standard error 1.04/√512 = 4.6%; 25% is 5.4 sigma (failure < 1e-7)
    assertEquals(exact, r.getLong(0), exact * 0.25);
    Row bounds = r.getStruct(2);
    assertEquals(r.getDouble(1), bounds.getDouble(0));
    assertTrue(bounds.getDouble(1) <= exact && exact <= bounds.getDouble(2), bounds.toString());
    // grouped: one estimate per group, integers hash as the equal long
    List<Row> grouped =
        rows(
            "SELECT g, sk_distinct(id), sk_distinct(CAST(id AS INT)) FROM events"
                + " GROUP BY g ORDER BY g");
    assertEquals(10, grouped.size());
    for (Row g : grouped) {
      assertEquals(ROWS / 10, g.getLong(1), ROWS / 10 * 0.25); // precision 9: 5.4 sigma
      assertEquals(g.getLong(1), g.getLong(2));
    }
    // no rows: 0 and the empty sketch
    Row empty =
        spark
            .sql(
                "SELECT sk_distinct(user), sk_estimate(sk_hll(user)) FROM events" + " WHERE id < 0")
            .first();
    assertEquals(0L, empty.getLong(0));
  }

  @Test
  void aRelativeSdPicksThePrecisionAsApproxCountDistinctDoes() {
    List<Row> users = rows("SELECT user FROM events");
    // 0.05 (approx_count_distinct's default) is precision 9; 0.0173 is 12; 0.01 is 14
    Row r =
        spark
            .sql(
                "SELECT sk_distinct(user, 0.05), sk_hll(user, 0.0173), sk_hll(user, 0.01D)"
                    + " FROM events")
            .first();
    assertEquals(Math.round(coreHll(9, users).estimate()), r.getLong(0));
    assertArrayEquals(coreHll(12, users).toByteArray(), (byte[]) r.get(1));
    assertArrayEquals(coreHll(14, users).toByteArray(), (byte[]) r.get(2));
    Row viaColumns =
        spark
            .table("events")
            .agg(SketchFunctions.distinct(col("user"), 0.05), SketchFunctions.distinct(col("user")))
            .first();
    assertEquals(r.getLong(0), viaColumns.getLong(0));
    assertEquals(r.getLong(0), viaColumns.getLong(1));
  }

  @Test
  void cmsBytesEqualCoreSketchAndFrequencyBoundsTruth() {
    CountMinSketch core = CountMinSketch.withError(0.01, 0.01, 7);
    for (Row r : rows("SELECT word FROM events")) {
      core.update(r.getString(0), 1);
    }
    spark.table("events").repartition(5).createOrReplaceTempView("shuffled5");
    Row r = spark.sql("SELECT sk_cms(word, 0.01, 0.01, 7) AS c FROM shuffled5").first();
    assertArrayEquals(core.toByteArray(), (byte[]) r.get(0));
    Row f =
        spark
            .sql(
                "SELECT sk_frequency(c, 'hot'), sk_frequency(c, '4') FROM"
                    + " (SELECT sk_cms(word, 0.01, 0.01, 7) AS c FROM events)")
            .first();
    long hot = (ROWS + 2) / 3;
    assertTrue(f.getLong(0) >= hot && f.getLong(0) <= hot + 0.01 * ROWS * 3, f.toString());
    assertTrue(f.getLong(1) >= 1);
    byte[] viaColumn =
        spark.table("events").agg(SketchFunctions.cms(col("word"), 0.01, 0.01, 7)).first().getAs(0);
    assertArrayEquals(core.toByteArray(), viaColumn);
  }

  @Test
  void heavyHittersFindTheHotItem() {
    List<Row> top = spark.sql("SELECT sk_heavy_hitters(word, 5) FROM events").first().getList(0);
    Row first = top.get(0);
    long hot = (ROWS + 2) / 3;
    assertEquals("hot", first.getString(0));
    assertTrue(first.getLong(2) <= hot && hot <= first.getLong(3), first.toString());
    List<Row> longs =
        spark.table("events").agg(SketchFunctions.heavyHitters(col("g"), 3)).first().getList(0);
    assertTrue(longs.size() >= 1);
    assertTrue(longs.get(0).get(0) instanceof Integer); // g is an INT column
  }

  @Test
  void sampleIsASubsetOfTheInputAndDeterministic() {
    String sql = "SELECT sk_sample(user, 50, 42) FROM events";
    byte[] a = spark.sql(sql).first().getAs(0);
    byte[] b = spark.sql(sql).first().getAs(0);
    assertArrayEquals(a, b);
    ReservoirSampler<?> sampler = ReservoirSampler.fromByteArray(a);
    long nonNull = spark.sql("SELECT count(user) FROM events").first().getLong(0);
    assertEquals(nonNull, sampler.count());
    assertEquals(50, sampler.sample().size());
    Set<String> users = new HashSet<>();
    for (Row r : rows("SELECT DISTINCT user FROM events WHERE user IS NOT NULL")) {
      users.add(r.getString(0));
    }
    List<String> values = new ArrayList<>();
    for (Object v :
        spark
            .sql("SELECT sk_sample_values(sk_sample(user, 50, 42)) FROM events")
            .first()
            .getList(0)) {
      values.add((String) v);
    }
    assertEquals(50, values.size());
    assertTrue(users.containsAll(values));
  }

  @Test
  void mergeOfPerGroupSketchesEqualsWholeSketch() {
    byte[] whole = spark.sql("SELECT sk_hll(user) FROM events").first().getAs(0);
    byte[] merged =
        spark
            .sql(
                "SELECT sk_merge(h) FROM (SELECT g, sk_hll(user) AS h FROM events" + " GROUP BY g)")
            .first()
            .getAs(0);
    assertArrayEquals(whole, merged);
    byte[] cmsWhole = spark.sql("SELECT sk_cms(word) FROM events").first().getAs(0);
    byte[] cmsMerged =
        spark
            .sql(
                "SELECT sk_merge(c) FROM (SELECT g, sk_cms(word) AS c FROM" + " events GROUP BY g)")
            .first()
            .getAs(0);
    assertArrayEquals(cmsWhole, cmsMerged);
    Exception mixed =
        assertThrows(
            Exception.class,
            () ->
                spark
                    .sql(
                        "SELECT sk_merge(s) FROM"
                            + " (SELECT sk_hll(user) AS s FROM events UNION ALL SELECT sk_cms(word) FROM events)")
                    .collect());
    assertTrue(rootMessage(mixed).contains("sk_merge cannot merge a"), rootMessage(mixed));
  }

  @Test
  void badArgumentsFailAnalysisWithTheValue() {
    assertAnalysisError(
        "SELECT sk_hll(user, 3) FROM events",
        "\"sk_hll(user, 3)\" due to data type mismatch: The `precision` must be between"
            + " [4, 18] (current value = 3)");
    assertAnalysisError(
        "SELECT sk_distinct(user, id) FROM events",
        "the input `precision` should be a foldable \"INT\" expression; however, got" + " \"id\"");
    assertAnalysisError(
        "SELECT sk_distinct(user, 1.5) FROM events",
        "The `relative_sd` must be between (0, 1) (current value = 1.5BD)");
    assertAnalysisError(
        "SELECT sk_hll(user, 0.001) FROM events",
        "The `relative_sd` must be between [0.00203, 1) (precision ≤ 18) (current value ="
            + " 0.001BD)");
    assertAnalysisError(
        "SELECT sk_cms(word, 0, 0.01) FROM events",
        "The `epsilon` must be between (0, 1) (current value = 0)");
    assertAnalysisError(
        "SELECT sk_cms(word, 0.01) FROM events",
        "The `sk_cms(expr [, epsilon, delta [, seed]])` requires 1, 3 or 4 parameters but the"
            + " actual number is 2");
    assertAnalysisError(
        "SELECT sk_heavy_hitters(word, 0) FROM events",
        "The `k` must be between [1, 10000] (current value = 0)");
    assertAnalysisError(
        "SELECT sk_sample(array(1), 5) FROM events",
        "The first parameter requires the item (\"STRING\", \"BINARY\", \"TINYINT\" to"
            + " \"BIGINT\"");
    assertAnalysisError(
        "SELECT sk_bounds(sk_hll(user), 4) FROM events",
        "The `std_devs` must be between [1, 3] (current value = 4)");
    assertAnalysisError(
        "SELECT sk_hll(array(user)) FROM events",
        "however \"array(user)\" has the type \"ARRAY<STRING>\"");
    assertAnalysisError(
        "SELECT sk_estimate(user) FROM events",
        "The first parameter requires the \"BINARY\" (HyperLogLog sketch bytes) type,"
            + " however \"user\" has the type \"STRING\"");
  }

  @Test
  void bytesOfAnotherKindGiveAClearError() {
    Exception e =
        assertThrows(
            Exception.class,
            () -> spark.sql("SELECT sk_estimate(sk_cms(word)) FROM events").collect());
    assertTrue(rootMessage(e).contains("expected a HYPERLOGLOG sketch"), rootMessage(e));
    e =
        assertThrows(
            Exception.class,
            () -> spark.sql("SELECT sk_estimate(CAST('not a sketch at all' AS BINARY))").collect());
    assertTrue(rootMessage(e).contains("not a sketch: magic"), rootMessage(e));
  }

  static void assertAnalysisError(String sql, String expected) {
    AnalysisException e = assertThrows(AnalysisException.class, () -> spark.sql(sql).schema());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
