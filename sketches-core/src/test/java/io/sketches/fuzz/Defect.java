package io.sketches.fuzz;

import io.sketches.SketchType;
import java.util.HexFormat;
import java.util.List;

/**
 * One input that broke the readers' promise: the type and valid specimen it was made from, the
 * mutation, the seed that reproduces it ({@link HostileBytes#mutant}), the exact bytes and what
 * broke.
 */
public record Defect(
    SketchType type,
    String specimen,
    String mutation,
    long seed,
    byte[] bytes,
    List<String> problems) {

  /** Above this many bytes a defect prints its seed instead of its hex. */
  static final int MAX_PRINTED_BYTES = 1 << 16;

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public String toString() {
    String input =
        bytes.length <= MAX_PRINTED_BYTES
            ? hex()
            : "(too long to print: HostileBytes.mutant(" + type + ", " + seed + "L) rebuilds it)";
    return String.format(
        "%s from \"%s\", %s, seed %dL%n  broke: %s%n  bytes (%d): %s",
        type, specimen, mutation, seed, String.join("; ", problems), bytes.length, input);
  }
}
