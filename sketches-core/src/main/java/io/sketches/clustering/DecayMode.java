package io.sketches.clustering;

/**
 * How a {@link StreamingKMeans} decays, and the id written for it in the bytes: none, a factor per
 * {@link DecayUnit} (batch or point), or forward decay by event time. {@link DecayUnit} is the
 * public choice of the builder; this adds the two modes without a unit and the wire id.
 */
enum DecayMode {
  NONE(0),
  BATCHES(1),
  POINTS(2),
  FORWARD(3);

  /** The byte written into serialized sketches: never change. */
  final int id;

  DecayMode(int id) {
    this.id = id;
  }

  /** The mode of decay factor {@code a} per {@code unit}: none for a = 1. */
  static DecayMode of(double factor, DecayUnit unit) {
    if (factor == 1) {
      return NONE;
    }
    return unit == DecayUnit.BATCHES ? BATCHES : POINTS;
  }

  /** The mode of a serialized id, or null if there is none. */
  static DecayMode ofId(int id) {
    for (DecayMode mode : values()) {
      if (mode.id == id) {
        return mode;
      }
    }
    return null;
  }

  /** Whether {@code parameter} is a valid decay parameter of this mode. */
  boolean isValid(double parameter) {
    return switch (this) {
      case NONE -> parameter == 1.0;
      case FORWARD -> parameter > 0 && parameter < Double.POSITIVE_INFINITY;
      case BATCHES, POINTS -> parameter >= 0 && parameter < 1;
    };
  }

  String describe(double parameter) {
    return switch (this) {
      case NONE -> "no decay";
      case BATCHES -> "decayFactor " + parameter + " per batch";
      case POINTS -> "decayFactor " + parameter + " per point";
      case FORWARD -> "forward decay rate " + parameter;
    };
  }
}
