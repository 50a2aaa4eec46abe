package io.sketches.fuzz;

import io.sketches.ItemSerde;
import io.sketches.Sketch;
import io.sketches.SketchType;
import io.sketches.cardinality.HyperLogLog;
import io.sketches.clustering.DecayUnit;
import io.sketches.clustering.StreamingKMeans;
import io.sketches.frequency.CountMinSketch;
import io.sketches.frequency.HeavyHitters;
import io.sketches.quantiles.QuantileSketch;
import io.sketches.regression.BayesianLinearRegression;
import io.sketches.regression.SgdLinearRegression;
import io.sketches.regression.StreamingLinearRegression;
import io.sketches.sampling.ReservoirSampler;
import io.sketches.sampling.WeightedReservoirSampler;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The valid sketches the fuzzer mutates: for every type its interesting states (empty, small or
 * sparse, large or dense, merged) under every option (HyperLogLog precisions 4..18; Count-Min
 * shapes, conservative and turnstile; heavy hitters and both samplers with each built-in serde;
 * k-means under each decay mode; the regressions with intercept, ridge, forgetting, known and
 * unknown noise, full priors). Built from fixed seeds, so the corpus, and with it every mutant, is
 * the same in every run.
 */
final class Corpus {
  private Corpus() {}

  static List<Specimen> of(SketchType type) {
    return Built.SPECIMENS.get(type);
  }

  /** Built on first use, after every constant of this class is initialized. */
  private static final class Built {
    static final Map<SketchType, List<Specimen>> SPECIMENS = build();
  }

  private static Map<SketchType, List<Specimen>> build() {
    Map<SketchType, List<Specimen>> specimens = new EnumMap<>(SketchType.class);
    specimens.put(SketchType.HYPERLOGLOG, hyperLogLogs());
    specimens.put(SketchType.COUNT_MIN, countMins());
    specimens.put(SketchType.HEAVY_HITTERS, heavyHitters());
    specimens.put(SketchType.RESERVOIR, reservoirs());
    specimens.put(SketchType.WEIGHTED_RESERVOIR, weightedReservoirs());
    specimens.put(SketchType.STREAMING_KMEANS, kMeans());
    specimens.put(SketchType.LINEAR_REGRESSION, leastSquares());
    specimens.put(SketchType.BAYESIAN_LINEAR_REGRESSION, bayesian());
    specimens.put(SketchType.SGD_LINEAR_REGRESSION, sgd());
    specimens.put(SketchType.QUANTILES, quantiles());
    return specimens;
  }

  /**
   * Quantile sketches: empty (default and other seed, smallest and largest k), exact longs and
   * doubles, compacted at k = 8 (many levels) and k = 200, doubles with infinities and zeros,
   * merges of different k.
   */
  private static List<Specimen> quantiles() {
    List<Specimen> list = new ArrayList<>();
    list.add(Specimen.of("empty", QuantileSketch.create()));
    list.add(Specimen.of("empty k8 seeded", QuantileSketch.create(8, -5)));
    list.add(Specimen.of("empty k65535", QuantileSketch.create(65535)));
    list.add(Specimen.of("exact longs", quantileSketch(200, 0, 150, true)));
    list.add(Specimen.of("exact doubles", quantileSketch(200, 1, 150, false)));
    list.add(Specimen.of("one long", QuantileSketch.create(8).update(Long.MIN_VALUE)));
    list.add(Specimen.of("k8 compacted doubles", quantileSketch(8, 2, 5000, false)));
    list.add(Specimen.of("k8 compacted longs", quantileSketch(8, 3, 70_000, true)));
    list.add(Specimen.of("k200 compacted doubles", quantileSketch(200, 4, 3000, false)));
    QuantileSketch special = QuantileSketch.create(16, 9);
    for (int i = 0; i < 200; i++) {
      double[] values = {Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.POSITIVE_INFINITY, i};
      special.update(values[i % values.length]);
    }
    list.add(Specimen.of("k16 infinities and zeros", special));
    list.add(
        Specimen.of(
            "merged k50 into k100",
            quantileSketch(100, 5, 900, false).merge(quantileSketch(50, 6, 400, false))));
    list.add(
        Specimen.of(
            "merged longs",
            quantileSketch(32, 7, 500, true).merge(quantileSketch(32, 8, 700, true))));
    return list;
  }

  private static QuantileSketch quantileSketch(int k, long seed, int updates, boolean longs) {
    QuantileSketch sketch = QuantileSketch.create(k);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < updates; i++) {
      if (longs) {
        sketch.update(random.nextLong(-1L << 40, 1L << 40));
      } else {
        sketch.update(random.nextGaussian() * 1e3);
      }
    }
    return sketch;
  }

  private static List<Specimen> hyperLogLogs() {
    List<Specimen> list = new ArrayList<>();
    for (int p = HyperLogLog.MIN_PRECISION; p <= HyperLogLog.MAX_PRECISION; p++) {
      int m = 1 << p;
      int sparseItems = Math.max(1, m / 32);
      list.add(Specimen.of("p" + p + " empty", HyperLogLog.create(p)));
      list.add(Specimen.of("p" + p + " sparse", hll(p, 0, sparseItems)));
      list.add(
          Specimen.of(
              "p" + p + " sparse merged",
              hll(p, 0, sparseItems).merge(hll(p, 1L << 40, sparseItems))));
      list.add(Specimen.of("p" + p + " dense", hll(p, 0, 2 * m)));
      list.add(
          Specimen.of(
              "p" + p + " dense merged", hll(p, 0, 2 * m).merge(hll(p, 1L << 40, m / 4 + 1))));
    }
    list.add(
        Specimen.of("p18 merged down to p10", hll(18, 0, 1000).merge(hll(10, 1L << 40, 2000))));
    return list;
  }

  private static HyperLogLog hll(int precision, long first, int items) {
    HyperLogLog sketch = HyperLogLog.create(precision);
    for (long i = first; i < first + items; i++) {
      sketch.update(i);
    }
    return sketch;
  }

  private static List<Specimen> countMins() {
    List<Specimen> list = new ArrayList<>();
    int[][] shapes = {{1, 1}, {1, 7}, {3, 16}, {5, 272}, {8, 64}};
    for (int[] shape : shapes) {
      for (String mode : List.of("plain", "conservative", "turnstile")) {
        String name = shape[0] + "×" + shape[1] + " " + mode;
        Supplier<CountMinSketch> empty =
            () -> {
              CountMinSketch sketch = CountMinSketch.create(shape[0], shape[1], 42);
              return mode.equals("conservative") ? sketch.withConservativeUpdate() : sketch;
            };
        boolean turnstile = mode.equals("turnstile");
        list.add(Specimen.of(name + " empty", empty.get()));
        list.add(Specimen.of(name + " sparse", countMin(empty.get(), 2, turnstile, 1)));
        int dense = 3 * shape[0] * shape[1];
        list.add(Specimen.of(name + " dense", countMin(empty.get(), dense, turnstile, 2)));
        list.add(
            Specimen.of(
                name + " merged",
                countMin(empty.get(), dense, turnstile, 3)
                    .merge(countMin(empty.get(), 3, turnstile, 4))));
      }
    }
    list.add(Specimen.of("withError(0.01, 0.01)", CountMinSketch.withError(0.01, 0.01, 7)));
    return list;
  }

  private static CountMinSketch countMin(
      CountMinSketch sketch, int updates, boolean turnstile, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < updates; i++) {
      long count = 1 + random.nextInt(5);
      sketch.update(random.nextInt(50), turnstile && i % 3 == 1 ? -count : count);
    }
    return sketch;
  }

  private static final List<ItemSerde<?>> SERDES =
      List.of(
          ItemSerde.longs(),
          ItemSerde.doubles(),
          ItemSerde.strings(),
          ItemSerde.byteArrays(),
          ItemSerde.integers());

  /** A valid item of the built-in serde {@code serdeId} (longs for 0: no serde chosen yet). */
  static Object item(int serdeId, int n) {
    return switch (serdeId) {
      case 2 -> n * 0.5;
      case 3 -> "item-" + n;
      case 4 -> new byte[] {(byte) n, (byte) (n >> 8), 7};
      case 5 -> n;
      default -> (long) n;
    };
  }

  /** Skewed item numbers: a few heavy ones and a long tail. */
  private static int skewed(SplittableRandom random) {
    double u = random.nextDouble();
    return (int) (u * u * u * 60);
  }

  private static List<Specimen> heavyHitters() {
    List<Specimen> list = new ArrayList<>();
    for (ItemSerde<?> serde : SERDES) {
      for (int[] kAndCapacity : new int[][] {{1, 2}, {3, 3}, {10, 20}}) {
        String name = "serde " + serde.id() + " k" + kAndCapacity[0] + " c" + kAndCapacity[1];
        list.add(heavy(name + " empty", serde, kAndCapacity, 0, 1));
        list.add(heavy(name + " few", serde, kAndCapacity, 2, 2));
        list.add(heavy(name + " purged", serde, kAndCapacity, 300, 3));
        HeavyHitters<Object> merged = heavyHitters(serde, kAndCapacity, 200, 4);
        merged.merge(heavyHitters(serde, kAndCapacity, 150, 5));
        list.add(Specimen.of(name + " merged", merged, serde));
      }
    }
    return list;
  }

  private static Specimen heavy(
      String label, ItemSerde<?> serde, int[] kAndCapacity, int updates, long seed) {
    return Specimen.of(label, heavyHitters(serde, kAndCapacity, updates, seed), serde);
  }

  @SuppressWarnings("unchecked")
  private static HeavyHitters<Object> heavyHitters(
      ItemSerde<?> serde, int[] kAndCapacity, int updates, long seed) {
    HeavyHitters<Object> sketch =
        HeavyHitters.create(kAndCapacity[0], kAndCapacity[1], (ItemSerde<Object>) serde);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < updates; i++) {
      sketch.update(item(serde.id(), skewed(random)), 1 + random.nextInt(3));
    }
    return sketch;
  }

  /** Makes a sampler of {@code k} items that saw {@code updates} items of the serde's class. */
  private interface SamplerMaker<S extends Sketch<S>> {
    S make(ItemSerde<?> serde, int k, int updates, boolean withSerde);
  }

  /** Samplers of each serde and k in {1, 5, 40}: empty, partial, full, merged. */
  private static <S extends Sketch<S>> List<Specimen> samplers(
      Sketch<?> withoutSerde, SamplerMaker<S> maker) {
    List<Specimen> list = new ArrayList<>();
    list.add(Specimen.of("no serde yet", withoutSerde));
    for (ItemSerde<?> serde : SERDES) {
      for (int k : new int[] {1, 5, 40}) {
        String name = "serde " + serde.id() + " k" + k;
        list.add(Specimen.of(name + " empty", maker.make(serde, k, 0, true), serde));
        list.add(Specimen.of(name + " partial", maker.make(serde, k, k / 2 + 1, false), serde));
        list.add(Specimen.of(name + " full", maker.make(serde, k, 3 * k + 7, true), serde));
        S merged = maker.make(serde, k, 2 * k, false).merge(maker.make(serde, k, 5 * k, true));
        list.add(Specimen.of(name + " merged", merged, serde));
      }
    }
    return list;
  }

  private static List<Specimen> reservoirs() {
    return samplers(ReservoirSampler.create(4, 9), Corpus::reservoir);
  }

  @SuppressWarnings("unchecked")
  private static ReservoirSampler<Object> reservoir(
      ItemSerde<?> serde, int k, int updates, boolean withSerde) {
    ReservoirSampler<Object> sampler =
        withSerde
            ? ReservoirSampler.create(k, 11 + k, (ItemSerde<Object>) serde)
            : ReservoirSampler.create(k, 11 + k);
    for (int i = 0; i < updates; i++) {
      sampler.update(item(serde.id(), i));
    }
    return sampler;
  }

  private static List<Specimen> weightedReservoirs() {
    return samplers(WeightedReservoirSampler.create(4, 9), Corpus::weighted);
  }

  @SuppressWarnings("unchecked")
  private static WeightedReservoirSampler<Object> weighted(
      ItemSerde<?> serde, int k, int updates, boolean withSerde) {
    WeightedReservoirSampler<Object> sampler =
        withSerde
            ? WeightedReservoirSampler.create(k, 13 + k, (ItemSerde<Object>) serde)
            : WeightedReservoirSampler.create(k, 13 + k);
    SplittableRandom random = new SplittableRandom(k + updates);
    for (int i = 0; i < updates; i++) {
      sampler.update(item(serde.id(), i), 0.01 + 10 * random.nextDouble());
    }
    return sampler;
  }

  private static List<Specimen> kMeans() {
    List<Specimen> list = new ArrayList<>();
    int[][] shapes = {{1, 1, 4}, {3, 2, 12}, {2, 3, 8}};
    for (int[] shape : shapes) {
      for (String decay : List.of("none", "batches", "points", "forward")) {
        String name = "k" + shape[0] + " d" + shape[1] + " summary " + shape[2] + " " + decay;
        list.add(Specimen.of(name + " empty", kMeans(shape, decay)));
        list.add(Specimen.of(name + " few", feed(kMeans(shape, decay), decay, 2, 1)));
        list.add(Specimen.of(name + " reduced", feed(kMeans(shape, decay), decay, 80, 2)));
        list.add(
            Specimen.of(
                name + " merged",
                feed(kMeans(shape, decay), decay, 40, 3)
                    .merge(feed(kMeans(shape, decay), decay, 30, 4))));
      }
    }
    return list;
  }

  private static StreamingKMeans kMeans(int[] shape, String decay) {
    StreamingKMeans.Builder builder =
        StreamingKMeans.builder().k(shape[0]).dimension(shape[1]).summarySize(shape[2]).seed(5);
    switch (decay) {
      case "batches" -> builder.decayFactor(0.9);
      case "points" -> builder.decayFactor(0.99, DecayUnit.POINTS);
      case "forward" -> builder.forwardDecay(10);
      default -> {}
    }
    return builder.build();
  }

  private static StreamingKMeans feed(StreamingKMeans sketch, String decay, int points, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < points; i++) {
      double[] point = point(random, sketch.dimension());
      if (decay.equals("forward")) {
        sketch.update(point, i + random.nextDouble());
      } else if (decay.equals("batches")) {
        sketch.update(new double[][] {point, point(random, sketch.dimension())});
      } else {
        sketch.update(point);
      }
    }
    return sketch;
  }

  /** A point near one of three centres (0, 10, −10 on every axis). */
  static double[] point(SplittableRandom random, int dimension) {
    double centre = 10.0 * (random.nextInt(3) - 1);
    double[] point = new double[dimension];
    for (int a = 0; a < dimension; a++) {
      point[a] = centre + gaussian(random);
    }
    return point;
  }

  static double gaussian(SplittableRandom random) {
    double u = random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
  }

  private static List<Specimen> leastSquares() {
    List<Specimen> list = new ArrayList<>();
    Object[][] configs = {
      {1, false, 0.0, 1.0},
      {3, true, 0.0, 1.0},
      {3, true, 0.5, 1.0},
      {2, false, 0.0, 0.99},
      {4, true, 0.25, 0.95}
    };
    for (Object[] config : configs) {
      Supplier<StreamingLinearRegression> empty =
          () ->
              StreamingLinearRegression.builder()
                  .dimension((int) config[0])
                  .intercept((boolean) config[1])
                  .ridge((double) config[2])
                  .forgetting((double) config[3])
                  .build();
      String name =
          "d" + config[0] + " intercept " + config[1] + " ridge " + config[2] + " f " + config[3];
      list.add(Specimen.of(name + " empty", empty.get()));
      list.add(Specimen.of(name + " one row", observe(empty.get()::update, config, 1, 1)));
      list.add(Specimen.of(name + " many", observe(empty.get()::update, config, 40, 2)));
      StreamingLinearRegression merged = empty.get();
      observe(merged::update, config, 20, 3);
      list.add(
          Specimen.of(name + " merged", merged.merge(observe(empty.get()::update, config, 9, 4))));
    }
    return list;
  }

  private static List<Specimen> bayesian() {
    List<Specimen> list = new ArrayList<>();
    for (int dimension : new int[] {1, 3}) {
      for (boolean intercept : new boolean[] {false, true}) {
        for (String prior : List.of("known noise", "unknown noise", "full prior")) {
          int p = dimension + (intercept ? 1 : 0);
          Supplier<BayesianLinearRegression> empty = () -> bayesian(dimension, intercept, prior, p);
          Object[] config = {dimension};
          String name = "d" + dimension + " intercept " + intercept + " " + prior;
          list.add(Specimen.of(name + " empty", empty.get()));
          list.add(Specimen.of(name + " one row", observe(empty.get()::update, config, 1, 1)));
          list.add(Specimen.of(name + " many", observe(empty.get()::update, config, 30, 2)));
          BayesianLinearRegression merged = empty.get();
          observe(merged::update, config, 12, 3);
          list.add(
              Specimen.of(
                  name + " merged", merged.merge(observe(empty.get()::update, config, 7, 4))));
        }
      }
    }
    return list;
  }

  private static BayesianLinearRegression bayesian(
      int dimension, boolean intercept, String prior, int p) {
    BayesianLinearRegression.Builder builder =
        BayesianLinearRegression.builder().dimension(dimension).intercept(intercept);
    switch (prior) {
      case "unknown noise" -> builder.noiseGammaPrior(2, 1.5).priorPrecision(0.5);
      case "full prior" -> {
        double[][] precision = new double[p][p];
        double[] mean = new double[p];
        for (int i = 0; i < p; i++) {
          mean[i] = 0.5 * i - 1;
          for (int j = 0; j < p; j++) {
            precision[i][j] = i == j ? 2.0 : 0.3;
          }
        }
        builder.priorMean(mean).priorPrecision(precision).noisePrecision(4);
      }
      default -> builder.noisePrecision(2);
    }
    return builder.build();
  }

  /** Something that takes one observation (x, y): a regression's {@code update}. */
  private interface Observer<S> {
    S update(double[] x, double y);
  }

  /** {@code rows} observations of y = 1 + Σ (j + 1)·x_j + noise; returns the last result. */
  private static <S> S observe(Observer<S> sketch, Object[] config, int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int dimension = (int) config[0];
    S result = null;
    for (int i = 0; i < rows; i++) {
      double[] x = new double[dimension];
      double y = 1 + 0.1 * gaussian(random);
      for (int j = 0; j < dimension; j++) {
        x[j] = 3 * gaussian(random);
        y += (j + 1) * x[j];
      }
      result = sketch.update(x, y);
    }
    return result;
  }

  private static List<Specimen> sgd() {
    List<Specimen> list = new ArrayList<>();
    Object[][] configs = {{1, false, 5, 1.0, 0.0, 0.0}, {4, true, 20, 0.5, 0.01, 0.001}};
    for (Object[] config : configs) {
      Supplier<SgdLinearRegression> empty =
          () ->
              SgdLinearRegression.builder()
                  .dimension((int) config[0])
                  .intercept((boolean) config[1])
                  .stepSize(0.05)
                  .iterationsPerBatch((int) config[2])
                  .miniBatchFraction((double) config[3])
                  .l2((double) config[4])
                  .l1((double) config[5])
                  .seed(3)
                  .build();
      String name = "d" + config[0] + " intercept " + config[1] + " iterations " + config[2];
      list.add(Specimen.of(name + " empty", empty.get()));
      list.add(Specimen.of(name + " one batch", batches(empty.get(), 1, 1)));
      list.add(Specimen.of(name + " many", batches(empty.get(), 10, 2)));
      list.add(
          Specimen.of(
              name + " merged", batches(empty.get(), 4, 3).merge(batches(empty.get(), 2, 4))));
    }
    return list;
  }

  private static SgdLinearRegression batches(SgdLinearRegression sketch, int batches, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int d = sketch.dimension();
    for (int b = 0; b < batches; b++) {
      double[][] x = new double[8][d];
      double[] y = new double[8];
      for (int i = 0; i < 8; i++) {
        y[i] = 0.5;
        for (int j = 0; j < d; j++) {
          x[i][j] = gaussian(random);
          y[i] += (j + 1) * x[i][j];
        }
      }
      sketch.update(x, y);
    }
    return sketch;
  }
}
