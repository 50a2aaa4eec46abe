package io.sketches.spark.upgrade;

import io.sketches.ItemSerde;
import io.sketches.SketchType;
import io.sketches.frequency.HeavyHitters;
import io.sketches.regression.SgdLinearRegression;
import io.sketches.sampling.WeightedReservoirSampler;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The rows behind the stored-sketch table, a pure function of the row id, and the one sketch of
 * every kind built over a range of them: by the SQL aggregate where there is one ({@code sk_hll},
 * {@code sk_cms}, {@code sk_sample}, {@code sk_kmeans}, {@code sk_linreg}, {@code sk_bayes_linreg},
 * {@code sk_quantiles}), by the core API for the kinds SQL does not return as bytes (heavy hitters,
 * the weighted sample, SGD regression). The generator stores the sketches of ids {@code [0,
 * OLD_ROWS)}; the test builds the same kinds over new ids and over all of them.
 */
final class StoredSketchRows {
  static final long OLD_ROWS = 2_000;
  static final long NEW_ROWS = 1_000;

  /** The stored table's schema: one row per sketch type, named as {@link SketchType}. */
  static final StructType TABLE =
      new StructType().add("type", DataTypes.StringType).add("sketch", DataTypes.BinaryType);

  static final StructType ROW =
      new StructType()
          .add("id", DataTypes.LongType)
          .add("item", DataTypes.StringType)
          .add("x", DataTypes.createArrayType(DataTypes.DoubleType))
          .add("y", DataTypes.DoubleType)
          .add("point", DataTypes.createArrayType(DataTypes.DoubleType))
          .add("weight", DataTypes.DoubleType);

  static final int HEAVY_HITTERS_K = 8;
  static final int SAMPLE_K = 32;
  static final int WEIGHTED_SAMPLE_K = 16;
  static final long SEED = 7;

  /** Small enough that 2,000 rows compact the quantile sketch. */
  static final int QUANTILES_K = 64;

  /** The k-means clusters: well apart (10) against their spread (±0.5). */
  static final double[][] CLUSTER_CENTERS = {{0, 0}, {10, 0}, {0, 10}};

  /** y = 1 + 2·x₁ − 3·x₂ + noise, noise in [−0.1, 0.1]. */
  static final double INTERCEPT = 1;

  static final double[] COEFFICIENTS = {2, -3};

  private static final String SQL_SKETCHES =
      "SELECT sk_hll(item, 12), sk_cms(item, 0.01, 0.01), sk_sample(item, "
          + SAMPLE_K
          + ", "
          + SEED
          + "), sk_kmeans(point, "
          + CLUSTER_CENTERS.length
          + ", 1.0, "
          + SEED
          + "), sk_linreg(x, y), sk_bayes_linreg(x, y, 0.01, 100.0), sk_quantiles(y, "
          + QUANTILES_K
          + ") FROM %s";

  /** The SQL sketches in {@link #SQL_SKETCHES}'s column order. */
  private static final SketchType[] SQL_TYPES = {
    SketchType.HYPERLOGLOG,
    SketchType.COUNT_MIN,
    SketchType.RESERVOIR,
    SketchType.STREAMING_KMEANS,
    SketchType.LINEAR_REGRESSION,
    SketchType.BAYESIAN_LINEAR_REGRESSION,
    SketchType.QUANTILES
  };

  private StoredSketchRows() {}

  /** One input row. */
  record Event(long id, String item, double[] x, double y, double[] point, double weight) {
    Row toRow() {
      return RowFactory.create(id, item, box(x), y, box(point), weight);
    }

    private static Double[] box(double[] values) {
      Double[] boxed = new Double[values.length];
      for (int i = 0; i < values.length; i++) {
        boxed[i] = values[i];
      }
      return boxed;
    }
  }

  /** Row {@code id}: skewed items (a quarter are one page), features, a point near a center. */
  static Event event(long id) {
    String item =
        id % 4 == 0 ? "page-home" : id % 8 == 1 ? "page-cart" : "page-" + (id * 7919 % 400);
    double x1 = (id * 37 % 100) / 100.0;
    double x2 = (id * 53 % 70) / 70.0;
    double noise = ((id * 97 % 21) - 10) / 100.0;
    double y = INTERCEPT + COEFFICIENTS[0] * x1 + COEFFICIENTS[1] * x2 + noise;
    double[] center = CLUSTER_CENTERS[(int) (id % CLUSTER_CENTERS.length)];
    double[] point = {
      center[0] + ((id * 31 % 11) - 5) / 10.0, center[1] + ((id * 17 % 11) - 5) / 10.0
    };
    return new Event(id, item, new double[] {x1, x2}, y, point, 1 + id % 5);
  }

  static List<Event> events(long from, long to) {
    return LongStream.range(from, to).mapToObj(StoredSketchRows::event).toList();
  }

  /** The sketch of every type over rows {@code [from, to)}. */
  static Map<SketchType, byte[]> sketches(SparkSession spark, long from, long to) {
    List<Event> events = events(from, to);
    Map<SketchType, byte[]> sketches = new EnumMap<>(SketchType.class);
    List<Row> rows = new ArrayList<>();
    for (Event e : events) {
      rows.add(e.toRow());
    }
    String view = "upgrade_rows_" + from + "_" + to;
    spark.createDataFrame(rows, ROW).createOrReplaceTempView(view);
    Row sql = spark.sql(String.format(SQL_SKETCHES, view)).head();
    for (int i = 0; i < SQL_TYPES.length; i++) {
      sketches.put(SQL_TYPES[i], (byte[]) sql.get(i));
    }
    sketches.put(SketchType.HEAVY_HITTERS, heavyHitters(events).toByteArray());
    sketches.put(SketchType.WEIGHTED_RESERVOIR, weightedSample(events).toByteArray());
    sketches.put(SketchType.SGD_LINEAR_REGRESSION, sgd(events).toByteArray());
    return sketches;
  }

  /** The (type, sketch) table of {@code sketches}. */
  static Dataset<Row> table(SparkSession spark, Map<SketchType, byte[]> sketches) {
    List<Row> rows = new ArrayList<>();
    sketches.forEach((type, bytes) -> rows.add(RowFactory.create(type.name(), bytes)));
    return spark.createDataFrame(rows, TABLE);
  }

  static HeavyHitters<String> heavyHitters(List<Event> events) {
    HeavyHitters<String> sketch = HeavyHitters.create(HEAVY_HITTERS_K, ItemSerde.strings());
    events.forEach(e -> sketch.update(e.item(), 1));
    return sketch;
  }

  static WeightedReservoirSampler<String> weightedSample(List<Event> events) {
    WeightedReservoirSampler<String> sampler =
        WeightedReservoirSampler.create(WEIGHTED_SAMPLE_K, SEED, ItemSerde.strings());
    events.forEach(e -> sampler.update(e.item(), e.weight()));
    return sampler;
  }

  /** SGD in mini-batches of 100 rows, ids in order. */
  static SgdLinearRegression sgd(List<Event> events) {
    SgdLinearRegression model =
        SgdLinearRegression.builder()
            .dimension(2)
            .stepSize(0.5)
            .iterationsPerBatch(5)
            .seed(SEED)
            .build();
    for (int from = 0; from < events.size(); from += 100) {
      List<Event> batch = events.subList(from, Math.min(events.size(), from + 100));
      double[][] x = batch.stream().map(Event::x).toArray(double[][]::new);
      double[] y = batch.stream().mapToDouble(Event::y).toArray();
      model.update(x, y);
    }
    return model;
  }
}
