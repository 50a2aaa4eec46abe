package io.sketches.fuzz;

import io.sketches.SketchType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The tally of one fuzzing run over one sketch type. */
public final class FuzzRun {
  /** How many defects a run keeps with their bytes; all are counted. */
  static final int KEPT_DEFECTS = 100;

  private final SketchType type;
  private long tried;
  private long refused;
  private long accepted;
  private long defectCount;
  private final List<Defect> defects = new ArrayList<>();
  private final Map<String, Long> defectKinds = new TreeMap<>();
  private double maxParseBytesPerInputByte;
  private long maxParseNanos;
  private long nanos;

  FuzzRun(SketchType type) {
    this.type = type;
  }

  void record(boolean wasAccepted, Probe probe, Defect defectOrNull) {
    tried++;
    if (wasAccepted) {
      accepted++;
    } else {
      refused++;
    }
    maxParseBytesPerInputByte =
        Math.max(maxParseBytesPerInputByte, probe.maxParseBytesPerInputByte());
    maxParseNanos = Math.max(maxParseNanos, probe.maxParseNanos());
    if (defectOrNull != null) {
      defectCount++;
      if (defects.size() < KEPT_DEFECTS) {
        defects.add(defectOrNull);
      }
      for (Probe.Problem problem : probe.problems()) {
        defectKinds.merge(problem.kind(), 1L, Long::sum);
      }
    }
  }

  void finish(long elapsedNanos) {
    nanos = elapsedNanos;
  }

  public SketchType type() {
    return type;
  }

  public long tried() {
    return tried;
  }

  /** Inputs every reader refused with {@code SketchFormatException}. */
  public long refused() {
    return refused;
  }

  /** Inputs {@code Sketches.fromByteArray} accepted (and the fuzzer then exercised). */
  public long accepted() {
    return accepted;
  }

  /** Inputs on which anything broke. */
  public long defectCount() {
    return defectCount;
  }

  /** The first {@value #KEPT_DEFECTS} defects, with their bytes. */
  public List<Defect> defects() {
    return Collections.unmodifiableList(defects);
  }

  /** How many inputs broke each way ("centers() threw ArrayIndexOutOfBoundsException"). */
  public Map<String, Long> defectKinds() {
    return Collections.unmodifiableMap(defectKinds);
  }

  /** The largest allocation of one parse divided by the input's length. */
  public double maxParseBytesPerInputByte() {
    return maxParseBytesPerInputByte;
  }

  /** The slowest parse, in CPU time of the parsing thread. */
  public long maxParseNanos() {
    return maxParseNanos;
  }

  public long nanos() {
    return nanos;
  }

  @Override
  public String toString() {
    return String.format(
        "%s: %d inputs, %d refused, %d accepted, %d defects; max parse allocation %.1f × length,"
            + " max parse %.2f ms (CPU); %.1f s",
        type,
        tried,
        refused,
        accepted,
        defectCount,
        maxParseBytesPerInputByte,
        maxParseNanos / 1e6,
        nanos / 1e9);
  }
}
