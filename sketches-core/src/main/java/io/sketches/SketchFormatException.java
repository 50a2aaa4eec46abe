package io.sketches;

/**
 * A byte array that is not a valid sketch of the expected kind: wrong magic, unknown version,
 * another sketch type, a checksum mismatch, a truncated body or values no sketch can hold. The
 * message says which. This is the only exception {@code fromByteArray} throws for bad bytes.
 */
public class SketchFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SketchFormatException(String message) {
    super(message);
  }

  public SketchFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
