package io.sketches.bench;

/**
 * Whether a measured interval meets a one-sided target. "Met" and "not met" need the whole interval
 * on one side of the target; an interval that straddles it is inconclusive, because the noise of
 * this run is as large as the distance to the target. A point interval (± 0) is never inconclusive.
 */
public enum Verdict {
  MET,
  NOT_MET,
  INCONCLUSIVE;

  /**
   * Judges {@code [low, high]} against "≤ target" or "≥ target". The target is met when every value
   * in the interval satisfies it (so a bound touching the target still meets it), not met when no
   * value does, and inconclusive otherwise or when a bound is NaN (nothing measured).
   */
  public static Verdict of(double low, double high, String comparison, double target) {
    boolean atMost =
        switch (comparison) {
          case "≤" -> true;
          case "≥" -> false;
          default -> throw new IllegalArgumentException("comparison must be ≤ or ≥: " + comparison);
        };
    if (Double.isNaN(low) || Double.isNaN(high) || Double.isNaN(target)) {
      return INCONCLUSIVE;
    }
    if (low > high) {
      throw new IllegalArgumentException("interval low " + low + " above high " + high);
    }
    double worst = atMost ? high : low;
    double best = atMost ? low : high;
    if (atMost ? worst <= target : worst >= target) {
      return MET;
    }
    if (atMost ? best > target : best < target) {
      return NOT_MET;
    }
    return INCONCLUSIVE;
  }

  public static Verdict of(Measured measured, String comparison, double target) {
    return of(measured.low(), measured.high(), comparison, target);
  }

  /**
   * The verdict as the targets table prints it. An inconclusive row names what would decide it: the
   * full profile of its study, or, when the full profile was already run, more trials or repeats
   * than it has.
   */
  public String text(Profile profile, String study) {
    return switch (this) {
      case MET -> "met";
      case NOT_MET -> "**not met**";
      case INCONCLUSIVE ->
          profile.quick()
              ? "inconclusive at this profile: run `benchmarks/run full " + study + "`"
              : "inconclusive even at the full profile: the target lies within its noise";
    };
  }
}
