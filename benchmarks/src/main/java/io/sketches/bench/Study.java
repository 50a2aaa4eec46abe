package io.sketches.bench;

/**
 * One piece of evidence in {@code docs/benchmarks.md}: a JMH comparison against the anchors or an
 * accuracy study. {@link Benchmarks} finds every study through {@link Studies#ALL}, runs the ones
 * asked for, and assembles their sections into the page.
 */
public interface Study {

  /** Short, stable, kebab-case name used to select it on the command line: "hll-speed". */
  String name();

  /**
   * Runs the study, writes any CSV and PNG through {@code report}, and adds its section: tables of
   * measured values, and every target as a {@link Measured} interval against its target.
   */
  void run(Profile profile, Report report) throws Exception;

  /**
   * Draws this study's PNGs from the CSV files its last run wrote, and nothing else: {@code
   * benchmarks/run replot} redraws every plot this way without re-running a study. Studies without
   * plots draw nothing.
   */
  default void plot(Report report) throws java.io.IOException {}
}
