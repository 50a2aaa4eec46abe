package io.sketches.spark;

import io.sketches.Sketch;
import io.sketches.SketchFormatException;
import io.sketches.SketchType;
import io.sketches.format.SketchFormat;
import io.sketches.regression.StreamingLinearRegression;

/**
 * Reading stored sketch bytes of any kind, dispatching on the header's type id ({@link
 * SketchFormat#peekType}): what {@code sk_merge}, {@code sk_predict} and the other functions over
 * bytes need.
 */
final class SketchKinds {
  private SketchKinds() {}

  /**
   * The sketch stored in {@code bytes}, of whatever kind its header says.
   *
   * @throws SketchFormatException if the bytes are not a sketch this release can read
   */
  static Sketch<?> read(byte[] bytes) {
    SketchType type = SketchType.ofId(SketchFormat.peekType(bytes));
    switch (type) {
      case LINEAR_REGRESSION:
        return StreamingLinearRegression.fromByteArray(bytes);
      default:
        throw new SketchFormatException(
            "sketches of type " + type + " are not supported by the Spark functions of this"
                + " release");
    }
  }

  /** The sketch as handed out by an aggregate (see {@link SketchSpec#finish}). */
  static Sketch<?> finish(Sketch<?> sketch) {
    return sketch;
  }

  /** The kind name of a sketch, for messages. */
  static String kindOf(Sketch<?> sketch) {
    return sketch.getClass().getSimpleName();
  }
}
