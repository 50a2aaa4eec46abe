package io.sketches.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.SketchType;
import io.sketches.format.Sketches;
import io.sketches.quantiles.ItemKind;
import io.sketches.quantiles.QuantileSketch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Quantiles in SQL: {@code sk_percentile} (answers from rows, in the input's type, as {@code
 * percentile_approx} returns them), {@code sk_quantiles} (sketch bytes) rolled up with {@code
 * sk_merge} and read with {@code sk_quantile}, {@code sk_rank} and {@code sk_cdf}.
 *
 * <p>Accuracy checks compare each answer with the exact ranks of the same fixed rows: an answer q
 * asked for rank r is right when the true ranks of q bracket r within ε = {@link
 * QuantileSketch#normalizedRankError(int)}, i.e. {@code #(x < q)/n ≤ r + ε} and {@code #(x ≤ q)/n ≥
 * r − ε} (ties make q's ranks an interval). The rows and the coins (a function of the seed and the
 * items) are fixed, so every check is deterministic; a priori a sketch meets ε for all ranks with
 * probability ≥ 0.99, so each of the sketches checked here had at most a 1% chance of failing when
 * the data were chosen, and none does.
 */
class QuantileFunctionsTest {
  static SparkSession spark;

  static final int ROWS = 20_000;

  /** The ranks every accuracy check asks for. */
  static final String RANKS = "array(0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1)";

  static final double[] RANK_VALUES = {0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1};

  /**
   * A column of each quantile input type over v (0 to 10,006, about two rows each, NULL every 97th
   * row; the floating columns NaN every 101st row), negative values and a BIGINT above 2^53 among
   * them.
   */
  static final String[] TYPED_COLUMNS = {
    "CAST(v % 128 AS TINYINT)",
    "CAST(v - 5000 AS SMALLINT)",
    "CAST(v AS INT)",
    "v + 9007199254740993",
    "IF(nan, CAST('NaN' AS FLOAT), CAST(v / 7 AS FLOAT))",
    "IF(nan, CAST('NaN' AS DOUBLE), (v - 5000) / 3.0D)",
    "CAST((v - 5000) / 4 AS DECIMAL(10, 2))",
    "date_add(DATE'2026-01-01', CAST(v AS INT) - 5000)",
    "timestamp_seconds(1767225600 + v * 37)",
    "CAST(timestamp_seconds(1767225600 + v * 37) AS TIMESTAMP_NTZ)",
    "make_ym_interval(0, CAST(v AS INT))",
    "make_dt_interval(0, 0, 0, v)"
  };

  @BeforeAll
  static void setUp() {
    spark = SharedSpark.session();
    spark
        .range(0, ROWS, 1, 4)
        .selectExpr(
            "id",
            "IF(id % 97 = 0, NULL, (id * 7919) % 10007) AS v",
            "id % 101 = 0 AS nan",
            "abs(xxhash64(id)) % 24 AS part")
        .repartition(4, col("part"))
        .cache()
        .createOrReplaceTempView("quantile_rows");
  }

  private static Row first(String sql) {
    return spark.sql(sql).first();
  }

  private static QuantileSketch sketch(String sql) {
    return (QuantileSketch) Sketches.fromByteArray((byte[]) first(sql).get(0));
  }

  /**
   * Asserts that each answer, of each array of answers for {@link #RANKS} (aggregates over {@code
   * source}: the view {@code d} of {@code column} as {@code c} with {@code part}, or a query over
   * it), is a value of the column whose exact ranks bracket its rank within that array's epsilon;
   * {@code n} is the number of values the sketches took. One query for all arrays.
   */
  private static void assertWithinRankError(
      String column, String source, Map<String, Double> answers, long n, String what) {
    List<String> expressions = List.copyOf(answers.keySet());
    String sql =
        String.format(
            "WITH d AS (SELECT %s AS c, part FROM quantile_rows),"
                + " a AS (SELECT array(%s) AS answers FROM %s),"
                + " e AS (SELECT j, i, q FROM a LATERAL VIEW posexplode(answers) x AS j, arr"
                + " LATERAL VIEW posexplode(arr) y AS i, q)"
                + " SELECT j, i, count_if(c < q), count_if(c <= q), count_if(c = q)"
                + " FROM d CROSS JOIN e GROUP BY j, i ORDER BY j, i",
            column, String.join(", ", expressions), source);
    List<Row> rows = spark.sql(sql).collectAsList();
    assertEquals(expressions.size() * RANK_VALUES.length, rows.size(), what);
    for (Row r : rows) {
      String expression = expressions.get(r.getInt(0));
      double epsilon = answers.get(expression);
      double rank = RANK_VALUES[r.getInt(1)];
      double below = (double) r.getLong(2) / n;
      double atOrBelow = (double) r.getLong(3) / n;
      String at =
          what + ", " + expression + " at rank " + rank + ": ranks [" + below + ", " + atOrBelow;
      assertTrue(r.getLong(4) > 0, at + "]: the answer is no value of the column");
      assertTrue(below <= rank + epsilon && atOrBelow >= rank - epsilon, at + "], ε " + epsilon);
    }
  }

  /** The number of values of {@code column} a quantile sketch takes: not NULL, not NaN. */
  private static long takenValues(String column) {
    String taken = column.contains("nan") ? "count_if(c IS NOT NULL AND NOT isnan(c))" : "count(c)";
    return first(String.format("SELECT %s FROM (SELECT %s AS c FROM quantile_rows)", taken, column))
        .getLong(0);
  }

  @Test
  void everyInputTypeIsAnsweredInItsTypeWithinTheRankError() {
    int[] ks = {QuantileSketch.DEFAULT_K, 32};
    for (String column : TYPED_COLUMNS) {
      long n = takenValues(column);
      assertTrue(n < ROWS - ROWS / 97, column + ": NULL rows");
      Row bytes =
          first(
              String.format(
                  "SELECT sk_quantiles(c, %d), sk_quantiles(c, %d)"
                      + " FROM (SELECT %s AS c FROM quantile_rows)",
                  ks[0], ks[1], column));
      DataType type =
          spark.sql("SELECT " + column + " FROM quantile_rows").schema().apply(0).dataType();
      Map<String, Double> answers = new LinkedHashMap<>();
      for (int i = 0; i < ks.length; i++) {
        QuantileSketch sketch = QuantileSketch.fromByteArray((byte[]) bytes.get(i));
        String what = column + ", k " + ks[i];
        assertEquals(n, sketch.count(), what + ": NULL and NaN are skipped");
        assertEquals(ks[i], sketch.k(), what);
        assertFalse(sketch.isExact(), what + ": the sketch compacted");
        double epsilon = QuantileSketch.normalizedRankError(ks[i]);
        answers.put(String.format("sk_percentile(c, %s, %d)", RANKS, ks[i]), epsilon);
        // the stored bytes read in the column's type
        answers.put(
            String.format(
                "sk_quantile(sk_quantiles(c, %d), %s, '%s')", ks[i], RANKS, type.catalogString()),
            epsilon);
      }
      assertWithinRankError(column, "d", answers, n, column);
    }
  }

  @Test
  void theResultTypeIsPercentileApproxsForEveryInputType() {
    for (String column : TYPED_COLUMNS) {
      StructType ours =
          spark
              .sql(
                  String.format(
                      "SELECT sk_percentile(c, 0.5), sk_percentile(c, array(0.5, 0.9)),"
                          + " sk_percentile(c, 0.5, 64) FROM (SELECT %s AS c FROM quantile_rows)",
                      column))
              .schema();
      StructType theirs =
          spark
              .sql(
                  String.format(
                      "SELECT percentile_approx(c, 0.5), percentile_approx(c, array(0.5, 0.9)),"
                          + " percentile_approx(c, 0.5, 64) FROM (SELECT %s AS c FROM quantile_rows)",
                      column))
              .schema();
      for (int i = 0; i < 3; i++) {
        assertEquals(theirs.apply(i).dataType(), ours.apply(i).dataType(), column + " " + i);
      }
    }
  }

  @Test
  void whileExactTheAnswersArePercentileApproxs() {
    // 148 values, fewer than the sketch keeps before its first compaction: both answer exactly
    // the ⌈p·n⌉-th smallest value; for BIGINTs above 2^53 only sk_percentile does
    // (percentile_approx
    // computes in doubles: its answers there are no values of the column)
    String percentages = "array(0, 0.1, 0.25, 0.333, 0.5, 0.75, 0.9, 1)";
    String big = "9007199254740993";
    for (String column : TYPED_COLUMNS) {
      String exactly =
          column.contains(big)
              ? "sk_percentile(c, %1$s) = transform(percentile_approx(v, %1$s), x -> x + "
                  + big
                  + ")"
                  + " AND NOT sk_percentile(c, %1$s) = percentile_approx(c, %1$s)"
              : "sk_percentile(c, %1$s) = percentile_approx(c, %1$s)";
      String sql =
          String.format(
              "SELECT "
                  + exactly
                  + ", sk_percentile(c, %1$s), percentile_approx(c, %1$s)"
                  + " FROM (SELECT %2$s AS c, v FROM quantile_rows WHERE id < 150)",
              percentages,
              column.replace("nan", "false"));
      Row r = first(sql);
      assertTrue(r.getBoolean(0), sql + ": " + r);
    }
  }

  @Test
  void rankAndCdfAreWithinTheRankError() {
    double epsilon = QuantileSketch.normalizedRankError(QuantileSketch.DEFAULT_K);
    String[][] cases = { // column, values asked (SQL literals of the column's type)
      {"v", "-1, 0, 17, 2500, 5003, 9000, 10006, 20000"},
      {"(v - 5000) / 3.0D", "-1e9, -1000.5, 0.0, 0.1, 1000.0, 1e9"},
      {
        "date_add(DATE'2026-01-01', CAST(v AS INT))",
        "DATE'2026-01-01', DATE'2026-06-30', DATE'2040-01-01'"
      },
      {"timestamp_seconds(1767225600 + v * 37)", "timestamp_seconds(1767225600 + 100000)"},
    };
    for (String[] c : cases) {
      long n = first("SELECT count(v) FROM quantile_rows").getLong(0);
      String sql =
          String.format(
              "WITH d AS (SELECT %1$s AS c FROM quantile_rows),"
                  + " s AS (SELECT sk_quantiles(c) AS q FROM d),"
                  + " p AS (SELECT posexplode(array(%2$s)) AS (i, x))"
                  + " SELECT i, first(sk_rank(q, x)), count_if(c <= x), first(sk_cdf(q, array(%2$s)))"
                  + " FROM d CROSS JOIN s CROSS JOIN p GROUP BY i ORDER BY i",
              c[0], c[1]);
      List<Row> rows = spark.sql(sql).collectAsList();
      for (Row r : rows) {
        double exact = (double) r.getLong(2) / n;
        double rank = r.getDouble(1);
        assertEquals(exact, rank, epsilon, sql + " at " + r.getInt(0));
        List<Double> cdf = r.getList(3);
        assertEquals(rows.size() + 1, cdf.size(), sql);
        assertEquals(rank, (double) cdf.get(r.getInt(0)), sql + ": the cdf holds the rank");
        assertEquals(1.0, (double) cdf.get(rows.size()), sql);
      }
    }
    // integral values against a sketch of doubles, fractional values against a sketch of longs
    Row r =
        first(
            "SELECT sk_rank(s, 2), sk_rank(s, 2.5D), sk_rank(s, 3), sk_cdf(s, array(2.5D, 3.5D)),"
                + " sk_rank(d, 2), sk_rank(s, CAST('NaN' AS DOUBLE))"
                + " FROM (SELECT sk_quantiles(x) AS s, sk_quantiles(CAST(x AS DOUBLE)) AS d"
                + " FROM VALUES (1), (2), (3), (4) AS tab(x))");
    assertEquals(0.5, r.getDouble(0));
    assertEquals(0.5, r.getDouble(1), "2.5 has the rank of its floor among longs");
    assertEquals(0.75, r.getDouble(2));
    assertEquals(List.of(0.5, 0.75, 1.0), r.getList(3));
    assertEquals(0.5, r.getDouble(4));
    assertTrue(r.isNullAt(5), "NaN has no rank");
  }

  @Test
  void rollupOfStoredSketchesAnswersAsTheDirectSketchWithinTheBound() {
    long n = first("SELECT count(v) FROM quantile_rows").getLong(0);
    String parts = "(SELECT part, sk_quantiles(v) AS q FROM quantile_rows GROUP BY part)";
    String partsOfD = "(SELECT part, sk_quantiles(c) AS q FROM d GROUP BY part)";
    QuantileSketch direct = sketch("SELECT sk_quantiles(v) FROM quantile_rows");
    QuantileSketch rolledUp = sketch("SELECT sk_merge(q) FROM " + parts);
    assertEquals(n, direct.count());
    assertEquals(n, rolledUp.count(), "the rollup saw every row once");
    assertEquals(direct.minLong(), rolledUp.minLong());
    assertEquals(direct.maxLong(), rolledUp.maxLong());
    double epsilon = QuantileSketch.normalizedRankError(QuantileSketch.DEFAULT_K);
    assertWithinRankError(
        "v",
        partsOfD,
        Map.of("sk_quantile(sk_merge(q), " + RANKS + ", 'bigint')", epsilon),
        n,
        "rollup");
    // the rolled-up and the direct answer are within the bound of each other's ranks
    for (double rank : RANK_VALUES) {
      assertEquals(
          direct.rank(direct.quantileLong(rank)),
          direct.rank(rolledUp.quantileLong(rank)),
          2 * epsilon,
          "rank " + rank);
    }
    // different k merge to the smaller
    QuantileSketch mixed =
        sketch(
            "SELECT sk_merge(q) FROM (SELECT sk_quantiles(v, 400) AS q FROM quantile_rows"
                + " UNION ALL SELECT sk_quantiles(v, 100) FROM quantile_rows)");
    assertEquals(100, mixed.k());
    assertEquals(2 * n, mixed.count());
  }

  @Test
  void nullsNansAndNoRowsGiveWhatPercentileApproxGives() {
    Row r =
        first(
            "SELECT sk_percentile(x, 1.0), sk_percentile(x, array(0.0, 1.0)), sk_quantiles(x),"
                + " sk_percentile(x, 0.5) FILTER (WHERE x > 100),"
                + " sk_percentile(x, array(0.5)) FILTER (WHERE x > 100),"
                + " sk_quantiles(x) FILTER (WHERE x > 100)"
                + " FROM VALUES (1D), (CAST('NaN' AS DOUBLE)), (NULL), (2D) AS tab(x)");
    assertEquals(2.0, r.getDouble(0), "NaN skipped, not sorted last");
    assertEquals(List.of(1.0, 2.0), r.getList(1));
    QuantileSketch sketch = QuantileSketch.fromByteArray((byte[]) r.get(2));
    assertEquals(2, sketch.count());
    assertTrue(r.isNullAt(3), "no rows: NULL");
    assertTrue(r.isNullAt(4), "no rows: NULL for an array too");
    QuantileSketch empty = QuantileSketch.fromByteArray((byte[]) r.get(5));
    assertTrue(empty.isEmpty(), "no rows: the empty sketch, as every sketch aggregate");
    Row reads =
        first(
            "SELECT sk_quantile(e, 0.5), sk_quantile(e, array(0.5), 'double'), sk_rank(e, 1),"
                + " sk_cdf(e, array(1)), sk_quantile(CAST(NULL AS BINARY), 0.5),"
                + " sk_quantile(x, CAST(NULL AS DOUBLE)), sk_quantile(x, NULL), sk_rank(x, NULL)"
                + " FROM (SELECT sk_quantiles(x) FILTER (WHERE x > 100) AS e, sk_quantiles(x) AS x"
                + " FROM VALUES (1D) AS tab(x))");
    for (int i = 0; i < reads.size(); i++) {
      assertTrue(reads.isNullAt(i), "NULL for an empty sketch or a NULL input: " + i);
    }
  }

  @Test
  void columnFunctionsAndTheTypedAggregatorAreTheSqlFunctions() {
    Dataset<Row> rows = spark.table("quantile_rows");
    Row sql =
        first(
            "SELECT sk_percentile(v, 0.5), sk_percentile(v, array(0.1, 0.9), 64),"
                + " sk_quantile(sk_quantiles(v, 64), 0.5), sk_quantile(sk_quantiles(v), array(0.5)),"
                + " sk_rank(sk_quantiles(v), 5000), sk_cdf(sk_quantiles(v), array(10.0D, 5000.0D)),"
                + " sk_quantile(sk_quantiles(v), 0.5, 'int') FROM quantile_rows");
    Row columns =
        rows.agg(
                SketchFunctions.percentile(col("v"), 0.5),
                SketchFunctions.percentile(col("v"), new double[] {0.1, 0.9}, 64),
                SketchFunctions.quantile(SketchFunctions.quantiles(col("v"), 64), 0.5),
                SketchFunctions.quantile(SketchFunctions.quantiles(col("v")), new double[] {0.5}),
                SketchFunctions.rank(SketchFunctions.quantiles(col("v")), lit(5000)),
                SketchFunctions.cdf(SketchFunctions.quantiles(col("v")), new double[] {10, 5000}),
                SketchFunctions.quantile(SketchFunctions.quantiles(col("v")), lit(0.5), "int"))
            .first();
    assertEquals(sql, columns);
    // typed: one partition in order gives the core sketch of the same values, byte for byte
    Dataset<Long> values =
        rows.where("v IS NOT NULL").orderBy("id").coalesce(1).select("v").as(Encoders.LONG());
    QuantileSketch typed = values.select(SketchAggregators.<Long>quantiles(64).toColumn()).first();
    QuantileSketch core = QuantileSketch.create(64);
    for (Row r : rows.where("v IS NOT NULL").orderBy("id").select("v").collectAsList()) {
      core.update(r.getLong(0));
    }
    assertArrayEquals(core.toByteArray(), typed.toByteArray());
    assertEquals(ItemKind.LONGS, typed.itemKind());
  }

  @Test
  void badArgumentsFailAnalysisNamingFunctionParameterAndValue() {
    String[][] cases = {
      {
        "SELECT sk_quantiles(v, 7) FROM quantile_rows",
        "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
        "\"sk_quantiles(v, 7)\" due to data type mismatch: The `k` must be between [8, 65535]"
            + " (current value = 7)"
      },
      {
        "SELECT sk_percentile(v, 0.5, 70000) FROM quantile_rows",
        "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
        "\"sk_percentile(v, 0.5, 70000)\" due to data type mismatch: The `k` must be between"
            + " [8, 65535] (current value = 70000)"
      },
      {
        "SELECT sk_percentile(v, 1.5) FROM quantile_rows",
        "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
        "\"sk_percentile(v, 1.5)\" due to data type mismatch: The `percentage` must be between"
            + " [0.0, 1.0] (current value = 1.5BD)"
      },
      {
        "SELECT sk_percentile(v, array(0.5, -0.1)) FROM quantile_rows",
        "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
        "The `percentage` must be between [0.0, 1.0]"
      },
      {
        "SELECT sk_percentile(v, id / 100) FROM quantile_rows",
        "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
        "the input `percentage` should be a foldable \"DOUBLE\" expression"
      },
      {
        "SELECT sk_percentile(v, NULL) FROM quantile_rows",
        "DATATYPE_MISMATCH.UNEXPECTED_NULL",
        "The `percentage` must not be null"
      },
      {
        "SELECT sk_percentile(v, '0.5') FROM quantile_rows",
        "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
        "The second parameter requires the (\"DOUBLE\" or \"ARRAY<DOUBLE>\") type"
      },
      {
        "SELECT sk_percentile(CAST(v AS STRING), 0.5) FROM quantile_rows",
        "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
        "The first parameter requires the (\"NUMERIC\" or \"DATE\" or \"TIMESTAMP\" or"
            + " \"TIMESTAMP_NTZ\" or \"INTERVAL YEAR TO MONTH\" or \"INTERVAL DAY TO SECOND\")"
            + " type, however \"CAST(v AS STRING)\" has the type \"STRING\""
      },
      {
        "SELECT sk_quantiles(v > 3) FROM quantile_rows",
        "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
        "however \"(v > 3)\" has the type \"BOOLEAN\""
      },
      {
        "SELECT sk_percentile(v) FROM quantile_rows",
        "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
        "The `sk_percentile(expr, percentage [, k])` requires 2 to 3 parameters but the actual"
            + " number is 1"
      },
      {
        "SELECT sk_quantile(sk_quantiles(v), 1.5) FROM quantile_rows",
        "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
        "\"sk_quantile(sk_quantiles(v), 1.5)\" due to data type mismatch: The `rank` must be"
            + " between [0.0, 1.0] (current value = 1.5BD)"
      },
      {
        "SELECT sk_quantile(sk_quantiles(v), array(0.5, 2)) FROM quantile_rows",
        "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
        "The `rank` must be between [0.0, 1.0]"
      },
      {
        "SELECT sk_quantile(sk_quantiles(v), 0.5, 'string') FROM quantile_rows",
        "DATATYPE_MISMATCH.INVALID_ARG_VALUE",
        "The `type` value must to be a \"STRING\" literal of a quantile type"
      },
      {
        "SELECT sk_quantile(sk_quantiles(v), 'half') FROM quantile_rows",
        "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
        "The second parameter requires the (\"DOUBLE\" or \"ARRAY<DOUBLE>\") (a rank in [0, 1])"
            + " type"
      },
      {
        "SELECT sk_quantile(CAST(v AS STRING), 0.5) FROM quantile_rows",
        "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
        "The first parameter requires the \"BINARY\" (quantile sketch bytes) type"
      },
      {
        "SELECT sk_rank(sk_quantiles(v), 'a') FROM quantile_rows",
        "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
        "The second parameter requires the (\"NUMERIC\" or \"DATE\""
      },
      {
        "SELECT sk_cdf(sk_quantiles(v), 3) FROM quantile_rows",
        "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
        "The second parameter requires the \"ARRAY\" of (\"NUMERIC\""
      },
    };
    SqlConditionsTest.assertAnalysisErrors(spark, cases);
  }

  private static SparkThrowable runtimeError(String sql) {
    return SqlConditionsTest.runtimeError(spark, sql);
  }

  private static void assertRuntimeError(String sql, String condition, String message) {
    SparkThrowable e = runtimeError(sql);
    assertEquals(condition, e.getCondition(), sql);
    String text = ((Throwable) e).getMessage();
    assertTrue(text.contains(message), sql + ": " + text);
  }

  @Test
  void forgedOrForeignBytesAreSketchFormatErrorsWithTheCoreReason() {
    byte[] valid = Forgeries.valid(SketchType.QUANTILES, 1).get(0);
    for (Map.Entry<String, byte[]> forgery : Forgeries.of(valid).entrySet()) {
      String bytes = "unhex('" + Forgeries.hex(forgery.getValue()) + "')";
      String reason = Forgeries.refusal(forgery.getValue());
      for (String call :
          List.of(
              "sk_quantile(b, 0.5)",
              "sk_quantile(b, array(0.5), 'double')",
              "sk_rank(b, 1.0D)",
              "sk_cdf(b, array(1.0D))",
              "sk_merge(b)")) {
        String sql = "SELECT " + call + " FROM (SELECT " + bytes + " AS b)";
        SparkThrowable e = runtimeError(sql);
        assertEquals("SKETCH_FORMAT_ERROR", e.getCondition(), forgery.getKey() + ": " + sql);
        assertEquals("22P03", e.getSqlState());
        String function = call.substring(0, call.indexOf('('));
        assertEquals(
            function + ": refused stored sketch bytes: " + reason,
            e.getMessageParameters().get("reason"),
            forgery.getKey());
      }
    }
    assertRuntimeError(
        "SELECT sk_quantile(sk_hll(v), 0.5) FROM quantile_rows",
        "SKETCH_FORMAT_ERROR",
        "sk_quantile: expected a QUANTILES sketch but found a HYPERLOGLOG sketch (type id 1)");
  }

  @Test
  void runtimeRefusalsNameTheFunctionAndTheValue() {
    assertRuntimeError(
        "SELECT sk_quantile(s, id / 1000.0D) FROM quantile_rows"
            + " CROSS JOIN (SELECT sk_quantiles(v) AS s FROM quantile_rows) WHERE id = 1500",
        "INVALID_SKETCH_INPUT",
        "sk_quantile: rank 1.5 is not in [0, 1]");
    assertRuntimeError(
        "SELECT sk_cdf(sk_quantiles(v), array(3, 2)) FROM quantile_rows",
        "INVALID_SKETCH_INPUT",
        "sk_cdf: split points must be strictly increasing");
    assertRuntimeError(
        "SELECT sk_quantile(sk_quantiles(CAST(v AS DOUBLE)), 0.5, 'bigint') FROM quantile_rows",
        "STORED_ITEM_TYPE_MISMATCH",
        "sk_quantile: the sketch's items are kept as doubles, which BIGINT is not");
    assertRuntimeError(
        "SELECT sk_quantile(sk_quantiles(v + 100000), 0.5, 'smallint') FROM quantile_rows",
        "STORED_ITEM_TYPE_MISMATCH",
        "sk_quantile: an item is not a SMALLINT");
    assertRuntimeError(
        "SELECT sk_merge(q) FROM (SELECT sk_quantiles(v) AS q FROM quantile_rows"
            + " UNION ALL SELECT sk_quantiles(CAST(v AS DOUBLE)) FROM quantile_rows)",
        "INCOMPATIBLE_SKETCHES",
        "cannot merge quantile sketches of different items");
  }
}
