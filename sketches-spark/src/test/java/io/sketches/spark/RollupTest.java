package io.sketches.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rollup: hourly sk_hll bytes written to Parquet, read back and sk_merge'd per day equal the daily
 * sketch built directly from the events (same bytes, hence the same estimate); the functions exist
 * in a new session (extension) and register() works on a session.
 */
class RollupTest {

  @Test
  void hourlySketchesInParquetMergeToTheDailySketch(@TempDir Path tmp) {
    SparkSession spark = SharedSpark.session();
    spark
        .range(0, 48 * 500, 1, 3)
        .selectExpr(
            "timestamp_seconds(1767225600 + (id % 48) * 3600 + id % 60) AS ts",
            "concat('u', CAST((id * 2654435761) % 3001 AS STRING)) AS user")
        .createOrReplaceTempView("clicks");
    String parquet = tmp.resolve("hourly").toString();
    spark
        .sql(
            "SELECT date_trunc('HOUR', ts) AS hour, sk_hll(user) AS users,"
                + " sk_cms(user) AS freq FROM clicks GROUP BY 1")
        .write()
        .parquet(parquet);
    spark.read().parquet(parquet).createOrReplaceTempView("hourly");
    List<Row> rolled =
        spark
            .sql(
                "SELECT to_date(hour) AS day, sk_merge(users), sk_merge(freq),"
                    + " sk_estimate(sk_merge(users)) FROM hourly GROUP BY 1 ORDER BY 1")
            .collectAsList();
    List<Row> direct =
        spark
            .sql(
                "SELECT to_date(ts) AS day, sk_hll(user), sk_cms(user),"
                    + " sk_estimate(sk_hll(user)) FROM clicks GROUP BY 1 ORDER BY 1")
            .collectAsList();
    assertEquals(2, direct.size());
    assertEquals(direct.size(), rolled.size());
    for (int i = 0; i < direct.size(); i++) {
      assertEquals(direct.get(i).get(0), rolled.get(i).get(0));
      assertArrayEquals((byte[]) direct.get(i).get(1), (byte[]) rolled.get(i).get(1));
      assertArrayEquals((byte[]) direct.get(i).get(2), (byte[]) rolled.get(i).get(2));
      assertEquals(direct.get(i).getDouble(3), rolled.get(i).getDouble(3));
    }
  }

  @Test
  void functionsExistInNewSessionsAndRegisterIsIdempotent() {
    SparkSession fresh = SharedSpark.session().newSession();
    assertEquals(
        3L,
        fresh
            .sql("SELECT sk_distinct(x) FROM VALUES (1), (2), (2), (3), (NULL)" + " AS t(x)")
            .first()
            .getLong(0));
    SketchFunctions.register(fresh);
    SketchFunctions.register(fresh);
    assertTrue(fresh.catalog().functionExists("sk_merge"));
    assertEquals(
        2L,
        fresh.sql("SELECT sk_distinct(x, 4) FROM VALUES ('a'), ('b') AS t(x)").first().getLong(0));
  }
}
