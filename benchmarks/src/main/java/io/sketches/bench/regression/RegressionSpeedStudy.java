package io.sketches.bench.regression;

import io.sketches.bench.Jmh;
import io.sketches.bench.Measured;
import io.sketches.bench.Profile;
import io.sketches.bench.Report;
import io.sketches.bench.Study;
import java.util.List;
import java.util.Map;

/**
 * The regression speed targets, one JMH run: update ≤ 1.0 × commons-math3 {@code
 * MillerUpdatingRegression.addObservation} (d = 10, intercept), merge of two d = 10 states ≤ 5 µs.
 */
public final class RegressionSpeedStudy implements Study {
  @Override
  public String name() {
    return "regression-speed";
  }

  @Override
  public void run(Profile profile, Report report) throws Exception {
    Map<String, Jmh.Score> scores = Jmh.run(profile, RegressionBenchmark.class.getName() + ".*");
    Jmh.Score ours = scores.get("updateOurs");
    Jmh.Score miller = scores.get("updateMiller");
    Jmh.Score merge = scores.get("mergeOurs");
    Jmh.Ratio update = ours.over(miller);
    report.heading("Streaming linear regression: speed (d = 10, intercept)");
    report.markdown(
        "Our `StreamingLinearRegression.update` (square-root-free Givens rotation of"
            + " one row into the 12×12 factor of [1 | X | y]) against commons-math3"
            + " `MillerUpdatingRegression.addObservation` (the same AS 274 algorithm, not mergeable),"
            + " and `merge` of two d = 10 states (stacking one factor under the other). See"
            + " [regression.md](regression.md).");
    report.table(
        List.of("operation", "time", "ratio to Miller"),
        List.of(
            List.of("update, ours", ours.toString(), update.toString()),
            List.of("update, MillerUpdatingRegression", miller.toString(), "1"),
            List.of("merge of two d = 10 states, ours", merge.toString(), "")));
    report.target(
        "regression",
        "regression update time ÷ MillerUpdatingRegression.addObservation (d=10)",
        Measured.of(update),
        "≤",
        1.0);
    report.target(
        "regression", "regression merge of two d=10 states, ns", Measured.of(merge), "≤", 5000);
  }
}
