package io.sketches.spark.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.SketchFormatException;
import io.sketches.cardinality.HyperLogLog;
import io.sketches.hash.ItemHash;
import io.sketches.spark.SharedSpark;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Grouped {@code sk_distinct} in its fixed-width buffer ({@link HllAggregate}, hash aggregation,
 * not the object hash aggregate) and {@code sk_hll} in the object buffer: the same bytes and
 * estimates as the core sketch on both sides of the sparse/dense switch; the buffer's own bytes
 * equal the core's too, and a buffer this function did not write is refused.
 */
class HllAggregateTest {
  static SparkSession spark;

  @BeforeAll
  static void setUp() {
    spark = SharedSpark.session();
  }

  /** Group k holds the items 0..n_k−1, each twice, shuffled over 5 partitions. */
  private static Dataset<Row> groups(long... distinct) {
    Dataset<Row> all = null;
    for (int k = 0; k < distinct.length; k++) {
      Dataset<Row> group =
          spark
              .range(0, 2 * distinct[k], 1, 3)
              .selectExpr(k + " AS k", "id % " + distinct[k] + " AS v");
      all = all == null ? group : all.union(group);
    }
    return all.repartition(5);
  }

  private static HyperLogLog core(int precision, long distinct) {
    HyperLogLog hll = HyperLogLog.create(precision);
    for (long v = 0; v < distinct; v++) {
      hll.update(v);
    }
    return hll.discardMartingale();
  }

  @Test
  void groupedBytesAndEstimatesEqualCoreAcrossTheSparseDenseSwitch() {
    for (int p : new int[] {4, 10, HllAggregate.MAX_PRECISION, HllAggregate.MAX_PRECISION + 2}) {
      int m = 1 << p;
      long[] distinct = {1, m / 8, m / 8 + 1, 3L * m};
      groups(distinct).createOrReplaceTempView("hll_groups");
      String sql =
          String.format(
              "SELECT k, sk_hll(v, %d), sk_distinct(v, %d),"
                  + " sk_hll(CAST(v AS STRING), %d), sk_distinct(CAST(v AS INT), %d)"
                  + " FROM hll_groups GROUP BY k ORDER BY k",
              p, p, p, p);
      Dataset<Row> query = spark.sql(sql);
      String plan = query.queryExecution().executedPlan().toString();
      // sk_hll: the object buffer at every precision
      assertTrue(plan.contains("ObjectHashAggregate"), plan);
      // sk_distinct: the fixed-width buffer up to MAX_PRECISION: hash aggregation, no sort fallback
      String distinctPlan =
          spark
              .sql(String.format("SELECT k, sk_distinct(v, %d) FROM hll_groups GROUP BY k", p))
              .queryExecution()
              .executedPlan()
              .toString();
      assertEquals(
          p > HllAggregate.MAX_PRECISION,
          distinctPlan.contains("ObjectHashAggregate"),
          distinctPlan);
      List<Row> rows = query.collectAsList();
      assertEquals(distinct.length, rows.size());
      for (Row r : rows) {
        long n = distinct[r.getInt(0)];
        HyperLogLog expected = core(p, n);
        String what = "p=" + p + ", n=" + n;
        assertArrayEquals(expected.toByteArray(), (byte[]) r.get(1), what);
        assertEquals(Math.round(expected.estimate()), r.getLong(2), what);
        HyperLogLog strings = HyperLogLog.create(p);
        for (long v = 0; v < n; v++) {
          strings.update(Long.toString(v));
        }
        assertArrayEquals(strings.discardMartingale().toByteArray(), (byte[]) r.get(3), what);
        assertEquals(r.getLong(2), r.getLong(4), what); // an INT counts as the equal BIGINT
      }
    }
  }

  @Test
  void ungroupedNullsAndEmptyInputEqualCore() {
    int p = 9;
    Dataset<Row> global =
        spark
            .range(0, 5_000, 1, 4)
            .selectExpr("IF(id % 7 = 0, NULL, id % 1000) AS v")
            .selectExpr("sk_hll(v, 9)", "sk_distinct(v, 9)");
    // a global aggregate has one group: GlobalHllRule gives it the object buffer
    String plan = global.queryExecution().executedPlan().toString();
    assertTrue(plan.contains("ObjectHashAggregate"), plan);
    Row r = global.first();
    HyperLogLog expected = HyperLogLog.create(p);
    for (long id = 0; id < 5_000; id++) {
      if (id % 7 != 0) {
        expected.update(id % 1000);
      }
    }
    expected.discardMartingale();
    assertArrayEquals(expected.toByteArray(), (byte[]) r.get(0));
    assertEquals(Math.round(expected.estimate()), r.getLong(1));
    Row none =
        spark.range(0, 10).where("id < 0").selectExpr("sk_hll(id, 9)", "sk_distinct(id)").first();
    assertArrayEquals(HyperLogLog.create(p).toByteArray(), (byte[]) none.get(0));
    assertEquals(0L, none.getLong(1));
  }

  @ParameterizedTest
  @ValueSource(ints = {7, HllBuffer.STAGING_PRECISION})
  void bufferMatchesCoreItemByItem(int p) {
    // p = 7 raises registers directly, p = 11 stages raises: sparse, dense, and dense with every
    // number of staged raises, in the buffer, in merges and in the assembled sketch
    HllBuffer buffer = new HllBuffer("sk_hll", p);
    int fields = HllBuffer.fields(p);
    assertEquals(
        1 + (p >= HllBuffer.STAGING_PRECISION ? HllBuffer.STAGED : 0) + (1 << p) / 8, fields);
    GenericInternalRow a = new GenericInternalRow(fields);
    GenericInternalRow b = new GenericInternalRow(fields);
    buffer.initialize(a, 0);
    buffer.initialize(b, 0);
    HyperLogLog core = HyperLogLog.create(p);
    Random random = new Random(42);
    int m = 1 << p;
    for (int i = 0; i < 3 * m; i++) {
      long item = random.nextInt(2 * m);
      core.update(item);
      buffer.update(i % 3 == 0 ? a : b, 0, ItemHash.hash(item));
      if (i % 7 != 0 && i < 3 * m - 10) {
        continue; // every 7th item and the last ten: each count of staged raises is checked
      }
      HyperLogLog merged = buffer.toSketch(copy(a), 0);
      GenericInternalRow both = copy(a);
      buffer.merge(both, 0, b, 0);
      assertArrayEquals(
          core.copy().discardMartingale().toByteArray(),
          buffer.toSketch(both, 0).toByteArray(),
          "after item " + i);
      assertFalse(merged.usesMartingale());
    }
  }

  private static GenericInternalRow copy(GenericInternalRow row) {
    return new GenericInternalRow(row.values().clone());
  }

  @Test
  void aBufferThisFunctionDidNotWriteIsRefused() {
    int p = 6;
    HllBuffer buffer = new HllBuffer("sk_distinct", p);
    GenericInternalRow mine = new GenericInternalRow(HllBuffer.fields(p));
    buffer.initialize(mine, 0);
    // three counts, say: the same number of BIGINT fields, not our tag
    GenericInternalRow counts = new GenericInternalRow(HllBuffer.fields(p));
    for (int i = 0; i < HllBuffer.fields(p); i++) {
      counts.setLong(i, 17 + i);
    }
    SketchFormatException e =
        assertThrows(SketchFormatException.class, () -> buffer.merge(mine, 0, counts, 0));
    assertTrue(
        e.getMessage()
            .startsWith(
                "the aggregation state of sk_distinct is not a buffer" + " this function wrote"),
        e.getMessage());
    assertThrows(SketchFormatException.class, () -> buffer.toSketch(counts, 0));
    // our tag, another precision (another layout of the same width cannot occur: m/8 + 1 fields)
    GenericInternalRow other = new GenericInternalRow(HllBuffer.fields(p));
    new HllBuffer("sk_distinct", 5).initialize(other, 0);
    e = assertThrows(SketchFormatException.class, () -> buffer.merge(mine, 0, other, 0));
    assertTrue(e.getMessage().contains("not 6"), e.getMessage());
    // our header over a body that is not a sparse table of canonical entries
    GenericInternalRow forged = copy(mine);
    forged.setLong(0, mine.getLong(0) + 1); // one entry counted
    forged.setLong(1, 1 << 6 | 5); // fine index 1 determines its register: its value must be 0
    assertThrows(SketchFormatException.class, () -> buffer.toSketch(forged, 0));
  }

  @Test
  void stagedRaisesThatNoUpdateCouldWriteAreRefused() {
    int p = HllBuffer.STAGING_PRECISION;
    HllBuffer buffer = new HllBuffer("sk_hll", p);
    GenericInternalRow dense = new GenericInternalRow(HllBuffer.fields(p));
    buffer.initialize(dense, 0);
    for (long v = 0; v < 1 << p; v++) { // past m/8 entries: dense
      buffer.update(dense, 0, ItemHash.hash(v));
    }
    long header = dense.getLong(0);
    long base = header & ~0xFFFFL;
    GenericInternalRow ok = copy(dense);
    ok.setLong(0, base + 1);
    ok.setLong(1, 5L << 6 | 3); // register 5 raised to 3: possible
    buffer.toSketch(ok, 0);
    long[][] forgeries = {
      {base + HllBuffer.STAGED + 1, 5L << 6 | 3}, // more staged raises than fields
      {base + 1, 5L << 6}, // value 0
      {base + 1, 5L << 6 | (66 - p)}, // above 65 − p
      {base + 1, (long) (1 << p) << 6 | 3}
    }; // no such register
    for (long[] forged : forgeries) {
      GenericInternalRow row = copy(dense);
      row.setLong(0, forged[0]);
      row.setLong(1, forged[1]);
      SketchFormatException e =
          assertThrows(
              SketchFormatException.class,
              () -> buffer.merge(copy(dense), 0, row, 0),
              Long.toHexString(forged[1]));
      assertTrue(
          e.getMessage().contains("staged raise") || e.getMessage().contains("counts"),
          e.getMessage());
      assertThrows(SketchFormatException.class, () -> buffer.toSketch(row, 0));
    }
  }
}
