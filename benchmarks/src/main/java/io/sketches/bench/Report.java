package io.sketches.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

/**
 * What studies write: markdown sections for {@code docs/benchmarks.md}, CSV data and PNG plots
 * under {@code docs/images/}, and the target table (measured vs target, met or not).
 */
public final class Report {
  private final Path docs;
  private final StringBuilder page = new StringBuilder();
  private final StringBuilder targets = new StringBuilder();

  public Report(Path docs) throws IOException {
    this.docs = docs;
    Files.createDirectories(images());
  }

  public Path images() {
    return docs.resolve("images");
  }

  /** Appends markdown to the page, under the current study's heading. */
  public Report markdown(String text) {
    page.append(text).append(text.endsWith("\n") ? "" : "\n");
    return this;
  }

  public Report heading(String title) {
    return markdown("\n## " + title + "\n");
  }

  /** A markdown table: a header row and data rows, each cell already formatted. */
  public Report table(List<String> header, List<List<String>> rows) {
    StringBuilder table =
        new StringBuilder("\n| ").append(String.join(" | ", header)).append(" |\n|");
    header.forEach(h -> table.append("---|"));
    table.append('\n');
    for (List<String> row : rows) {
      table.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    return markdown(table.append('\n').toString());
  }

  /**
   * One row of the targets table: {@code measured} must be at most {@code target} (for "≤" targets,
   * such as time ratios) or at least it (for "≥" targets, such as throughput ratios).
   */
  public Report target(
      String sketch, String what, double measured, double error, String comparison, double target) {
    boolean met = comparison.equals("≤") ? measured <= target : measured >= target;
    targets.append(
        String.format(
            "| %s | %s | %.4g ± %.2g | %s %.4g | %s |%n",
            sketch, what, measured, error, comparison, target, met ? "met" : "**not met**"));
    return this;
  }

  /** Writes a CSV file under {@code docs/images/} and returns its path. */
  public Path csv(String fileName, List<String> header, List<double[]> rows) throws IOException {
    StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
    for (double[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        csv.append(i == 0 ? "" : ",").append(row[i]);
      }
      csv.append('\n');
    }
    Path file = images().resolve(fileName);
    Files.writeString(file, csv);
    return file;
  }

  /** Saves an XChart chart as PNG under {@code docs/images/} and links it from the page. */
  public Report png(String fileName, XYChart chart, String caption) throws IOException {
    BitmapEncoder.saveBitmap(
        chart, images().resolve(fileName).toString(), BitmapEncoder.BitmapFormat.PNG);
    return markdown("\n![" + caption + "](images/" + fileName + ")\n");
  }

  String page() {
    return page.toString();
  }

  String targets() {
    return targets.toString();
  }
}
