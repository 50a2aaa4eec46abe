package io.sketches.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The verdict rule of the targets table: decided only when the whole interval is on one side. */
class VerdictTest {

  /**
   * Straddling, wholly on the good side, wholly on the bad side, and a bound touching the target,
   * for "≤" and "≥" targets. The third "≤" row is the quick profile's HLL row (1.039 ± 0.023
   * against ≤ 1.03); the fourth has its value below the target but its interval across it.
   */
  @ParameterizedTest(name = "[{0}, {1}] {2} {3} -> {4}")
  @CsvSource({
    "0.90, 1.00, ≤, 1.03, MET",
    "1.04, 1.10, ≤, 1.03, NOT_MET",
    "1.016, 1.062, ≤, 1.03, INCONCLUSIVE",
    "0.44, 0.56, ≤, 0.5, INCONCLUSIVE",
    "0.90, 1.00, ≤, 1.00, MET",
    "1.00, 1.50, ≤, 1.00, INCONCLUSIVE",
    "1.05, 1.60, ≥, 1.0, MET",
    "0.50, 0.95, ≥, 1.0, NOT_MET",
    "0.80, 1.60, ≥, 1.0, INCONCLUSIVE",
    "0.99, 1.20, ≥, 1.0, INCONCLUSIVE",
    "1.00, 1.50, ≥, 1.0, MET",
    "0.50, 1.00, ≥, 1.0, INCONCLUSIVE"
  })
  void decidedOnlyWhenTheWholeIntervalIsOnOneSide(
      double low, double high, String comparison, double target, Verdict expected) {
    assertEquals(expected, Verdict.of(low, high, comparison, target));
  }

  @Test
  void zeroUncertaintyIsDecidedByTheComparisonAlone() {
    assertEquals(Verdict.MET, Verdict.of(Measured.exact(0), "≤", 0));
    assertEquals(Verdict.NOT_MET, Verdict.of(Measured.exact(18), "≤", 0));
    assertEquals(Verdict.MET, Verdict.of(Measured.exact(13.8), "≥", 10));
    assertEquals(Verdict.NOT_MET, Verdict.of(Measured.exact(7.4), "≥", 10));
    assertEquals(Verdict.MET, Verdict.of(Measured.exact(10), "≥", 10));
    assertEquals(
        Verdict.NOT_MET,
        Verdict.of(Measured.plusMinus(1.04, 0, Uncertainty.STANDARD_ERROR), "≤", 1.03));
  }

  @Test
  void anUnknownIntervalIsInconclusive() {
    // JMH gives a NaN error for a single iteration
    assertEquals(
        Verdict.INCONCLUSIVE,
        Verdict.of(Measured.plusMinus(0.2, Double.NaN, Uncertainty.JMH_CONFIDENCE), "≤", 1));
  }

  @Test
  void anOpenBracketIsJudgedByItsFiniteEnd() {
    Measured neverFellBehind =
        new Measured(1.5, 1.2, Double.POSITIVE_INFINITY, Uncertainty.RATE_BRACKET);
    assertEquals(Verdict.MET, Verdict.of(neverFellBehind, "≥", 1.0));
    assertEquals(Verdict.NOT_MET, Verdict.of(neverFellBehind, "≤", 1.0));
  }

  @Test
  void refusesWhatIsNotAnInterval() {
    assertThrows(IllegalArgumentException.class, () -> Verdict.of(1, 2, "<", 1));
    assertThrows(IllegalArgumentException.class, () -> Verdict.of(2, 1, "≤", 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> Measured.plusMinus(1, -0.1, Uncertainty.STANDARD_ERROR));
  }

  @Test
  void anInconclusiveRowNamesTheRunThatDecidesIt() {
    assertEquals(
        "inconclusive at this profile: run `benchmarks/run full hll-accuracy`",
        Verdict.INCONCLUSIVE.text(Profile.QUICK, "hll-accuracy"));
    assertTrue(Verdict.INCONCLUSIVE.text(Profile.FULL, "hll-accuracy").contains("full profile"));
    assertEquals("met", Verdict.MET.text(Profile.QUICK, "hll-accuracy"));
    assertEquals("**not met**", Verdict.NOT_MET.text(Profile.FULL, "hll-accuracy"));
  }

  @Test
  void measuredPrintsItsIntervalAsTheTableShowsIt() {
    assertEquals(
        "1.006 ± 0.0071", Measured.plusMinus(1.006, 0.0071, Uncertainty.STANDARD_ERROR).toString());
    assertEquals("18.00 ± 0.0", Measured.exact(18).toString());
    assertEquals(
        "1.333 (1.000 – 2.000)",
        new Measured(4.0 / 3, 1.0, 2.0, Uncertainty.RATE_BRACKET).toString());
    assertEquals(
        "1.500 (1.200 – ∞)",
        new Measured(1.5, 1.2, Double.POSITIVE_INFINITY, Uncertainty.RATE_BRACKET).toString());
  }
}
