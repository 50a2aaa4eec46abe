package io.sketches.spark;

import io.sketches.Sketch;
import io.sketches.SketchFormatException;
import io.sketches.SketchType;
import io.sketches.format.SketchFormat;
import io.sketches.ItemSerde;
import io.sketches.cardinality.HyperLogLog;
import io.sketches.clustering.StreamingKMeans;
import io.sketches.frequency.CountMinSketch;
import io.sketches.frequency.HeavyHitters;
import io.sketches.regression.BayesianLinearRegression;
import io.sketches.regression.StreamingLinearRegression;
import io.sketches.sampling.ReservoirSampler;

/**
 * Reading stored sketch bytes of any kind, dispatching on the header's type id ({@link
 * SketchFormat#peekType}): what {@code sk_merge}, {@code sk_predict} and the other functions over
 * bytes need.
 */
final class SketchKinds {
  /** Where the header keeps the type id ({@code docs/format.md}). */
  private static final int TYPE_OFFSET = 5;

  private SketchKinds() {}

  /**
   * The sketch stored in {@code bytes}, of whatever kind its header says.
   *
   * @throws SketchFormatException if the bytes are not a sketch this release can read
   */
  static Sketch<?> read(byte[] bytes) {
    SketchType type = SketchType.ofId(SketchFormat.peekType(bytes));
    switch (type) {
      case HYPERLOGLOG:
        return HyperLogLog.fromByteArray(bytes);
      case COUNT_MIN:
        return CountMinSketch.fromByteArray(bytes);
      case HEAVY_HITTERS:
        return readHeavyHitters(bytes);
      case RESERVOIR:
        return ReservoirSampler.fromByteArray(bytes);
      case STREAMING_KMEANS:
        return StreamingKMeans.fromByteArray(bytes);
      case LINEAR_REGRESSION:
        return StreamingLinearRegression.fromByteArray(bytes);
      case BAYESIAN_LINEAR_REGRESSION:
        return BayesianLinearRegression.fromByteArray(bytes);
      default:
        throw new SketchFormatException(
            "sketches of type " + type + " are not supported by the Spark functions of this"
                + " release");
    }
  }

  /**
   * Whether the header of {@code bytes} names a HyperLogLog: a dispatch hint only, unchecked (the
   * reader then checks everything, checksum included).
   */
  static boolean isHyperLogLog(byte[] bytes) {
    return bytes.length > SketchFormat.HEADER_BYTES
        && (bytes[TYPE_OFFSET] & 0xFF) == SketchType.HYPERLOGLOG.id();
  }

  /** Heavy hitters name their item serde in the first body byte. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Sketch<?> readHeavyHitters(byte[] bytes) {
    if (bytes.length <= SketchFormat.HEADER_BYTES) {
      throw new SketchFormatException("a heavy hitters body starts with its item serde id");
    }
    ItemSerde serde = ItemSerde.builtIn(bytes[SketchFormat.HEADER_BYTES] & 0xFF);
    return HeavyHitters.fromByteArray(bytes, serde);
  }

  /** The sketch as handed out by an aggregate (see {@link SketchSpec#finish}). */
  static Sketch<?> finish(Sketch<?> sketch) {
    if (sketch instanceof HyperLogLog) {
      return ((HyperLogLog) sketch).discardMartingale();
    }
    return sketch;
  }

  /** The kind name of a sketch, for messages. */
  static String kindOf(Sketch<?> sketch) {
    return sketch.getClass().getSimpleName();
  }
}
