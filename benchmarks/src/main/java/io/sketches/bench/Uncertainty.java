package io.sketches.bench;

/**
 * What the "±" of a target row is. A verdict is only as good as its interval, so the targets table
 * names the kind of interval beside every measured value.
 */
public enum Uncertainty {
  EXACT(
      "exact",
      "a count, a size in bytes, or a computation that is deterministic for its fixed seeds: ± 0,"
          + " so the verdict is the comparison itself"),
  JMH_CONFIDENCE(
      "99.9% CI",
      "JMH's 99.9% confidence half-width (Student t over every measured iteration of every fork);"
          + " a ratio adds the two relative half-widths in quadrature (first order)"),
  STANDARD_ERROR(
      "1 s.e.",
      "one standard error (about a 68% interval) of a statistic over the seeded trials:"
          + " RMSE/√(2T) for an RMSE, 1/√T for a bias ÷ RMSE, 0.5/√T for a coverage fraction (binomial at worst, trials taken as the"
          + " independent unit), T the trials behind that value; for a 99th percentile over T trials, the"
          + " order statistics at T·0.99 ± √(T·0.99·0.01) (the count below it is binomial), a ratio"
          + " of two taking their extremes"),
  ROUND_SPREAD(
      "½ spread",
      "half the best-to-worst spread of the timed rounds relative to the best (3 rounds in the"
          + " quick profile, 5 in the full), both queries' spreads added in quadrature"),
  PAIRED_ROUNDS(
      "rounds' range",
      "the value is the median of the per-round ratios of two queries timed in the same interleaved"
          + " rounds (5); the interval runs from the lowest to the highest round's ratio"),
  RATE_BRACKET(
      "bracket",
      "the rate search's bracket: each query's highest sustained rate and the first rate that fell"
          + " behind; the interval runs from the lowest to the highest ratio the two brackets allow");

  private final String label;
  private final String meaning;

  Uncertainty(String label, String meaning) {
    this.label = label;
    this.meaning = meaning;
  }

  /** The short name shown in the targets table's "±" column. */
  public String label() {
    return label;
  }

  /** What the interval is, one sentence for the text above the targets table. */
  public String meaning() {
    return meaning;
  }
}
