package io.sketches.spark.input;

import io.sketches.Sketch;
import io.sketches.SketchFormatException;
import io.sketches.format.Sketches;

/**
 * Sketch bytes that a query reads from a column: a table, a file or a topic that any program may
 * have written. They are read through the core registry of type ids ({@link
 * Sketches#fromByteArray}), which checks them whole before anything is built from them; bytes it
 * refuses fail the task with a {@link SketchFormatException} whose message names the SQL function
 * before the core's reason ({@code sk_merge: refused stored sketch bytes: checksum mismatch ...}),
 * the core's exception as its cause.
 */
public final class StoredBytes {
  private StoredBytes() {}

  /**
   * The sketch in {@code bytes}, of whatever type its header names.
   *
   * @throws SketchFormatException naming {@code function} if the core refuses the bytes
   */
  public static Sketch<?> read(String function, byte[] bytes) {
    try {
      return Sketches.fromByteArray(bytes);
    } catch (SketchFormatException e) {
      throw refused(function, e);
    }
  }

  /** The core's refusal {@code e} of stored bytes, restated in the name of {@code function}. */
  public static SketchFormatException refused(String function, SketchFormatException e) {
    return new SketchFormatException(
        function + ": refused stored sketch bytes: " + e.getMessage(), e);
  }
}
