package io.sketches.bench.clustering;

import io.sketches.bench.Jmh;
import io.sketches.bench.Measured;
import io.sketches.bench.Profile;
import io.sketches.bench.Report;
import io.sketches.bench.Study;
import io.sketches.bench.Uncertainty;
import java.util.List;
import java.util.Map;

/**
 * The k-means speed targets, from one JMH run of {@link KMeansBenchmark} (d = 10, k = 10): time per
 * point of {@code update} ≤ 2 × the time to assign a point to its nearest of k centers, and {@code
 * centers()} on a full summary ≤ 50 ms.
 */
public final class KMeansSpeedStudy implements Study {

  @Override
  public String name() {
    return "kmeans-speed";
  }

  @Override
  public void run(Profile profile, Report report) throws Exception {
    Map<String, Jmh.Score> scores = Jmh.run(profile, KMeansBenchmark.class.getName() + "\\.");
    Jmh.Score plain = scores.get("nearestCenter");
    Jmh.Score mllib = scores.get("nearestCenterMllib");
    // The fair anchor is the faster of the two ways to do MLlib's per-point work.
    Jmh.Score nearest = mllib.value() < plain.value() ? mllib : plain;
    Jmh.Score update = scores.get("update");
    Jmh.Score centers = scores.get("centers");
    Jmh.Ratio ratio = update.over(nearest);
    double toMillis =
        centers.unit().startsWith("ns") ? 1e-6 : centers.unit().startsWith("us") ? 1e-3 : 1;
    double centersMillis = centers.value() * toMillis;
    double centersError = (Double.isNaN(centers.error()) ? 0 : centers.error()) * toMillis;
    report.heading("Streaming k-means: speed");
    report.markdown(
        "JMH, d = 10, k = 10, default summary size (40·k = 400 features, reduce at 2400)."
            + " `update` is one point into the summary, reduces amortized; the anchor is the nearest-of-k"
            + " assignment of one point, the least work Spark MLlib's `StreamingKMeansModel.update` does"
            + " per point, timed as a plain loop and as MLlib's `findClosest` (norm lower bound,"
            + " `fastSquaredDistance`), the faster of the two.");
    report.table(
        List.of("benchmark", "time"),
        List.of(
            List.of("nearest of k centers, plain loop", plain.toString()),
            List.of("nearest of k centers, MLlib's `findClosest` (norm bound)", mllib.toString()),
            List.of("anchor (the faster)", nearest.toString()),
            List.of("`update(double[])`", update.toString()),
            List.of("`update` ÷ nearest center", ratio.toString()),
            List.of(
                "`centers()` on a full summary",
                String.format("%.3g ± %.2g ms", centersMillis, centersError))));
    report.target(
        "k-means",
        "k-means `update` time per point ÷ nearest-of-k assignment (d=10, k=10)",
        Measured.of(ratio),
        "≤",
        2.0);
    report.target(
        "k-means",
        "k-means `centers()` on a full summary, ms (d=10, k=10)",
        Measured.plusMinus(centersMillis, centersError, Uncertainty.JMH_CONFIDENCE),
        "≤",
        50.0);
  }
}
