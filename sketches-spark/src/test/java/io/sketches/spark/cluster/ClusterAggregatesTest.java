package io.sketches.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sketches.cardinality.HyperLogLog;
import io.sketches.clustering.StreamingKMeans;
import io.sketches.frequency.CountMinSketch;
import io.sketches.regression.StreamingLinearRegression;
import io.sketches.sampling.ReservoirSampler;
import io.sketches.spark.SketchFunctions;
import io.sketches.spark.SketchesExtensions;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The sketches as Spark aggregates on a real multi-JVM cluster ({@code local-cluster[2,1,1024]}:
 * two executor JVMs): every aggregate gives the same answer as in local mode and as the core
 * library on the same rows, byte for byte where the sketch is deterministic (HLL, Count-Min).
 */
class ClusterAggregatesTest {
  private static final long ROWS = 120_000;
  private static final int PARTITIONS = 6;
  private static final int HLL_PRECISION = 12;
  private static final int SAMPLE_SIZE = 100;

  /** One single-row aggregate query per sketch, and the functions it needs. */
  private static final Map<String, String> QUERIES =
      Map.of(
          "hll",
          "SELECT sk_hll(user, " + HLL_PRECISION + ") FROM data",
          // grouped: the object buffer, sorted past 128 groups, planned on the driver, run in
          // executors
          "hllGrouped",
          "SELECT h FROM (SELECT id % 2 AS g, sk_hll(user, "
              + HLL_PRECISION
              + ") AS h FROM data GROUP BY g) WHERE g = 0",
          "cms",
          "SELECT sk_cms(page) FROM data",
          "sample",
          "SELECT sk_sample(id, " + SAMPLE_SIZE + ", 7) FROM data",
          "kmeans",
          "SELECT sk_centers(sk_kmeans(array(x, y), 3)) FROM data",
          "linreg",
          "SELECT sk_linreg(array(x1, x2), label) FROM data");

  private static final Map<String, List<String>> FUNCTIONS =
      Map.of(
          "hll",
          List.of("sk_hll"),
          "hllGrouped",
          List.of("sk_hll"),
          "cms",
          List.of("sk_cms"),
          "sample",
          List.of("sk_sample"),
          "kmeans",
          List.of("sk_kmeans", "sk_centers"),
          "linreg",
          List.of("sk_linreg"));

  private static final Map<String, Object> local = new HashMap<>();
  private static final Map<String, Object> cluster = new HashMap<>();
  private static SparkSession spark;
  private static List<Row> rows;
  private static Set<String> executorCommands;

  @BeforeAll
  static void runEveryAggregateLocallyThenOnTheCluster() throws Exception {
    LocalCluster.assumeClusterExecution();
    SparkSession localSpark =
        SparkSession.builder()
            .master("local[2]")
            .appName("sketches-local-reference")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.extensions", SketchesExtensions.class.getName())
            .config("spark.sql.shuffle.partitions", 4)
            .getOrCreate();
    runAll(localSpark, local);
    localSpark.stop();
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();

    spark = LocalCluster.start("sketches-cluster-test");
    spark.conf().set("spark.sql.shuffle.partitions", 4);
    runAll(spark, cluster);
    rows = data(spark).orderBy("id").collectAsList();
    // the command line of the JVM each task ran in (test classes are not on the executors, so SQL)
    executorCommands =
        new HashSet<>(
            spark
                .sql(
                    "SELECT DISTINCT reflect('java.lang.System', "
                        + "'getProperty', 'sun.java.command') FROM range(0, 64, 1, 16)")
                .as(Encoders.STRING())
                .collectAsList());
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static Dataset<Row> data(SparkSession session) {
    return session
        .range(0, ROWS, 1, PARTITIONS)
        .selectExpr(
            "id",
            "(id * 7919) % 50000 AS user",
            "concat('page-', CAST(pmod(id * id, 97) AS STRING)) AS page",
            "CAST(id % 3 AS DOUBLE) * 10.0D + pmod(id * 31, 1000) / 1000.0D AS x",
            "CAST(id % 3 AS DOUBLE) * -5.0D + pmod(id * 17, 1000) / 1000.0D AS y",
            "pmod(id * 13, 1000) / 100.0D AS x1",
            "pmod(id * 7, 911) / 91.1D AS x2",
            "1.5D + 2.0D * (pmod(id * 13, 1000) / 100.0D) - 3.0D * (pmod(id * 7, 911) / 91.1D)"
                + " + (pmod(id * 101, 200) - 99.5D) / 1000.0D AS label");
  }

  private static void runAll(SparkSession session, Map<String, Object> results) {
    SketchFunctions.register(session);
    data(session).createOrReplaceTempView("data");
    for (Map.Entry<String, String> query : QUERIES.entrySet()) {
      if (FUNCTIONS.get(query.getKey()).stream()
          .allMatch(f -> session.catalog().functionExists(f))) {
        results.put(query.getKey(), session.sql(query.getValue()).first().get(0));
      }
    }
  }

  private static Object both(String sketch) {
    assumeTrue(cluster.containsKey(sketch), () -> FUNCTIONS.get(sketch) + " not registered yet");
    assertTrue(local.containsKey(sketch), sketch + " ran on the cluster but not locally");
    return cluster.get(sketch);
  }

  @Test
  void tasksRanInTwoSeparateExecutorJvms() {
    assertEquals(LocalCluster.EXECUTORS, executorCommands.size(), "task JVMs: " + executorCommands);
    for (String command : executorCommands) {
      assertTrue(
          command.startsWith("org.apache.spark.executor.CoarseGrainedExecutorBackend"), command);
    }
  }

  @Test
  void hyperLogLogIsByteIdenticalToLocalModeAndToTheCoreLibrary() {
    byte[] clusterBytes = (byte[]) both("hll");
    assertArrayEquals((byte[]) local.get("hll"), clusterBytes);
    // Spark builds one sketch per partition and merges them: so does the core reference
    HyperLogLog reference = HyperLogLog.create(HLL_PRECISION);
    for (int p = 0; p < PARTITIONS; p++) {
      HyperLogLog partition = HyperLogLog.create(HLL_PRECISION);
      for (long id = p * ROWS / PARTITIONS; id < (p + 1) * ROWS / PARTITIONS; id++) {
        partition.update((id * 7919) % 50000);
      }
      reference.merge(partition);
    }
    assertArrayEquals(reference.toByteArray(), clusterBytes);
    assertEquals(
        50_000, HyperLogLog.fromByteArray(clusterBytes).estimate(), 50_000 * 4 * 1.04 / 64);
  }

  @Test
  void groupedHyperLogLogIsByteIdenticalToLocalModeAndToTheCoreLibrary() {
    byte[] clusterBytes = (byte[]) both("hllGrouped");
    assertArrayEquals((byte[]) local.get("hllGrouped"), clusterBytes);
    HyperLogLog reference = HyperLogLog.create(HLL_PRECISION);
    for (long id = 0; id < ROWS; id += 2) {
      reference.update((id * 7919) % 50000);
    }
    assertArrayEquals(reference.discardMartingale().toByteArray(), clusterBytes);
  }

  @Test
  void countMinIsByteIdenticalToLocalModeAndToTheCoreLibrary() {
    byte[] clusterBytes = (byte[]) both("cms");
    assertArrayEquals((byte[]) local.get("cms"), clusterBytes);
    CountMinSketch fromCluster = CountMinSketch.fromByteArray(clusterBytes);
    CountMinSketch reference = // sk_cms builds withError's shape and keeps its ε and δ
        CountMinSketch.withError(fromCluster.epsilon(), fromCluster.delta(), fromCluster.seed());
    assertEquals(fromCluster.width(), reference.width());
    for (long id = 0; id < ROWS; id++) {
      reference.update("page-" + Math.floorMod(id * id, 97), 1);
    }
    assertArrayEquals(reference.toByteArray(), clusterBytes);
    assertEquals(ROWS, fromCluster.totalWeight());
  }

  @Test
  void reservoirIsAUniformSampleOfTheRowsInBothModes() {
    for (Object bytes : List.of(both("sample"), local.get("sample"))) {
      ReservoirSampler<?> sampler = ReservoirSampler.fromByteArray((byte[]) bytes);
      assertEquals(ROWS, sampler.count());
      List<?> sample = sampler.sample();
      assertEquals(SAMPLE_SIZE, sample.size());
      assertEquals(SAMPLE_SIZE, new HashSet<>(sample).size(), "sampled without replacement");
      for (Object id : sample) {
        assertTrue((Long) id >= 0 && (Long) id < ROWS, "sampled id " + id);
      }
    }
  }

  @Test
  void kMeansFindsTheSameThreeCentresInBothModesAndInTheCoreLibrary() {
    List<List<Double>> clusterCentres = sorted(both("kmeans"));
    List<List<Double>> localCentres = sorted(local.get("kmeans"));
    StreamingKMeans reference = StreamingKMeans.builder().k(3).dimension(2).seed(0).build();
    for (Row row : rows) {
      reference.update(new double[] {row.<Double>getAs("x"), row.<Double>getAs("y")});
    }
    List<List<Double>> coreCentres =
        Arrays.stream(reference.centers())
            .map(c -> List.of(c[0], c[1]))
            .sorted(Comparator.comparing((List<Double> c) -> c.get(0)))
            .toList();
    for (int c = 0; c < 3; c++) {
      for (int d = 0; d < 2; d++) {
        assertEquals(coreCentres.get(c).get(d), clusterCentres.get(c).get(d), 0.05, "core library");
      }
      // the generating centres are (10c + 0.5, -5c + 0.5); points spread ±0.5 around them
      assertEquals(10.0 * c + 0.5, clusterCentres.get(c).get(0), 0.05);
      assertEquals(-5.0 * c + 0.5, clusterCentres.get(c).get(1), 0.05);
      for (int d = 0; d < 2; d++) {
        assertEquals(localCentres.get(c).get(d), clusterCentres.get(c).get(d), 0.05);
      }
    }
  }

  @Test
  void regressionEqualsLocalModeAndTheCoreLibraryToRoundOff() {
    StreamingLinearRegression fromCluster =
        StreamingLinearRegression.fromByteArray((byte[]) both("linreg"));
    StreamingLinearRegression fromLocal =
        StreamingLinearRegression.fromByteArray((byte[]) local.get("linreg"));
    StreamingLinearRegression reference = StreamingLinearRegression.builder().dimension(2).build();
    for (Row row : rows) {
      reference.update(
          new double[] {row.<Double>getAs("x1"), row.<Double>getAs("x2")},
          row.<Double>getAs("label"));
    }
    assertEquals(ROWS, fromCluster.count());
    for (StreamingLinearRegression model : List.of(fromCluster, fromLocal)) {
      assertEquals(reference.intercept(), model.intercept(), 1e-9);
      assertArrayEquals(reference.coefficients(), model.coefficients(), 1e-9);
    }
    assertArrayEquals(new double[] {2.0, -3.0}, fromCluster.coefficients(), 1e-3);
    assertNotEquals(0, fromCluster.count());
  }

  /** Centres (Spark gives a Scala Seq of Seqs) as Java lists, by first coordinate. */
  @SuppressWarnings("unchecked")
  private static List<List<Double>> sorted(Object centres) {
    return CollectionConverters.asJava((scala.collection.Seq<?>) centres).stream()
        .map(c -> List.copyOf(CollectionConverters.asJava((scala.collection.Seq<Double>) c)))
        .sorted(Comparator.comparing((List<Double> c) -> c.get(0)))
        .toList();
  }
}
