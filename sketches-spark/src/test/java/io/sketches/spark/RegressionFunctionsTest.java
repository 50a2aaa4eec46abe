package io.sketches.spark;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.regression.BayesianLinearRegression;
import io.sketches.regression.StreamingLinearRegression;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** sk_linreg, sk_predict, sk_coefficients against the core library. */
class RegressionFunctionsTest {
  static SparkSession spark;

  @BeforeAll
  static void setUp() {
    spark = SharedSpark.session();
    SketchFunctions.register(spark);
    // y = 1 + 2 x1 - 3 x2 + small deterministic noise, 400 rows over 4 partitions
    spark
        .range(0, 400, 1, 4)
        .selectExpr(
            "CAST(id % 17 AS DOUBLE) AS x1",
            "CAST(id % 23 AS DOUBLE) * 0.5 AS x2",
            "CAST(1 + 2 * (id % 17) - 1.5 * (id % 23) + ((id * 7919) % 13 - 6) * 0.01 AS DOUBLE) AS y",
            "id % 2 AS g")
        .createOrReplaceTempView("points");
  }

  private static StreamingLinearRegression coreModel(List<Row> rows) {
    StreamingLinearRegression m =
        StreamingLinearRegression.builder().dimension(2).intercept(true).build();
    for (Row r : rows) {
      m.update(new double[] {r.getDouble(0), r.getDouble(1)}, r.getDouble(2));
    }
    return m;
  }

  @Test
  void sqlModelEqualsCoreModel() {
    Row row = spark.sql("SELECT sk_linreg(array(x1, x2), y) AS m FROM points").first();
    StreamingLinearRegression model = StreamingLinearRegression.fromByteArray(row.getAs(0));
    StreamingLinearRegression expected =
        coreModel(spark.sql("SELECT x1, x2, y FROM points").collectAsList());
    assertEquals(400, model.count());
    assertArrayEquals(expected.coefficients(), model.coefficients(), 1e-9);
    assertEquals(expected.intercept(), model.intercept(), 1e-9);

    Row c =
        spark
            .sql(
                "SELECT sk_coefficients(m).intercept, sk_coefficients(m).coefficients,"
                    + " sk_predict(m, array(1.0D, 2.0D)) FROM (SELECT sk_linreg(array(x1, x2), y) AS m"
                    + " FROM points)")
            .first();
    assertEquals(expected.intercept(), c.getDouble(0), 1e-9);
    assertEquals(expected.coefficients()[1], c.<Double>getList(1).get(1), 1e-9);
    assertEquals(expected.predict(new double[] {1, 2}), c.getDouble(2), 1e-9);
  }

  @Test
  void bayesianPosteriorEqualsCore() {
    BayesianLinearRegression expected =
        BayesianLinearRegression.builder()
            .dimension(2)
            .intercept(true)
            .priorPrecision(0.5)
            .noisePrecision(4.0)
            .build();
    for (Row r : spark.sql("SELECT x1, x2, y FROM points").collectAsList()) {
      expected.update(new double[] {r.getDouble(0), r.getDouble(1)}, r.getDouble(2));
    }
    Row r =
        spark
            .sql(
                "SELECT m, sk_coefficients(m).intercept, sk_predict(m, array(1.0D, 2.0D))"
                    + " FROM (SELECT sk_bayes_linreg(array(x1, x2), y, 0.5, 4) AS m FROM points)")
            .first();
    BayesianLinearRegression model = BayesianLinearRegression.fromByteArray(r.getAs(0));
    assertArrayEquals(expected.posteriorMean(), model.posteriorMean(), 1e-9);
    assertEquals(expected.posteriorMean()[0], r.getDouble(1), 1e-9);
    assertEquals(expected.predictiveMean(new double[] {1, 2}), r.getDouble(2), 1e-9);
    Row viaColumn =
        spark
            .table("points")
            .agg(SketchFunctions.bayesLinreg(array(col("x1"), col("x2")), col("y"), 0.5, 4.0))
            .first();
    assertArrayEquals(
        expected.posteriorMean(),
        BayesianLinearRegression.fromByteArray(viaColumn.getAs(0)).posteriorMean(),
        1e-9);
    AnalysisException e =
        assertThrows(
            AnalysisException.class,
            () -> spark.sql("SELECT sk_bayes_linreg(array(x1), y, 0, 1) FROM points"));
    assertTrue(
        e.getMessage().contains("The `prior_precision` must be between (0, Infinity)"),
        e.getMessage());
  }

  @Test
  void dataFrameGroupedAndMerged() {
    Dataset<Row> perGroup =
        spark
            .table("points")
            .groupBy("g")
            .agg(SketchFunctions.linreg(array(col("x1"), col("x2")), col("y")).as("m"));
    Row merged = perGroup.agg(SketchFunctions.merge(col("m")).as("m")).first();
    StreamingLinearRegression model = StreamingLinearRegression.fromByteArray(merged.getAs(0));
    StreamingLinearRegression expected =
        coreModel(spark.sql("SELECT x1, x2, y FROM points").collectAsList());
    assertArrayEquals(expected.coefficients(), model.coefficients(), 1e-9);
  }

  @Test
  void kmeansFindsSeparatedClustersAndPredicts() {
    // three clusters around (0,0), (100,0), (0,100), jitter within ±1
    spark
        .range(0, 3000, 1, 3)
        .selectExpr(
            "array(CAST((id % 3) = 1 AS INT) * 100D + ((id * 31) % 21 - 10) / 10D,"
                + " CAST((id % 3) = 2 AS INT) * 100D + ((id * 17) % 21 - 10) / 10D) AS p")
        .createOrReplaceTempView("clustered");
    Row r =
        spark
            .sql(
                "SELECT sk_centers(m), sk_cluster_id(m, array(99.5D, 0.5D)),"
                    + " sk_cluster_id(m, array(100D, 0D)), sk_cluster_id(m, array(0D, 100D))"
                    + " FROM (SELECT sk_kmeans(p, 3, 1.0, 7) AS m"
                    + " FROM clustered)")
            .first();
    List<scala.collection.Seq<Double>> centers = r.getList(0);
    assertEquals(3, centers.size());
    int near = 0;
    for (scala.collection.Seq<Double> c : centers) {
      for (double[] truth : new double[][] {{0, 0}, {100, 0}, {0, 100}}) {
        if (Math.abs(c.apply(0) - truth[0]) < 1 && Math.abs(c.apply(1) - truth[1]) < 1) {
          near++;
        }
      }
    }
    assertEquals(3, near, centers.toString());
    assertEquals(r.getInt(1), r.getInt(2)); // an INT cluster id, as MLlib's KMeansModel.predict
    assertTrue(r.getInt(1) != r.getInt(3) && r.getInt(1) >= 0 && r.getInt(1) < 3, r.toString());
    Row viaColumn =
        spark
            .table("clustered")
            .agg(SketchFunctions.kmeans(col("p"), 3).as("m"))
            .select(SketchFunctions.centers(col("m")))
            .first();
    assertEquals(3, viaColumn.getList(0).size());
    AnalysisException e =
        assertThrows(
            AnalysisException.class, () -> spark.sql("SELECT sk_kmeans(p, 0) FROM clustered"));
    assertEquals("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", e.getCondition());
    assertTrue(
        e.getMessage().contains("The `k` must be between [1, 10000] (current value = 0)"),
        e.getMessage());
  }

  @Test
  void typedAggregator() {
    SketchAggregator<Tuple2<double[], Double>, StreamingLinearRegression> agg =
        SketchAggregators.linreg(1, 0.0);
    Dataset<Tuple2<double[], Double>> ds =
        spark
            .range(0, 100, 1, 3)
            .selectExpr("array(CAST(id AS DOUBLE)) AS _1", "CAST(3 * id + 1 AS DOUBLE) AS _2")
            .as(Encoders.tuple(SketchEncoders.features(), Encoders.DOUBLE()));
    StreamingLinearRegression model = ds.select(agg.toColumn()).first();
    assertEquals(3.0, model.coefficients()[0], 1e-9);
    assertEquals(1.0, model.intercept(), 1e-9);
  }

  @Test
  void nullsSkippedAndNaNRefused() {
    Row row =
        spark
            .sql(
                "SELECT sk_linreg(f, y) FROM VALUES (array(1.0D), 2.0D),"
                    + " (NULL, 5.0D), (array(2.0D), NULL), (array(3.0D), 4.0D) AS t(f, y)")
            .first();
    assertEquals(2, StreamingLinearRegression.fromByteArray(row.getAs(0)).count());
    assertNull(spark.sql("SELECT sk_linreg(array(1.0D), 2.0D) FROM range(0)").first().get(0));
    // integer feature arrays are cast to ARRAY<DOUBLE>; integer labels are numbers
    Row ints =
        spark
            .sql("SELECT sk_coefficients(sk_linreg(array(id), 2 * id + 5)) FROM" + " range(10)")
            .first()
            .getStruct(0);
    assertEquals(5.0, ints.getDouble(0), 1e-9);
    assertEquals(2.0, ints.<Double>getList(1).get(0), 1e-9);
    Exception e =
        assertThrows(
            Exception.class,
            () ->
                spark
                    .sql(
                        "SELECT sk_linreg(array(x, 1.0D), 1.0D) FROM VALUES (1.0D), (CAST('NaN' AS DOUBLE))"
                            + " AS t(x)")
                    .collect());
    assertTrue(rootMessage(e).contains("feature 0 is NaN in [NaN, 1.0]"), rootMessage(e));
  }

  /**
   * Every way FeatureReader reads a row (columns of array(...) unboxed, a computed element, an
   * array column, a cast integer array, a non-double label) gives the core model's exact bytes.
   */
  @Test
  void everyReadPathGivesTheCoreBytes() {
    List<Row> rows = spark.sql("SELECT x1, x2, y FROM points").collectAsList();
    StreamingLinearRegression expected = coreModel(rows);
    StreamingLinearRegression doubled =
        StreamingLinearRegression.builder().dimension(2).intercept(true).build();
    StreamingLinearRegression rounded =
        StreamingLinearRegression.builder().dimension(2).intercept(true).build();
    for (Row r : rows) {
      doubled.update(new double[] {2 * r.getDouble(0), r.getDouble(1)}, r.getDouble(2));
      rounded.update(
          new double[] {r.getDouble(0), (long) (2 * r.getDouble(1))}, (long) r.getDouble(2));
    }
    // one task reading the partitions in order: the rows reach the sketch in the core's order
    Row single =
        spark
            .sql(
                "SELECT sk_linreg(array(x1, x2), y), sk_linreg(array(2 * x1, x2), y),"
                    + " sk_linreg(IF(x1 >= 0, array(x1, x2), NULL), y), sk_linreg(array(CAST(x1 AS INT),"
                    + " CAST(2 * x2 AS INT)), CAST(y AS BIGINT)) FROM (SELECT /*+ COALESCE(1) */ * FROM"
                    + " points)")
            .first();
    assertArrayEquals(expected.toByteArray(), single.getAs(0));
    assertArrayEquals(doubled.toByteArray(), single.getAs(1));
    assertArrayEquals(expected.toByteArray(), single.getAs(2));
    assertArrayEquals(rounded.toByteArray(), single.getAs(3));
  }

  @Test
  void badRowsNameTheirValues() {
    // one task sees both rows, so a wrong length meets the model built from the first
    String values =
        " FROM (SELECT /*+ COALESCE(1) */ * FROM VALUES (1.0D, 2.0D, 3.0D), (%s)"
            + " AS t(a, b, y))";
    String[][] cases = {
      {
        "sk_linreg(array(a, b), y)",
        "4.0D, CAST(NULL AS DOUBLE), 1.0D",
        "sk_linreg: feature 1 is null in [4.0, null]"
      },
      {
        "sk_linreg(array(a, b), y)",
        "CAST('Infinity' AS DOUBLE), 2.0D, 1.0D",
        "sk_linreg: feature 0 is Infinity in [Infinity, 2.0]; features must be finite"
      },
      {
        "sk_linreg(array(a, b), y)",
        "1.0D, 2.0D, CAST('NaN' AS DOUBLE)",
        "sk_linreg: value NaN is not finite"
      },
      {
        "sk_bayes_linreg(array(a + 1, b), y, 1, 1)",
        "CAST('NaN' AS DOUBLE), 2.0D, 1.0D",
        "sk_bayes_linreg: feature 0 is NaN in [NaN, 2.0]; features must be finite"
      },
      {
        "sk_linreg(IF(a > 2, array(a), array(a, b)), y)",
        "5.0D, 2.0D, 1.0D",
        "sk_linreg: the model has 2 features but this row has 1: [5.0]"
      },
      {
        "sk_linreg(IF(a > 2, array(a, CAST('NaN' AS DOUBLE)), array(a, b)), y)",
        "5.0D, 2.0D, 1.0D",
        "sk_linreg: feature 1 is NaN in [5.0, NaN]"
      },
    };
    for (String[] c : cases) {
      String sql = "SELECT " + c[0] + String.format(values, c[1]);
      Exception e = assertThrows(Exception.class, () -> spark.sql(sql).collect(), sql);
      assertTrue(rootMessage(e).contains(c[2]), sql + ": " + rootMessage(e));
    }
    // a null label or a null array skips the row before any feature is looked at
    Row skipped =
        spark
            .sql(
                "SELECT sk_linreg(array(a, b), y)"
                    + String.format(values, "CAST('NaN' AS DOUBLE), 2.0D, CAST(NULL AS DOUBLE)"))
            .first();
    assertEquals(1, StreamingLinearRegression.fromByteArray(skipped.getAs(0)).count());
    skipped =
        spark
            .sql(
                "SELECT sk_linreg(IF(a > 2, NULL, array(a, b)), y)"
                    + String.format(values, "5.0D, CAST('NaN' AS DOUBLE), 1.0D"))
            .first();
    assertEquals(1, StreamingLinearRegression.fromByteArray(skipped.getAs(0)).count());
  }

  @Test
  void badLiteralsFailAnalysis() {
    AnalysisException e =
        assertThrows(
            AnalysisException.class,
            () -> spark.sql("SELECT sk_linreg(array(x1), y, -1) FROM points"));
    assertTrue(
        e.getMessage().contains("The `ridge` must be between [0, Infinity) (current value = -1)"),
        e.getMessage());
    e =
        assertThrows(
            AnalysisException.class,
            () -> spark.sql("SELECT sk_linreg(array(x1), y, x2) FROM points"));
    assertEquals("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", e.getCondition());
    assertTrue(
        e.getMessage().contains("the input `ridge` should be a foldable \"DOUBLE\" expression"),
        e.getMessage());
    e =
        assertThrows(
            AnalysisException.class, () -> spark.sql("SELECT sk_linreg('a', y) FROM points"));
    assertEquals("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", e.getCondition());
    assertTrue(
        e.getMessage().contains("requires the \"ARRAY<DOUBLE>\" (or another numeric array)"),
        e.getMessage());
  }

  static String rootMessage(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }
}
