package io.sketches.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The targets table as {@link Report} writes it: interval, what the ± is, verdict. */
class ReportTest {
  @TempDir Path docs;

  @Test
  void aStraddlingRowIsInconclusiveAndNamesTheStudyToRerun() throws Exception {
    Report report = new Report(docs, Profile.QUICK);
    report.study("hll-accuracy");
    report.target(
        "HyperLogLog",
        "HLL p=12 worst RMSE·√m merged ÷ 1.04",
        Measured.plusMinus(1.039, 0.023, Uncertainty.STANDARD_ERROR),
        "≤",
        1.03);
    report.target("all types", "hostile-bytes defects", 18, 0, "≤", 0);
    assertEquals(
        "| HyperLogLog | HLL p=12 worst RMSE·√m merged ÷ 1.04 | 1.039 ± 0.023 | 1 s.e. | ≤ 1.030"
            + " | inconclusive at this profile: run `benchmarks/run full hll-accuracy` |\n"
            + "| all types | hostile-bytes defects | 18.00 ± 0.0 | exact | ≤ 0.000 | **not met** |\n",
        report.targets());
  }

  @Test
  void aPipeInsideACellDoesNotBreakTheRow() {
    assertEquals(
        "| HLL p=12 worst \\|bias\\|/RMSE | 0.025 |\n",
        Report.row(List.of("HLL p=12 worst |bias|/RMSE", "0.025")));
  }

  @Test
  void aRowWithAnErrorMustSayWhatTheErrorIs() throws Exception {
    Report report = new Report(docs, Profile.FULL);
    assertThrows(IllegalArgumentException.class, () -> report.target("x", "y", 1.0, 0.1, "≤", 2.0));
  }

  @Test
  void theRulesAboveTheTableExplainEveryKindOfInterval() {
    String rules = Report.verdictRules();
    for (Uncertainty uncertainty : Uncertainty.values()) {
      assertTrue(rules.contains("**" + uncertainty.label() + "**: " + uncertainty.meaning()));
    }
  }
}
