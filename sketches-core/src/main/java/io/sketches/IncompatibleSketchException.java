package io.sketches;

/**
 * Two sketches that cannot be merged because they were configured differently: another seed, width,
 * depth, dimension or sample size. The message names both values. The sketch that {@code merge} was
 * called on is left unchanged.
 */
public class IncompatibleSketchException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public IncompatibleSketchException(String message) {
    super(message);
  }

  /**
   * Throws unless {@code mine == theirs}.
   *
   * @param what the parameter compared, as a user would name it ("seed", "width")
   */
  public static void checkEqual(String what, long mine, long theirs) {
    if (mine != theirs) {
      throw new IncompatibleSketchException(
          "cannot merge sketches with different " + what + ": " + mine + " and " + theirs);
    }
  }
}
