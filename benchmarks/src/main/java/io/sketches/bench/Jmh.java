package io.sketches.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs JMH benchmarks from a study, so that anchors and ours are measured in one run. */
public final class Jmh {
  private Jmh() {}

  /** A benchmark score with its JMH error (99.9% half-width), in the benchmark's unit. */
  public record Score(double value, double error, String unit) {
    /** "12.3 ± 0.4 ns/op". */
    @Override
    public String toString() {
      return String.format("%.4g ± %.2g %s", value, Double.isNaN(error) ? 0.0 : error, unit);
    }

    /** This score divided by {@code anchor}, with the error of the ratio (first order). */
    public Ratio over(Score anchor) {
      double ratio = value / anchor.value;
      double relError = Math.sqrt(square(error / value) + square(anchor.error / anchor.value));
      return new Ratio(ratio, Double.isNaN(relError) ? 0 : ratio * relError);
    }

    private static double square(double x) {
      return Double.isNaN(x) ? 0 : x * x;
    }
  }

  /** A ratio of two scores with its propagated error. */
  public record Ratio(double value, double error) {
    @Override
    public String toString() {
      return String.format("%.3f ± %.3f", value, error);
    }
  }

  /**
   * Runs every benchmark method matching {@code includeRegex} with the profile's settings and any
   * extra options, and returns scores keyed by {@code "method"} or {@code "method[p=v,...]"} with
   * the parameters in declaration order.
   */
  public static Map<String, Score> run(
      Profile profile,
      String includeRegex,
      java.util.function.UnaryOperator<ChainedOptionsBuilder> extra)
      throws RunnerException {
    ChainedOptionsBuilder options =
        profile
            .apply(new OptionsBuilder().include(includeRegex))
            .shouldFailOnError(true)
            .jvmArgsAppend("-Xmx2g");
    Collection<RunResult> results = new Runner(extra.apply(options).build()).run();
    Map<String, Score> scores = new LinkedHashMap<>();
    for (RunResult run : results) {
      String method = run.getParams().getBenchmark();
      method = method.substring(method.lastIndexOf('.') + 1);
      StringBuilder key = new StringBuilder(method);
      if (!run.getParams().getParamsKeys().isEmpty()) {
        key.append('[');
        boolean first = true;
        for (String param : run.getParams().getParamsKeys()) {
          key.append(first ? "" : ",")
              .append(param)
              .append('=')
              .append(run.getParams().getParam(param));
          first = false;
        }
        key.append(']');
      }
      Result<?> primary = run.getPrimaryResult();
      scores.put(
          key.toString(),
          new Score(primary.getScore(), primary.getScoreError(), primary.getScoreUnit()));
    }
    return scores;
  }

  public static Map<String, Score> run(Profile profile, String includeRegex)
      throws RunnerException {
    return run(profile, includeRegex, o -> o);
  }
}
