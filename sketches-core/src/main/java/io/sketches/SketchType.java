package io.sketches;

/**
 * The sketch type id written in byte 5 of every serialized sketch (see {@code docs/format.md}). Ids
 * are never reused: a retired type keeps its number. {@link io.sketches.format.Sketches} maps each
 * id to the class that reads it.
 */
public enum SketchType {
  HYPERLOGLOG(1),
  COUNT_MIN(2),
  HEAVY_HITTERS(3),
  RESERVOIR(4),
  WEIGHTED_RESERVOIR(5),
  STREAMING_KMEANS(6),
  LINEAR_REGRESSION(7),
  BAYESIAN_LINEAR_REGRESSION(8),
  SGD_LINEAR_REGRESSION(9),
  QUANTILES(10);

  private final int id;

  SketchType(int id) {
    this.id = id;
  }

  /** The one-byte id in the serialized header. */
  public int id() {
    return id;
  }

  /**
   * The type whose id is {@code id}.
   *
   * @throws SketchFormatException if no sketch type has that id
   */
  public static SketchType ofId(int id) {
    for (SketchType type : values()) {
      if (type.id == id) {
        return type;
      }
    }
    throw new SketchFormatException("unknown sketch type id " + id);
  }
}
