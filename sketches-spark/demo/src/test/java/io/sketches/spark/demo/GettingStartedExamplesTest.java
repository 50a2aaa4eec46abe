package io.sketches.spark.demo;

import static io.sketches.spark.SketchFunctions.bounds;
import static io.sketches.spark.SketchFunctions.coefficients;
import static io.sketches.spark.SketchFunctions.heavyHitters;
import static io.sketches.spark.SketchFunctions.hll;
import static io.sketches.spark.SketchFunctions.linreg;
import static io.sketches.spark.SketchFunctions.sample;
import static io.sketches.spark.SketchFunctions.sampleValues;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.spark.SharedSpark;
import io.sketches.spark.SketchFunctions;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The queries of docs/getting-started.md run as written, over the demo's generated clicks. */
class GettingStartedExamplesTest {
  private static final long START = Instant.parse("2026-11-01T23:58:00Z").toEpochMilli();
  private static ClickstreamGenerator generator;
  private static SparkSession spark;

  @BeforeAll
  static void clicks() {
    spark = SharedSpark.session();
    SketchFunctions.register(spark);
    generator = ClickstreamGenerator.create(11, 20_000);
    // four minutes across midnight: two days, four windows
    List<String> json =
        generator.events(8_000, START, START + 240_000, 0).stream()
            .map(ClickEvent::toJson)
            .toList();
    spark
        .read()
        .schema(ClickstreamQuery.EVENT_SCHEMA)
        .option("timestampFormat", ClickEvent.SPARK_TIMESTAMP_FORMAT)
        .json(spark.createDataset(json, Encoders.STRING()))
        .createOrReplaceTempView("clicks");
  }

  @Test
  void dailySketchesRollUpIntoTheMonth() {
    spark
        .sql(
            "SELECT to_date(time) AS day, sk_hll(user_id, 14) AS users "
                + "FROM clicks GROUP BY to_date(time)")
        .createOrReplaceTempView("daily_users");
    assertEquals(2, spark.table("daily_users").count());
    Row month =
        spark
            .sql(
                "SELECT sk_bounds(sk_merge(users), 2) AS users_with_95pct_bounds "
                    + "FROM daily_users WHERE day >= DATE'2026-11-01'")
            .first()
            .getStruct(0);
    long truth = spark.sql("SELECT count(DISTINCT user_id) FROM clicks").first().getLong(0);
    assertTrue(
        month.<Double>getAs("lower") <= truth && truth <= month.<Double>getAs("upper"),
        truth + " outside " + month);
  }

  @Test
  void perDeviceQueryGivesUsersTopPagesAndAModel() {
    List<Row> rows =
        spark
            .sql(
                "SELECT device, sk_distinct(user_id) AS users, "
                    + "sk_heavy_hitters(page, 10) AS top_pages, "
                    + "sk_coefficients(sk_linreg(array(payload_kb, CAST(db_queries AS DOUBLE)), latency_ms)) AS model "
                    + "FROM clicks GROUP BY device ORDER BY device")
            .collectAsList();
    assertEquals(
        List.of("desktop", "mobile"), rows.stream().map(r -> r.<String>getAs("device")).toList());
    for (Row row : rows) {
      assertEquals("/", row.<Row>getList(row.fieldIndex("top_pages")).get(0).getAs("item"));
      // within one device the mobile term is in the intercept: 20 (desktop) or 60 (mobile)
      double intercept = row.<Row>getAs("model").getAs("intercept");
      assertEquals(row.getAs("device").equals("mobile") ? 60 : 20, intercept, 1.5);
    }
  }

  @Test
  void javaColumnFunctionsGiveOneRowPerWindow() {
    List<Row> windows =
        spark
            .table("clicks")
            .groupBy(window(col("time"), "1 minute"))
            .agg(
                bounds(hll(col("user_id"), 12), 3).as("users"),
                heavyHitters(col("page"), 20).as("top_pages"),
                sampleValues(sample(col("page"), 5, 42L)).as("sample"),
                coefficients(
                        linreg(
                            array(col("payload_kb"), col("db_queries").cast("double")),
                            col("latency_ms")))
                    .as("latency_model"))
            .orderBy("window")
            .collectAsList();
    assertEquals(4, windows.size());
    for (Row row : windows) {
      long windowStart = row.<Row>getAs("window").<java.sql.Timestamp>getAs("start").getTime();
      long truth = generator.truth(windowStart).distinctUsers();
      Row users = row.getAs("users");
      assertTrue(
          users.<Double>getAs("lower") <= truth && truth <= users.<Double>getAs("upper"),
          users + " vs " + truth);
      assertEquals(5, row.getList(row.fieldIndex("sample")).size());
    }
  }

  @Test
  void pySparkExpressionsResolve() {
    Dataset<Row> perDay =
        spark
            .table("clicks")
            .groupBy(org.apache.spark.sql.functions.to_date(col("time")).as("day"))
            .agg(
                org.apache.spark.sql.functions.expr("sk_distinct(user_id, 14)").as("users"),
                org.apache.spark.sql.functions.expr("sk_heavy_hitters(page, 10)").as("top_pages"),
                org.apache
                    .spark
                    .sql
                    .functions
                    .expr("sk_sample_values(sk_sample(page, 5, 42))")
                    .as("sample"));
    assertEquals(2, perDay.count());
  }
}
