package io.sketches.spark.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.spark.SharedSpark;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every item-taking function accepts the same column types, the ones {@link ItemType} lists, and
 * refuses every other type with the same message.
 */
class ItemTypeTest {
  static SparkSession spark;

  /** One column of each item type: the first value is the most frequent. */
  static final String[] ITEM_COLUMNS = {
    "CAST(v AS TINYINT)",
    "CAST(v AS SMALLINT)",
    "CAST(v AS INT)",
    "v",
    "CAST(v AS FLOAT) / 2",
    "CAST(v AS DOUBLE) / 2",
    "CAST(v AS DECIMAL(10, 2)) / 4",
    "date_add(DATE'2026-01-01', CAST(v AS INT))",
    "timestamp_seconds(1767225600 + v)",
    "CAST(timestamp_seconds(1767225600 + v) AS TIMESTAMP_NTZ)",
    "v % 2 = 1",
    "CAST(v AS STRING)",
    "CAST(CAST(v AS STRING) AS BINARY)"
  };

  @BeforeAll
  static void setUp() {
    spark = SharedSpark.session();
    // v = 1 three times as often as any other value
    spark
        .range(0, 400, 1, 3)
        .selectExpr("IF(id % 4 = 0, id % 7, 1) AS v")
        .createOrReplaceTempView("items");
  }

  private static String functions(String x) {
    return String.format(
        "sk_distinct(%1$s, 12), sk_estimate(sk_hll(%1$s)),"
            + " sk_frequency(sk_cms(%1$s), first(%1$s) FILTER (WHERE v = 1)),"
            + " sk_heavy_hitters(%1$s, 1),"
            + " size(sk_sample_values(sk_sample(%1$s, 3)))",
        x);
  }

  @Test
  void everyItemFunctionTakesEveryItemType() {
    for (String column : ITEM_COLUMNS) {
      String sql =
          "SELECT "
              + functions("x")
              + ", first(x) FILTER (WHERE v = 1), count(DISTINCT x)"
              + " FROM (SELECT v, "
              + column
              + " AS x FROM items)";
      Row r = spark.sql(sql).first();
      long distinct = r.getLong(6);
      assertEquals(distinct, r.getLong(0), sql);
      assertEquals(distinct, Math.round(r.getDouble(1)), sql);
      long hotCount = r.getLong(2); // the 300 rows of v = 1, and any other v of the same value
      assertTrue(hotCount >= 300 && hotCount <= 400, sql + ": " + hotCount);
      List<Row> top = r.getList(3);
      assertTrue(!top.isEmpty(), sql); // sorted by estimate: the hot value first
      // the heavy hitter comes back as the input value
      Object hot = r.get(5);
      Object item = top.get(0).get(0);
      if (hot instanceof Number && !(hot instanceof java.math.BigDecimal)) {
        assertEquals(((Number) hot).doubleValue(), ((Number) item).doubleValue(), sql);
      } else if (hot instanceof byte[]) {
        assertEquals(new String((byte[]) hot), new String((byte[]) item), sql);
      } else {
        assertEquals(hot, item, sql);
      }
      assertEquals(3, r.getInt(4), sql);
    }
  }

  @Test
  void heavyHittersAndSampleOverADateColumn() {
    spark
        .sql("SELECT date_add(DATE'2026-03-01', CAST(v AS INT)) AS day FROM items")
        .createOrReplaceTempView("days");
    Row r =
        spark
            .sql(
                "SELECT sk_heavy_hitters(day, 1), sk_sample_values(sk_sample(day, 5, 9)),"
                    + " sk_distinct(day) FROM days")
            .first();
    StructType entry =
        (StructType)
            ((org.apache.spark.sql.types.ArrayType)
                    spark
                        .sql("SELECT sk_heavy_hitters(day, 1) FROM days")
                        .schema()
                        .fields()[0]
                        .dataType())
                .elementType();
    assertEquals(DataTypes.DateType, entry.fields()[0].dataType());
    List<Row> top = r.getList(0);
    assertEquals(java.sql.Date.valueOf("2026-03-02"), top.get(0).get(0));
    long exact =
        spark.sql("SELECT count(*) FROM days WHERE day = DATE'2026-03-02'").first().getLong(0);
    // 7 distinct days, fewer than the items tracked: the count is exact
    assertEquals(exact, top.get(0).getLong(2), top.toString());
    assertEquals(exact, top.get(0).getLong(3), top.toString());
    List<String> sample = r.getList(1);
    assertEquals(5, sample.size());
    long first = java.time.LocalDate.of(2026, 3, 1).toEpochDay();
    for (String day : sample) { // days since the epoch
      long d = Long.parseLong(day);
      assertTrue(d >= first && d <= first + 6, day);
    }
    assertEquals(7, r.getLong(2));
  }

  @Test
  void everyItemFunctionRefusesOtherTypesWithTheSameMessage() {
    String[][] calls = { // the call, and the ordinal of the item argument
      {"sk_hll(x)", "first"}, {"sk_distinct(x)", "first"},
      {"sk_cms(x)", "first"}, {"sk_frequency(sk_cms(v), x)", "second"},
      {"sk_heavy_hitters(x, 2)", "first"}, {"sk_sample(x, 2)", "first"},
      {"sk_sample_items(x, 2)", "first"}
    };
    for (String[] call : calls) {
      for (String[] other :
          new String[][] {
            {"array(v)", "ARRAY<BIGINT>"},
            {"map(v, v)", "MAP<BIGINT, BIGINT>"},
            {"named_struct('v', v)", "STRUCT<v: BIGINT>"}
          }) {
        String sql = "SELECT " + call[0] + " FROM (SELECT v, " + other[0] + " AS x FROM items)";
        AnalysisException e = assertThrows(AnalysisException.class, () -> spark.sql(sql).schema());
        assertEquals("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", e.getCondition(), sql);
        assertEquals("42K09", e.getSqlState(), sql);
        assertTrue(
            e.getMessage()
                .contains(
                    "The "
                        + call[1]
                        + " parameter requires the "
                        + ItemType.REQUIRED
                        + " type, however \"x\" has the type \""
                        + other[1]
                        + "\""),
            e.getMessage());
      }
    }
  }

  @Test
  void theTableCoversExactlyTheItemTypes() {
    assertNotNull(ItemType.of(DataTypes.DateType));
    assertNotNull(ItemType.of(DataTypes.TimestampNTZType));
    assertNotNull(ItemType.of(DataTypes.createDecimalType(5, 1)));
    assertNull(ItemType.of(DataTypes.createArrayType(DataTypes.LongType)));
    assertNull(ItemType.of(DataTypes.NullType));
    assertEquals((short) 7, ItemType.INTEGRAL.toCatalyst(7L, DataTypes.ShortType));
    assertEquals(2.5f, ItemType.FLOATING.toCatalyst(2.5, DataTypes.FloatType));
    assertThrows(
        ArithmeticException.class, () -> ItemType.INTEGRAL.toCatalyst(128L, DataTypes.ByteType));
    assertThrows(
        ArithmeticException.class, () -> ItemType.FLOATING.toCatalyst(0.1, DataTypes.FloatType));
  }
}
