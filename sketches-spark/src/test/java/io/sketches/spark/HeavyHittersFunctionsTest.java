package io.sketches.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.ItemSerde;
import io.sketches.format.Sketches;
import io.sketches.frequency.HeavyHitters;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Top-k in SQL: {@code sk_heavy_hitters}, and its stored form {@code sk_frequent} rolled up with
 * {@code sk_merge} and read with {@code sk_top_k} and {@code sk_frequency}. Every data set here is
 * fixed, so no test is statistical: where the summary purges, the data leave gaps between the top
 * counts wider than the summary's worst-case error N/(kept+1), which makes the answers certain.
 */
class HeavyHittersFunctionsTest {
  static SparkSession spark;

  /** Rows of the skewed set: 10 heavy items (i = 0..9 occurs 1000·(10 − i) times) and a tail. */
  static final int HEAVY_ROWS = 55_000;

  static final int ROWS = 300_000;

  @BeforeAll
  static void setUp() {
    spark = SharedSpark.session();
    // heavy item i for the first 55,000 ids (counts 10,000, 9,000, ..., 1,000), then 245,000 tail
    // rows over 100,000 other items (2 or 3 each); rows shuffled and cut into 24 parts
    StringBuilder heavy = new StringBuilder("CASE");
    int upTo = 0;
    for (int i = 0; i < 10; i++) {
      upTo += 1000 * (10 - i);
      heavy.append(" WHEN id < ").append(upTo).append(" THEN ").append(i);
    }
    heavy.append(" ELSE 100 + id % 100000 END");
    spark
        .range(0, ROWS, 1, 4)
        .selectExpr(heavy + " AS item", "abs(xxhash64(id)) % 24 AS part")
        .repartition(4, col("part"))
        .createOrReplaceTempView("skewed");
  }

  /** The exact counts of the skewed set's items, for the bounds checks. */
  private static Map<Long, Long> exactCounts() {
    Map<Long, Long> counts = new HashMap<>();
    for (Row r : spark.sql("SELECT item, count(*) FROM skewed GROUP BY item").collectAsList()) {
      counts.put(r.getLong(0), r.getLong(1));
    }
    return counts;
  }

  private static List<Long> items(List<Row> top) {
    List<Long> items = new ArrayList<>();
    for (Row entry : top) {
      items.add(entry.getLong(0));
    }
    return items;
  }

  private static final List<Long> HEAVY = List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);

  /** Every entry's interval holds the exact count. */
  private static void assertBoundsHold(List<Row> top, Map<Long, Long> exact) {
    for (Row e : top) {
      long truth = exact.getOrDefault(e.getLong(0), 0L);
      assertTrue(e.getLong(2) <= truth && truth <= e.getLong(3), e + " vs exact " + truth);
      assertEquals(e.getLong(3), e.getLong(1), "the estimate is the upper bound: " + e);
    }
  }

  @Test
  void rollupOfStoredSummariesFindsTheExactTopKWithBoundsAsTheDirectAnswer() {
    // 1,000 tracked items (750 kept by a purge) for 100,010 distinct: both paths purge, and the
    // worst-case error N/751 = 399 is below the 1,000 gap between heavy counts
    List<Row> direct =
        spark.sql("SELECT sk_heavy_hitters(item, 10, 1000) FROM skewed").first().getList(0);
    List<Row> rolledUp =
        spark
            .sql(
                "SELECT sk_top_k(sk_merge(f), 10, 'bigint') FROM"
                    + " (SELECT part, sk_frequent(item, 1000) AS f FROM skewed GROUP BY part)")
            .first()
            .getList(0);
    Map<Long, Long> exact = exactCounts();
    assertEquals(HEAVY, items(direct));
    assertEquals(HEAVY, items(rolledUp));
    assertBoundsHold(direct, exact);
    assertBoundsHold(rolledUp, exact);
    byte[] merged =
        spark
            .sql(
                "SELECT sk_merge(f) FROM"
                    + " (SELECT part, sk_frequent(item, 1000) AS f FROM skewed GROUP BY part)")
            .first()
            .getAs(0);
    HeavyHitters<?> summary = (HeavyHitters<?>) Sketches.fromByteArray(merged);
    assertEquals(ROWS, summary.totalWeight());
    assertTrue(summary.maximumError() > 0, "the rollup purged: " + summary);
    assertTrue(summary.maximumError() <= ROWS / 751, summary.toString());
    // no false negatives: at least the same ten, every entry's bounds hold
    List<Row> complete =
        spark
            .sql(
                "SELECT sk_top_k(sk_merge(f), 10, 'bigint', 'no_false_negatives') FROM"
                    + " (SELECT part, sk_frequent(item, 1000) AS f FROM skewed GROUP BY part)")
            .first()
            .getList(0);
    assertEquals(HEAVY, items(complete).subList(0, 10));
    assertBoundsHold(complete, exact);
  }

  @Test
  void theIssueExampleGivesExactlyTheExactTopTen() {
    spark
        .range(0, 1_000_000, 1, 4)
        .selectExpr("floor(pow(rand(42), 4) * 1000) AS item")
        .createOrReplaceTempView("pow4");
    List<Row> top = spark.sql("SELECT sk_heavy_hitters(item, 10) FROM pow4").first().getList(0);
    List<Row> exact =
        spark
            .sql(
                "SELECT item, count(*) AS n FROM pow4 GROUP BY item ORDER BY n DESC, item LIMIT 10")
            .collectAsList();
    assertEquals(10, top.size());
    for (int i = 0; i < 10; i++) {
      Row e = top.get(i);
      // fewer distinct items than tracked: nothing purged, every count exact
      assertEquals(exact.get(i).getLong(0), e.getLong(0), "rank " + i + ": " + top);
      assertEquals(exact.get(i).getLong(1), e.getLong(1), "rank " + i);
      assertEquals(e.getLong(1), e.getLong(2));
      assertEquals(e.getLong(1), e.getLong(3));
    }
  }

  /** A column of each item type, over v. */
  static final String[] TYPED_COLUMNS = {
    "CAST(v AS TINYINT)",
    "CAST(v AS SMALLINT)",
    "CAST(v AS INT)",
    "v",
    "CAST(v / 2 AS FLOAT)",
    "CAST(v AS DOUBLE) / 3",
    "CAST(v AS DECIMAL(10, 2)) / 4",
    "date_add(DATE'2026-01-01', CAST(v AS INT))",
    "timestamp_seconds(1767225600 + v)",
    "CAST(timestamp_seconds(1767225600 + v) AS TIMESTAMP_NTZ)",
    "v % 3 = 1",
    "CAST(v AS STRING)",
    "CAST(CAST(v AS STRING) AS BINARY)"
  };

  @Test
  void everyItemTypeRoundTripsInItsOwnTypeAndNullsAreSkipped() {
    // v = 1..5 with counts 50, 40, 30, 20, 10, and 25 NULL rows
    spark
        .sql(
            "SELECT CAST(IF(id < 25, NULL, CASE WHEN id < 75 THEN 1 WHEN id < 115 THEN 2"
                + " WHEN id < 145 THEN 3 WHEN id < 165 THEN 4 ELSE 5 END) AS BIGINT) AS v"
                + " FROM range(0, 175)")
        .createOrReplaceTempView("typed_items");
    List<Row> counts =
        spark.sql("SELECT v, count(*) FROM typed_items GROUP BY v ORDER BY v").collectAsList();
    assertEquals("[[null,25], [1,50], [2,40], [3,30], [4,20], [5,10]]", counts.toString());
    for (String column : TYPED_COLUMNS) {
      DataType input =
          spark.sql("SELECT " + column + " AS x FROM typed_items").schema().apply(0).dataType();
      String sql =
          String.format(
              "SELECT sk_heavy_hitters(x, 3), sk_top_k(sk_frequent(x), 3, '%s') FROM"
                  + " (SELECT %s AS x FROM typed_items)",
              input.catalogString(), column);
      String exactSql =
          String.format(
              "SELECT x, count(*) AS n FROM (SELECT %s AS x FROM typed_items)"
                  + " WHERE x IS NOT NULL GROUP BY x ORDER BY n DESC LIMIT 3",
              column);
      StructType[] entries = new StructType[2];
      for (int i = 0; i < 2; i++) {
        entries[i] =
            (StructType) ((ArrayType) spark.sql(sql).schema().apply(i).dataType()).elementType();
      }
      assertEquals(input, entries[0].apply("item").dataType(), sql);
      assertEquals(input, entries[1].apply("item").dataType(), "typed read " + sql);
      Row r = spark.sql(sql).first();
      List<Row> exact = spark.sql(exactSql).collectAsList();
      for (int answer = 0; answer < 2; answer++) {
        List<Row> top = r.getList(answer);
        assertEquals(exact.size(), top.size(), sql);
        for (int i = 0; i < exact.size(); i++) {
          Object want = exact.get(i).get(0);
          Object got = top.get(i).get(0);
          if (want instanceof byte[]) {
            assertArrayEquals((byte[]) want, (byte[]) got, sql);
          } else if (want instanceof java.math.BigDecimal) {
            assertEquals(
                0, ((java.math.BigDecimal) want).compareTo((java.math.BigDecimal) got), sql);
          } else {
            assertEquals(want, got, sql); // same Java class: the same SQL type
          }
          assertEquals(exact.get(i).getLong(1), top.get(i).getLong(1), sql);
        }
      }
    }
  }

  @Test
  void frequencyOfASummaryIsItsUpperBound() {
    Row r =
        spark
            .sql(
                "SELECT sk_frequency(f, 3L), sk_frequency(f, CAST(3 AS INT)), sk_frequency(f, -1L),"
                    + " sk_frequency(g, 3L), sk_frequency(g, 123456L)"
                    + " FROM (SELECT sk_frequent(item) FILTER (WHERE item < 100) AS f,"
                    + " sk_frequent(item, 1000) AS g FROM skewed)")
            .first();
    assertEquals(7000, r.getLong(0)); // 10 distinct items: nothing purged, the count exact
    assertEquals(7000, r.getLong(1)); // an INT item is stored as the BIGINT items are
    assertEquals(0, r.getLong(2)); // never seen, nothing purged
    byte[] bytes = spark.sql("SELECT sk_frequent(item, 1000) FROM skewed").first().getAs(0);
    HeavyHitters<?> g = (HeavyHitters<?>) Sketches.fromByteArray(bytes);
    long upper3 = r.getLong(3);
    assertTrue(7000 <= upper3 && upper3 <= 7000 + g.maximumError(), String.valueOf(upper3));
    assertEquals(g.maximumError(), r.getLong(4)); // an item it does not keep: the error alone
  }

  @Test
  void summariesOfDifferentCapacitiesMergeToTheSmaller() {
    byte[] merged =
        spark
            .sql(
                "SELECT sk_merge(f) FROM (SELECT sk_frequent(item, 2000) AS f FROM skewed"
                    + " UNION ALL SELECT sk_frequent(item, 500) FROM skewed)")
            .first()
            .getAs(0);
    HeavyHitters<?> summary = (HeavyHitters<?>) Sketches.fromByteArray(merged);
    assertEquals(
        HeavyHitters.withMaxItemsTracked(500, ItemSerde.longs()).maxItemsTracked(),
        summary.maxItemsTracked(),
        "the smaller of the two");
    assertEquals(2L * ROWS, summary.totalWeight());
  }

  @Test
  void columnFunctionsAreTheSqlFunctions() {
    Row sql =
        spark
            .sql(
                "SELECT sk_heavy_hitters(item, 5, 2000, 'NO_FALSE_NEGATIVES'),"
                    + " sk_top_k(sk_frequent(item, 2000), 5, 'bigint') FROM skewed")
            .first();
    Row columns =
        spark
            .table("skewed")
            .agg(
                SketchFunctions.heavyHitters(col("item"), 5, 2000, "NO_FALSE_NEGATIVES"),
                SketchFunctions.topK(SketchFunctions.frequent(col("item"), 2000), 5, "bigint"))
            .first();
    assertEquals(sql.getList(0), columns.getList(0));
    assertEquals(sql.getList(1), columns.getList(1));
    Row strings =
        spark
            .table("skewed")
            .agg(SketchFunctions.topK(SketchFunctions.frequent(col("item")), 1))
            .first();
    assertEquals("0", ((Row) strings.getList(0).get(0)).getString(0));
  }

  @Test
  void badArgumentsFailAnalysisNamingFunctionParameterAndValue() {
    String[][] cases = {
      {
        "SELECT sk_heavy_hitters(item, 0) FROM skewed",
        "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
        "\"sk_heavy_hitters(item, 0)\" due to data type mismatch: The `k` must be between"
            + " [1, 10000] (current value = 0)"
      },
      {
        "SELECT sk_heavy_hitters(item, 20, 10) FROM skewed",
        "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
        "The `k` must be between [1, 10] (current value = 20)"
      },
      {
        "SELECT sk_heavy_hitters(item, 5, 2000000) FROM skewed",
        "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
        "The `max_items_tracked` must be between [1, 1000000] (current value = 2000000)"
      },
      {
        "SELECT sk_heavy_hitters(item, 5, 100, 'exact') FROM skewed",
        "DATATYPE_MISMATCH.INVALID_ARG_VALUE",
        "due to data type mismatch: The `error_type` value must to be a \"STRING\" literal of 'NO_FALSE_POSITIVES' or"
            + " 'NO_FALSE_NEGATIVES', but got 'exact'"
      },
      {
        "SELECT sk_heavy_hitters(item, part) FROM skewed",
        "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
        "the input `k` should be a foldable \"INT\" expression; however, got \"part\""
      },
      {
        "SELECT sk_frequent(item, 0) FROM skewed",
        "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
        "\"sk_frequent(item, 0)\" due to data type mismatch: The `max_items_tracked` must be"
            + " between [1, 1000000] (current value = 0)"
      },
      {
        "SELECT sk_frequent(item, 'a') FROM skewed",
        "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
        "The second parameter requires the \"INT\" type"
      },
      {
        "SELECT sk_heavy_hitters(item) FROM skewed",
        "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
        "The `sk_heavy_hitters(expr, k [, max_items_tracked [, error_type]])` requires 2 to 4"
            + " parameters but the actual number is 1"
      },
      {
        "SELECT sk_top_k(sk_frequent(item), 0) FROM skewed",
        "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
        "\"sk_top_k(sk_frequent(item), 0)\" due to data type mismatch: The `k` must be between"
            + " [1, 1000000] (current value = 0)"
      },
      {
        "SELECT sk_top_k(sk_frequent(item), 3, 'array<int>') FROM skewed",
        "DATATYPE_MISMATCH.INVALID_ARG_VALUE",
        "The `type` value must to be a \"STRING\" literal of an item type"
      },
      {
        "SELECT sk_top_k(sk_frequent(item), 3, 'bigint', 'none') FROM skewed",
        "DATATYPE_MISMATCH.INVALID_ARG_VALUE",
        "The `error_type` value must to be a \"STRING\" literal of 'NO_FALSE_POSITIVES' or"
            + " 'NO_FALSE_NEGATIVES', but got 'none'"
      },
      {
        "SELECT sk_top_k(CAST(item AS STRING), 3) FROM skewed",
        "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
        "The first parameter requires the \"BINARY\" (heavy hitters summary bytes) type"
      },
    };
    SqlConditionsTest.assertAnalysisErrors(spark, cases);
  }

  private static SparkThrowable runtimeError(String sql) {
    return SqlConditionsTest.runtimeError(spark, sql);
  }

  @Test
  void forgedOrForeignBytesAreSketchFormatErrors() {
    byte[] valid = spark.sql("SELECT sk_frequent(item, 100) FROM skewed").first().getAs(0);
    byte[] flipped = valid.clone();
    flipped[flipped.length - 1] ^= 1; // the checksum no longer matches
    // the last counter cut short, header and checksum made to fit: only the reader refuses it
    byte[] resealed = Forgeries.resealed(Arrays.copyOf(valid, valid.length - 1));
    assertFalse(Forgeries.refusal(resealed).isEmpty());
    for (byte[] forged :
        List.of(flipped, resealed, "not a sketch".getBytes(StandardCharsets.UTF_8))) {
      String bytes = "unhex('" + Forgeries.hex(forged) + "')";
      for (String call :
          List.of(
              "sk_top_k(" + bytes + ", 3)",
              "sk_top_k(" + bytes + ", 3, 'bigint')",
              "sk_frequency(" + bytes + ", 1L)")) {
        SparkThrowable e = runtimeError("SELECT " + call);
        assertEquals("SKETCH_FORMAT_ERROR", e.getCondition(), call);
        assertEquals("22P03", e.getSqlState(), call);
      }
      SparkThrowable merge = runtimeError("SELECT sk_merge(b) FROM (SELECT " + bytes + " AS b)");
      assertEquals("SKETCH_FORMAT_ERROR", merge.getCondition());
    }
    SparkThrowable other = runtimeError("SELECT sk_top_k(sk_cms(item), 3) FROM skewed");
    assertEquals("SKETCH_FORMAT_ERROR", other.getCondition());
    assertTrue(
        ((Throwable) other).getMessage().contains("sk_top_k: expected a HEAVY_HITTERS sketch"),
        ((Throwable) other).getMessage());
  }

  @Test
  void aTypedReadOfAnotherStoreOrRangeIsAnItemTypeMismatch() {
    String[][] cases = {
      {
        "SELECT sk_top_k(sk_frequent(CAST(item AS STRING)), 3, 'bigint') FROM skewed",
        "sk_top_k: the summary's items are stored as strings, which BIGINT is not"
      },
      {
        "SELECT sk_top_k(sk_frequent(item + 3000000000), 3, 'int') FROM skewed",
        "sk_top_k: an item is not a INT"
      },
      {
        "SELECT sk_frequency(sk_frequent(item), 'a') FROM skewed",
        "sk_frequency: the summary's items are stored as longs, which the item a is not"
      },
    };
    for (String[] c : cases) {
      SparkThrowable e = runtimeError(c[0]);
      assertEquals("STORED_ITEM_TYPE_MISMATCH", e.getCondition(), c[0]);
      assertTrue(((Throwable) e).getMessage().contains(c[1]), ((Throwable) e).getMessage());
    }
  }

  @Test
  void theUntypedReadGivesStringsOfAnyStore() {
    Row r =
        spark
            .sql(
                "SELECT sk_top_k(sk_frequent(item), 2), sk_top_k(sk_frequent(CAST(item AS DOUBLE)), 1),"
                    + " sk_top_k(sk_frequent(CAST(CAST(item AS STRING) AS BINARY)), 1) FROM skewed")
            .first();
    assertEquals("0", ((Row) r.getList(0).get(0)).getString(0));
    assertEquals("1", ((Row) r.getList(0).get(1)).getString(0));
    assertEquals("0.0", ((Row) r.getList(1).get(0)).getString(0));
    assertEquals("MA==", ((Row) r.getList(2).get(0)).getString(0)); // base64 of "0"
    assertInstanceOf(String.class, ((Row) r.getList(0).get(0)).get(0));
  }
}
