package io.sketches.spark;

import io.sketches.ItemSerde;
import io.sketches.Sketch;
import io.sketches.SketchFormatException;
import io.sketches.SketchType;
import io.sketches.cardinality.HyperLogLog;
import io.sketches.clustering.StreamingKMeans;
import io.sketches.format.SketchFormat;
import io.sketches.format.Sketches;
import io.sketches.frequency.CountMinSketch;
import io.sketches.frequency.HeavyHitters;
import io.sketches.quantiles.QuantileSketch;
import io.sketches.regression.BayesianLinearRegression;
import io.sketches.regression.SgdLinearRegression;
import io.sketches.regression.StreamingLinearRegression;
import io.sketches.sampling.ReservoirSampler;
import io.sketches.sampling.WeightedReservoirSampler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32C;

/**
 * Stored sketch bytes as another program might write them: valid sketches of every type, all of one
 * shape per type (so that {@code sk_merge} can fold them), and forgeries of them that the core must
 * refuse. Forgeries that keep a well-formed header have its body length and CRC32C recomputed
 * ({@link #resealed}), so only the structural checks of the type's reader stand between them and a
 * sketch.
 */
public final class Forgeries {
  /** Every type whose model functions ({@code sk_predict}) take this many features. */
  public static final int DIMENSION = 2;

  private Forgeries() {}

  /** {@code count} valid sketches of {@code type}, sketch i built from items seeded by i. */
  public static List<byte[]> valid(SketchType type, int count) {
    List<byte[]> sketches = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sketches.add(build(type, i).toByteArray());
    }
    return sketches;
  }

  private static Sketch<?> build(SketchType type, int seed) {
    Random random = new Random(seed);
    int items = 50 + 40 * seed;
    switch (type) {
      case HYPERLOGLOG:
        HyperLogLog hll = HyperLogLog.create(10);
        for (int i = 0; i < 20 * items; i++) {
          hll.update(random.nextLong());
        }
        return hll;
      case COUNT_MIN:
        CountMinSketch cms = CountMinSketch.create(4, 256, 7);
        for (int i = 0; i < items; i++) {
          cms.update("item-" + random.nextInt(20), 1);
        }
        return cms;
      case HEAVY_HITTERS:
        HeavyHitters<String> hh = HeavyHitters.create(8, ItemSerde.strings());
        for (int i = 0; i < items; i++) {
          hh.update("item-" + random.nextInt(20), 1);
        }
        return hh;
      case RESERVOIR:
        ReservoirSampler<Long> sample = ReservoirSampler.create(10, 7, ItemSerde.longs());
        for (int i = 0; i < items; i++) {
          sample.update(random.nextLong());
        }
        return sample;
      case WEIGHTED_RESERVOIR:
        WeightedReservoirSampler<String> weighted =
            WeightedReservoirSampler.create(10, 7, ItemSerde.strings());
        for (int i = 0; i < items; i++) {
          weighted.update("item-" + i, 1.0 + random.nextInt(3));
        }
        return weighted;
      case QUANTILES:
        QuantileSketch quantiles = QuantileSketch.create(16);
        for (int i = 0; i < 3 * items; i++) {
          quantiles.update(random.nextGaussian());
        }
        return quantiles;
      case STREAMING_KMEANS:
        StreamingKMeans kmeans =
            StreamingKMeans.builder().k(2).dimension(DIMENSION).seed(0).build();
        for (int i = 0; i < items; i++) {
          double centre = 10.0 * (i % 2);
          kmeans.update(new double[] {centre + random.nextDouble(), centre - random.nextDouble()});
        }
        return kmeans;
      case LINEAR_REGRESSION:
        StreamingLinearRegression linreg =
            StreamingLinearRegression.builder().dimension(DIMENSION).build();
        for (int i = 0; i < items; i++) {
          double[] x = {random.nextDouble(), random.nextDouble()};
          linreg.update(x, line(x, random));
        }
        return linreg;
      case BAYESIAN_LINEAR_REGRESSION:
        BayesianLinearRegression bayes =
            BayesianLinearRegression.builder().dimension(DIMENSION).build();
        for (int i = 0; i < items; i++) {
          double[] x = {random.nextDouble(), random.nextDouble()};
          bayes.update(x, line(x, random));
        }
        return bayes;
      case SGD_LINEAR_REGRESSION:
        SgdLinearRegression sgd =
            SgdLinearRegression.builder().dimension(DIMENSION).seed(1).build();
        double[][] x = new double[items][];
        double[] y = new double[items];
        for (int i = 0; i < items; i++) {
          x[i] = new double[] {random.nextDouble(), random.nextDouble()};
          y[i] = line(x[i], random);
        }
        return sgd.update(x, y);
      default:
        throw new IllegalArgumentException("no valid sketch of " + type);
    }
  }

  /** y = 1.5 + 2 x0 − 3 x1, with a little noise. */
  private static double line(double[] x, Random random) {
    return 1.5 + 2.0 * x[0] - 3.0 * x[1] + 0.01 * random.nextGaussian();
  }

  /**
   * The forgeries of a valid sketch that the core refuses today, by name: the header's own checks
   * (empty, short, random bytes, a flipped body bit under the old checksum) and the body's (the
   * last byte cut off, or the first four body bytes set to 0xFF, under a recomputed checksum).
   */
  public static Map<String, byte[]> of(byte[] valid) {
    Map<String, byte[]> forgeries = new LinkedHashMap<>();
    forgeries.put("empty", new byte[0]);
    forgeries.put("short", Arrays.copyOf(valid, 7));
    forgeries.put("random", random(valid.length, valid.length));
    byte[] flipped = valid.clone();
    flipped[flipped.length - 1] ^= 0x10;
    forgeries.put("flipped bit", flipped);
    forgeries.put("truncated and resealed", resealed(Arrays.copyOf(valid, valid.length - 1)));
    byte[] overwritten = valid.clone();
    Arrays.fill(overwritten, SketchFormat.HEADER_BYTES, SketchFormat.HEADER_BYTES + 4, (byte) -1);
    forgeries.put("first body field -1, resealed", resealed(overwritten));
    return forgeries;
  }

  /** {@code length} random bytes. */
  public static byte[] random(long seed, int length) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** {@code bytes} with the header's body length and CRC32C recomputed over what follows it. */
  public static byte[] resealed(byte[] bytes) {
    byte[] sealed = bytes.clone();
    putInt(sealed, 8, sealed.length - SketchFormat.HEADER_BYTES);
    CRC32C crc = new CRC32C();
    crc.update(sealed, 0, 12);
    crc.update(sealed, SketchFormat.HEADER_BYTES, sealed.length - SketchFormat.HEADER_BYTES);
    putInt(sealed, 12, (int) crc.getValue());
    return sealed;
  }

  private static void putInt(byte[] bytes, int at, int value) {
    for (int i = 0; i < 4; i++) {
      bytes[at + i] = (byte) (value >>> (8 * i));
    }
  }

  /**
   * A Count-Min sketch of 2 × 2^27 counters (2 GiB once allocated) in 41 bytes: one non-zero cell,
   * in its first row only, though every row of an honest sketch sums to the total weight. A reader
   * that allocates the counters before checking the rows runs out of memory on it.
   */
  public static byte[] enormousCountMin() {
    return SketchFormat.writer(SketchType.COUNT_MIN, 1, 8 /* sparse */)
        .putByte(2) // depth
        .putInt(1 << 27) // width
        .putLong(7) // seed
        .putLong(1) // total weight
        .putVarLong(1) // absolute weight
        .putVarLong(1) // non-zero cells
        .putVarLong(0) // gap to cell 0
        .putVarLong(2) // zigzag(1)
        .toByteArray();
  }

  /**
   * "Empty, 64 × 2^22 counters" in 29 bytes: a header that an update or copy would turn into a 2
   * GiB allocation.
   */
  public static byte[] enormousEmptyCountMin() {
    return SketchFormat.writer(SketchType.COUNT_MIN, 1, 1 /* empty */)
        .putByte(64)
        .putInt(1 << 22)
        .putLong(7)
        .toByteArray();
  }

  /** The core's reason for refusing {@code bytes}; fails if it accepts them. */
  public static String refusal(byte[] bytes) {
    try {
      Sketches.fromByteArray(bytes);
    } catch (SketchFormatException e) {
      return e.getMessage();
    }
    throw new AssertionError("the core accepts the forgery " + Arrays.toString(bytes));
  }

  /** The hexadecimal digits of {@code bytes} (for SQL's {@code unhex}). */
  public static String hex(byte[] bytes) {
    StringBuilder hex = new StringBuilder();
    for (byte b : bytes) {
      hex.append(String.format("%02x", b & 0xFF));
    }
    return hex.toString();
  }
}
