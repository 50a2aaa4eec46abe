package io.sketches.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Answers in their own SQL types: {@code sk_sample_items} returns the input's type, {@code
 * sk_sample_values(sample, type)} reads stored samples in the type named, {@code sk_cluster_id}
 * returns an INT and {@code sk_predict} a DOUBLE.
 */
class TypedAnswersTest {
  static SparkSession spark;

  @BeforeAll
  static void setUp() {
    spark = SharedSpark.session();
    spark
        .range(0, 1000, 1, 4)
        .selectExpr(
            "id",
            "CAST(id AS INT) AS i",
            "CAST(id AS STRING) AS s",
            "CAST(id / 8 AS DECIMAL(10, 3)) AS d",
            "date_add(DATE'2026-01-01', CAST(id % 30 AS INT)) AS day",
            "id % 2 = 0 AS even")
        .createOrReplaceTempView("typed");
  }

  private static DataType elementType(String sql) {
    return ((org.apache.spark.sql.types.ArrayType) spark.sql(sql).schema().fields()[0].dataType())
        .elementType();
  }

  @Test
  void sampleItemsComeBackInTheInputsType() {
    String[][] cases = { // column, expected element type
      {"id", "bigint"},
      {"i", "int"},
      {"s", "string"},
      {"d", "decimal(10,3)"},
      {"day", "date"},
      {"even", "boolean"}
    };
    for (String[] c : cases) {
      String sql = "SELECT sk_sample_items(" + c[0] + ", 10, 3) FROM typed";
      assertEquals(DataType.fromDDL(c[1]), elementType(sql), sql);
      List<Object> items = spark.sql(sql).first().getList(0);
      assertEquals(10, items.size(), sql);
    }
    Row r =
        spark
            .sql(
                "SELECT sk_sample_items(id, 50, 9), sk_sample_items(d, 5), sk_sample_items(day, 5)"
                    + " FROM typed")
            .first();
    List<Long> ids = r.getList(0);
    assertEquals(50, new HashSet<>(ids).size(), "a sample without replacement of distinct ids");
    for (long id : ids) {
      assertTrue(id >= 0 && id < 1000, String.valueOf(id));
    }
    for (Object d : r.getList(1)) {
      assertEquals(3, ((BigDecimal) d).scale(), String.valueOf(d));
    }
    for (Object day : r.getList(2)) {
      Date date = (Date) day;
      assertTrue(
          !date.toLocalDate().isBefore(java.time.LocalDate.of(2026, 1, 1))
              && date.toLocalDate().isBefore(java.time.LocalDate.of(2026, 1, 31)),
          String.valueOf(date));
    }
  }

  @Test
  void sampleItemsEqualTheTypedReadOfTheSameSample() {
    // the same seed over the same partitions: the same sample, once as items, once as bytes
    for (String[] c :
        new String[][] {{"id", "bigint"}, {"i", "int"}, {"s", "string"}, {"day", "date"}}) {
      String sql =
          String.format(
              "SELECT sk_sample_items(%1$s, 20, 5), sk_sample_values(sk_sample(%1$s, 20, 5), '%2$s')"
                  + " FROM typed",
              c[0], c[1]);
      Row r = spark.sql(sql).first();
      assertEquals(r.getList(0), r.getList(1), sql);
      assertEquals(elementType(sql), DataType.fromDDL(c[1]), sql);
    }
  }

  @Test
  void sampleValuesWithoutATypeStayStrings() {
    String sql = "SELECT sk_sample_values(sk_sample(id, 5)) FROM typed";
    assertEquals(DataTypes.StringType, elementType(sql));
    for (Object v : spark.sql(sql).first().getList(0)) {
      Long.parseLong((String) v);
    }
  }

  @Test
  void columnFunctionsAreTheSqlFunctions() {
    Row r =
        spark
            .table("typed")
            .agg(
                SketchFunctions.sampleItems(col("id"), 7, 1L).as("items"),
                SketchFunctions.sample(col("id"), 7, 1L).as("bytes"))
            .select(col("items"), SketchFunctions.sampleValues(col("bytes"), "bigint"))
            .first();
    assertEquals(r.getList(0), r.getList(1));
  }

  @Test
  void clusterIdIsAnIntAndPredictADouble() {
    spark
        .sql(
            "SELECT array(CAST(id % 2 AS DOUBLE) * 100D) AS p, CAST(id AS DOUBLE) AS x,"
                + " 2D * id + 1D AS y FROM range(100)")
        .createOrReplaceTempView("models");
    String sql =
        "SELECT sk_cluster_id(k, array(0D)), sk_cluster_id(k, array(100D)),"
            + " sk_predict(m, array(4D))"
            + " FROM (SELECT sk_kmeans(p, 2) AS k, sk_linreg(array(x), y) AS m FROM models)";
    var schema = spark.sql(sql).schema();
    assertEquals(DataTypes.IntegerType, schema.fields()[0].dataType());
    assertEquals(DataTypes.DoubleType, schema.fields()[2].dataType());
    Row r = spark.sql(sql).first();
    Set<Integer> ids = Set.of(r.getInt(0), r.getInt(1));
    assertEquals(Set.of(0, 1), ids, "two clusters, two ids");
    assertEquals(9.0, r.getDouble(2), 1e-9);
  }
}
