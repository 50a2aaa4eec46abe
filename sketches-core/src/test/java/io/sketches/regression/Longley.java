package io.sketches.regression;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The NIST StRD Longley data (test resource {@code regression/longley.csv}) and NIST's certified
 * least-squares coefficients, intercept first.
 */
final class Longley {
  static final double[] CERTIFIED = {
    -3482258.63459582,
    15.0618722713733,
    -0.0358191792925910,
    -2.02022980381683,
    -1.03322686717359,
    -0.0511041056535807,
    1829.15146461355
  };

  final double[][] x;
  final double[] y;

  private Longley(double[][] x, double[] y) {
    this.x = x;
    this.y = y;
  }

  static Longley load() {
    try (InputStream stream = Longley.class.getResourceAsStream("/regression/longley.csv");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      List<double[]> rows = new ArrayList<>();
      reader.readLine();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String[] cells = line.split(",");
        double[] row = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
          row[i] = Double.parseDouble(cells[i]);
        }
        rows.add(row);
      }
      double[][] x = new double[rows.size()][];
      double[] y = new double[rows.size()];
      for (int r = 0; r < rows.size(); r++) {
        y[r] = rows.get(r)[0];
        x[r] = java.util.Arrays.copyOfRange(rows.get(r), 1, rows.get(r).length);
      }
      return new Longley(x, y);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** −log10 of the relative error, capped at 16 (the LRE of the NIST StRD guidelines). */
  static double digits(double estimate, double certified) {
    double relative = Math.abs(estimate - certified) / Math.abs(certified);
    return relative == 0 ? 16 : Math.min(16, -Math.log10(relative));
  }
}
