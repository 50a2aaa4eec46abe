package io.sketches.format;

import io.sketches.ItemSerde;
import io.sketches.Sketch;
import io.sketches.SketchFormatException;
import io.sketches.SketchType;
import io.sketches.cardinality.HyperLogLog;
import io.sketches.clustering.StreamingKMeans;
import io.sketches.frequency.CountMinSketch;
import io.sketches.frequency.HeavyHitters;
import io.sketches.quantiles.QuantileSketch;
import io.sketches.regression.BayesianLinearRegression;
import io.sketches.regression.SgdLinearRegression;
import io.sketches.regression.StreamingLinearRegression;
import io.sketches.sampling.ReservoirSampler;
import io.sketches.sampling.WeightedReservoirSampler;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The one registry of sketch type ids: which class reads the bytes whose header names a given
 * {@link SketchType}. Code that accepts stored sketches of any kind (a rollup that merges whatever
 * it is given, a function that predicts from any model) reads them here rather than switching on
 * the id itself:
 *
 * <pre>{@code
 * Sketch<?> sketch = Sketches.fromByteArray(bytes); // a HyperLogLog, a CountMinSketch, ...
 * }</pre>
 *
 * <p>Sketches of items ({@link HeavyHitters}, the samplers) are read with the built-in {@link
 * ItemSerde} whose id the bytes carry; a sketch written with a custom serde is read with its own
 * class's {@code fromByteArray(bytes, serde)}.
 */
public final class Sketches {
  private static final Map<SketchType, Function<byte[], Sketch<?>>> READERS =
      new EnumMap<>(SketchType.class);

  static {
    READERS.put(SketchType.HYPERLOGLOG, HyperLogLog::fromByteArray);
    READERS.put(SketchType.COUNT_MIN, CountMinSketch::fromByteArray);
    READERS.put(SketchType.HEAVY_HITTERS, Sketches::heavyHitters);
    READERS.put(SketchType.RESERVOIR, ReservoirSampler::fromByteArray);
    READERS.put(SketchType.WEIGHTED_RESERVOIR, WeightedReservoirSampler::fromByteArray);
    READERS.put(SketchType.STREAMING_KMEANS, StreamingKMeans::fromByteArray);
    READERS.put(SketchType.LINEAR_REGRESSION, StreamingLinearRegression::fromByteArray);
    READERS.put(SketchType.BAYESIAN_LINEAR_REGRESSION, BayesianLinearRegression::fromByteArray);
    READERS.put(SketchType.SGD_LINEAR_REGRESSION, SgdLinearRegression::fromByteArray);
    READERS.put(SketchType.QUANTILES, QuantileSketch::fromByteArray);
  }

  private Sketches() {}

  /**
   * The sketch stored in {@code bytes}, of whatever type its header names.
   *
   * @throws SketchFormatException if the bytes are not a well-formed sketch (magic, length,
   *     checksum), name a type id no sketch has (the message names the id), or do not hold a valid
   *     sketch of that type
   */
  public static Sketch<?> fromByteArray(byte[] bytes) {
    return READERS.get(typeOf(bytes)).apply(bytes);
  }

  /**
   * The type named by the header of {@code bytes}, after checking magic, length and checksum.
   *
   * @throws SketchFormatException if the bytes are not a well-formed sketch or the id is unknown
   */
  public static SketchType typeOf(byte[] bytes) {
    return SketchType.ofId(SketchFormat.peekType(bytes));
  }

  /**
   * Whether the header of {@code bytes} names {@code type}: a dispatch hint that checks nothing
   * else (the type's reader then checks everything, checksum included).
   */
  public static boolean hasTypeHint(byte[] bytes, SketchType type) {
    return bytes != null
        && bytes.length > SketchFormat.TYPE_OFFSET
        && (bytes[SketchFormat.TYPE_OFFSET] & 0xFF) == type.id();
  }

  /** Heavy hitters name their built-in item serde in the first body byte. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Sketch<?> heavyHitters(byte[] bytes) {
    if (bytes.length <= SketchFormat.HEADER_BYTES) {
      throw new SketchFormatException("a heavy hitters body starts with its item serde id");
    }
    ItemSerde serde = ItemSerde.builtIn(bytes[SketchFormat.HEADER_BYTES] & 0xFF);
    return HeavyHitters.fromByteArray(bytes, serde);
  }
}
