package io.sketches.spark.upgrade;

import static io.sketches.spark.upgrade.StoredSketchRows.NEW_ROWS;
import static io.sketches.spark.upgrade.StoredSketchRows.OLD_ROWS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.Sketch;
import io.sketches.SketchType;
import io.sketches.clustering.StreamingKMeans;
import io.sketches.format.Sketches;
import io.sketches.frequency.HeavyHitters;
import io.sketches.quantiles.QuantileSketch;
import io.sketches.regression.BayesianLinearRegression;
import io.sketches.regression.SgdLinearRegression;
import io.sketches.regression.StreamingLinearRegression;
import io.sketches.sampling.ReservoirSampler;
import io.sketches.sampling.WeightedReservoirSampler;
import io.sketches.spark.SharedSpark;
import io.sketches.spark.upgrade.StoredSketchRows.Event;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Parquet table of stored sketches of every type, written by a released version, still merges:
 * each stored sketch, merged with a sketch of new rows by {@code sk_merge} and by the core ({@link
 * Sketches#fromByteArray} then {@link Sketch#merge}), gives what the sketch of all rows gives — the
 * same bytes for HyperLogLog and Count-Min (their merge is exact), the same model up to rounding
 * for exact regression, and each other sketch's guarantee over all rows. The data and the models
 * are deterministic (no statistical test here): a failure is a change, never bad luck.
 */
class StoredSketchesUpgradeTest {

  static Stream<Path> versions() {
    return UpgradeResources.versionFolders().stream();
  }

  @ParameterizedTest(name = "written by {0}")
  @MethodSource("versions")
  void storedSketchesMergeWithNewRows(Path version) {
    SparkSession spark = SharedSpark.session();
    Map<SketchType, byte[]> stored = new EnumMap<>(SketchType.class);
    Map<SketchType, byte[]> newRows;
    Map<SketchType, byte[]> allRows;
    Map<SketchType, byte[]> sqlMerged = new EnumMap<>(SketchType.class);
    try {
      Dataset<Row> table =
          spark.read().parquet(version.resolve(UpgradeResources.STORED_SKETCHES).toString());
      assertEquals(StoredSketchRows.TABLE, table.schema(), "the stored table's schema");
      for (Row row : table.collectAsList()) {
        stored.put(SketchType.valueOf(row.getString(0)), (byte[]) row.get(1));
      }
      assertFalse(stored.isEmpty(), "the stored table has no rows");
      newRows = StoredSketchRows.sketches(spark, OLD_ROWS, OLD_ROWS + NEW_ROWS);
      allRows = StoredSketchRows.sketches(spark, 0, OLD_ROWS + NEW_ROWS);
      table.union(StoredSketchRows.table(spark, newRows)).createOrReplaceTempView("upgrade_union");
      for (Row row :
          spark
              .sql("SELECT type, sk_merge(sketch) FROM upgrade_union GROUP BY type")
              .collectAsList()) {
        sqlMerged.put(SketchType.valueOf(row.getString(0)), (byte[]) row.get(1));
      }
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      throw UpgradeResources.broken(version, "stored sketches no longer read or merge", e);
    }
    List<Event> events = StoredSketchRows.events(0, OLD_ROWS + NEW_ROWS);
    Map<SketchType, Throwable> failures = new TreeMap<>();
    for (SketchType type : stored.keySet()) {
      try {
        assertEquals(type, Sketches.typeOf(stored.get(type)), "the header's type");
        byte[] coreMerged = coreMerge(stored.get(type), newRows.get(type));
        assertMergedLikeAllRows(type, coreMerged, allRows.get(type), events, "core merge");
        assertMergedLikeAllRows(type, sqlMerged.get(type), allRows.get(type), events, "sk_merge");
      } catch (AssertionError | RuntimeException e) {
        failures.put(type, e);
      }
    }
    if (!failures.isEmpty()) {
      throw UpgradeResources.broken(
          version,
          "stored sketches no longer merge like the sketch of all rows: "
              + failures.entrySet().stream()
                  .map(f -> f.getKey() + ": " + f.getValue().getMessage())
                  .collect(Collectors.joining("; ")),
          failures.values().iterator().next());
    }
  }

  /** A new sketch type gets stored bytes in the folder of the release that adds it. */
  @Test
  void everySketchTypeHasStoredBytes() {
    SparkSession spark = SharedSpark.session();
    Set<SketchType> stored = EnumSet.noneOf(SketchType.class);
    for (Path version : UpgradeResources.versionFolders()) {
      String table = version.resolve(UpgradeResources.STORED_SKETCHES).toString();
      for (Row row : spark.read().parquet(table).select("type").collectAsList()) {
        stored.add(SketchType.valueOf(row.getString(0)));
      }
    }
    assertEquals(
        EnumSet.allOf(SketchType.class),
        stored,
        "a sketch type without stored bytes: write a new version folder (see"
            + " src/test/resources/upgrade/README.md)");
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static byte[] coreMerge(byte[] stored, byte[] newRows) {
    Sketch old = Sketches.fromByteArray(stored);
    return old.merge(Sketches.fromByteArray(newRows)).toByteArray();
  }

  /** What {@code merged} (old stored + new rows) must share with {@code all} (all rows). */
  private static void assertMergedLikeAllRows(
      SketchType type, byte[] merged, byte[] all, List<Event> events, String how) {
    String what = type + " by " + how;
    long n = events.size();
    Set<String> items = events.stream().map(Event::item).collect(Collectors.toSet());
    switch (type) {
      case HYPERLOGLOG, COUNT_MIN -> assertArrayEquals(all, merged, what + ": bytes");
      case HEAVY_HITTERS -> assertHeavyHitters(what, merged, events);
      case RESERVOIR -> {
        ReservoirSampler<?> sample = ReservoirSampler.fromByteArray(merged);
        assertEquals(n, sample.count(), what + ": count");
        assertEquals(StoredSketchRows.SAMPLE_K, sample.sample().size(), what + ": size");
        assertTrue(items.containsAll(sample.sample()), what + ": items " + sample.sample());
      }
      case WEIGHTED_RESERVOIR -> {
        WeightedReservoirSampler<?> sample = WeightedReservoirSampler.fromByteArray(merged);
        assertEquals(n, sample.count(), what + ": count");
        double weight = events.stream().mapToDouble(Event::weight).sum();
        assertEquals(weight, sample.totalWeight(), 1e-9 * weight, what + ": total weight");
        assertEquals(StoredSketchRows.WEIGHTED_SAMPLE_K, sample.sample().size(), what + ": size");
        assertTrue(items.containsAll(sample.sample()), what + ": items " + sample.sample());
      }
      case STREAMING_KMEANS -> assertKMeans(what, StreamingKMeans.fromByteArray(merged), n);
      case QUANTILES -> assertQuantiles(what, QuantileSketch.fromByteArray(merged), events);
      case LINEAR_REGRESSION -> {
        StreamingLinearRegression got = StreamingLinearRegression.fromByteArray(merged);
        StreamingLinearRegression want = StreamingLinearRegression.fromByteArray(all);
        assertEquals(n, got.count(), what + ": count");
        assertClose(want.coefficients(), got.coefficients(), 1e-9, what + ": coefficients");
        assertClose(new double[] {want.intercept()}, new double[] {got.intercept()}, 1e-9, what);
      }
      case BAYESIAN_LINEAR_REGRESSION -> {
        BayesianLinearRegression got = BayesianLinearRegression.fromByteArray(merged);
        BayesianLinearRegression want = BayesianLinearRegression.fromByteArray(all);
        assertEquals(n, got.count(), what + ": count");
        assertClose(want.posteriorMean(), got.posteriorMean(), 1e-9, what + ": posterior mean");
      }
      case SGD_LINEAR_REGRESSION -> {
        // parameter mixing is approximate (see SgdLinearRegression): near the generating line
        SgdLinearRegression got = SgdLinearRegression.fromByteArray(merged);
        assertEquals(n, got.count(), what + ": count");
        assertClose(StoredSketchRows.COEFFICIENTS, got.coefficients(), 0.1, what);
        assertEquals(StoredSketchRows.INTERCEPT, got.intercept(), 0.1, what + ": intercept");
      }
    }
  }

  /** Misra–Gries over all rows: total weight, bounds around every true count, no false negative. */
  private static void assertHeavyHitters(String what, byte[] merged, List<Event> events) {
    HeavyHitters<?> sketch = (HeavyHitters<?>) Sketches.fromByteArray(merged);
    Map<String, Long> truth =
        events.stream().collect(Collectors.groupingBy(Event::item, Collectors.counting()));
    assertEquals(events.size(), sketch.totalWeight(), what + ": total weight");
    Map<Object, HeavyHitters.Entry<?>> reported = new TreeMap<>();
    for (HeavyHitters.Entry<?> entry : sketch.top()) {
      long count = truth.getOrDefault((String) entry.item(), 0L);
      assertTrue(
          entry.lowerBound() <= count && count <= entry.upperBound(), what + ": " + entry + count);
      reported.put(entry.item(), entry);
    }
    truth.forEach(
        (item, count) ->
            assertTrue(
                count <= sketch.guaranteedThreshold() || reported.containsKey(item),
                what + ": " + item + " (" + count + ") missing"));
    assertTrue(reported.containsKey("page-home"), what + ": the heaviest item");
  }

  /**
   * Every row counted once, and the quantiles of the merged sketch have exact ranks (over all rows)
   * within its rank error of the ranks asked: deterministic for these rows and the core's coins.
   */
  private static void assertQuantiles(String what, QuantileSketch sketch, List<Event> events) {
    double[] y = events.stream().mapToDouble(Event::y).sorted().toArray();
    assertEquals(y.length, sketch.count(), what + ": count");
    assertEquals(StoredSketchRows.QUANTILES_K, sketch.k(), what + ": k");
    assertEquals(y[0], sketch.min(), what + ": min");
    assertEquals(y[y.length - 1], sketch.max(), what + ": max");
    double epsilon = sketch.normalizedRankError();
    for (int percent = 0; percent <= 100; percent += 5) {
      double rank = percent / 100.0;
      double q = sketch.quantile(rank);
      long below = Arrays.stream(y).filter(v -> v < q).count();
      long atOrBelow = Arrays.stream(y).filter(v -> v <= q).count();
      assertTrue(
          (double) below / y.length <= rank + epsilon
              && (double) atOrBelow / y.length >= rank - epsilon,
          what + ": quantile " + rank + " = " + q + ", ε " + epsilon);
    }
  }

  /** One merged center near each generating center, and every point's weight kept. */
  private static void assertKMeans(String what, StreamingKMeans model, long n) {
    assertEquals(n, model.totalWeight(), 1e-9 * n, what + ": total weight");
    double[][] centers = model.centers();
    for (double[] want : StoredSketchRows.CLUSTER_CENTERS) {
      double nearest = Double.POSITIVE_INFINITY;
      for (double[] got : centers) {
        nearest = Math.min(nearest, Math.hypot(got[0] - want[0], got[1] - want[1]));
      }
      assertTrue(nearest < 0.25, what + ": no center near " + java.util.Arrays.toString(want));
    }
  }

  private static void assertClose(double[] want, double[] got, double tolerance, String what) {
    assertEquals(want.length, got.length, what);
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], got[i], tolerance * Math.max(1, Math.abs(want[i])), what + " " + i);
    }
  }
}
