package io.sketches.bench;

/**
 * A measured value with the interval a verdict is judged on, and what that interval is. Most
 * intervals are {@code value ± error}; a rate search gives a bracket that need not be symmetric.
 */
public record Measured(double value, double low, double high, Uncertainty uncertainty) {

  public Measured {
    if (low > high) {
      throw new IllegalArgumentException("interval low " + low + " above high " + high);
    }
  }

  /** {@code value ± error}; a NaN error (JMH with one iteration) leaves the interval unknown. */
  public static Measured plusMinus(double value, double error, Uncertainty uncertainty) {
    if (error < 0) {
      throw new IllegalArgumentException("error must be ≥ 0: " + error);
    }
    return new Measured(value, value - error, value + error, uncertainty);
  }

  /** A count, a size, or a deterministic seeded result: the interval is the value itself. */
  public static Measured exact(double value) {
    return new Measured(value, value, value, Uncertainty.EXACT);
  }

  /** A JMH score with its 99.9% half-width (unknown, NaN, from a single iteration). */
  public static Measured of(Jmh.Score score) {
    return plusMinus(score.value(), score.error(), Uncertainty.JMH_CONFIDENCE);
  }

  /** A JMH ratio with its propagated 99.9% half-width. */
  public static Measured of(Jmh.Ratio ratio) {
    return plusMinus(ratio.value(), ratio.error(), Uncertainty.JMH_CONFIDENCE);
  }

  /** "1.006 ± 0.0071", or "1.333 (1.000 – 2.000)" for an asymmetric bracket. */
  @Override
  public String toString() {
    double below = value - low;
    double above = high - value;
    if (Double.isNaN(below) || Double.isNaN(above)) {
      return String.format("%.4g ± ?", value);
    }
    if (Math.abs(below - above) <= 1e-9 * Math.max(1, Math.abs(value))) {
      return String.format("%.4g ± %.2g", value, above);
    }
    return String.format(
        "%.4g (%.4g – %s)",
        value, low, Double.isInfinite(high) ? "∞" : String.format("%.4g", high));
  }
}
