package io.sketches.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * What studies write: markdown sections for {@code docs/benchmarks.md}, CSV data and PNG plots
 * under {@code docs/images/}, and the targets table (measured interval vs target, and the {@link
 * Verdict} it gives).
 */
public final class Report {
  /** The targets table's header row. */
  static final String TARGETS_HEADER =
      "| sketch | quantity | measured | ± is | target | verdict |\n|---|---|---|---|---|---|\n";

  private final Path docs;
  private final Profile profile;
  private final StringBuilder page = new StringBuilder();
  private final StringBuilder targets = new StringBuilder();
  private String study = "";

  public Report(Path docs, Profile profile) throws IOException {
    this.docs = docs;
    this.profile = profile;
    Files.createDirectories(images());
  }

  /** Names the study whose rows follow, so that an inconclusive row says what to re-run. */
  void study(String name) {
    this.study = name;
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
    StringBuilder table = new StringBuilder("\n").append(row(header)).append('|');
    header.forEach(h -> table.append("---|"));
    table.append('\n');
    for (List<String> row : rows) {
      table.append(row(row));
    }
    return markdown(table.append('\n').toString());
  }

  /**
   * One row of the targets table: {@code measured} must be at most {@code target} ("≤", such as
   * time ratios) or at least it ("≥", such as throughput ratios). The verdict is {@link
   * Verdict#of(Measured, String, double)}: met or not met only when the whole interval is on one
   * side of the target.
   */
  public Report target(
      String sketch, String what, Measured measured, String comparison, double target) {
    Verdict verdict = Verdict.of(measured, comparison, target);
    targets.append(
        row(
            List.of(
                sketch,
                what,
                measured.toString(),
                measured.uncertainty().label(),
                String.format("%s %.4g", comparison, target),
                verdict.text(profile, study))));
    return this;
  }

  /** One markdown table row; a "|" inside a cell (as in |bias|) is escaped, not a cell break. */
  static String row(List<String> cells) {
    StringBuilder row = new StringBuilder("|");
    for (String cell : cells) {
      row.append(' ').append(cell.replace("|", "\\|")).append(" |");
    }
    return row.append('\n').toString();
  }

  /** A row whose value is exact (a count or a size): {@code error} must be 0. */
  public Report target(
      String sketch, String what, double measured, double error, String comparison, double target) {
    if (error != 0) {
      throw new IllegalArgumentException(
          "a target with an error must say what the error is (a Measured): " + error);
    }
    return target(sketch, what, Measured.exact(measured), comparison, target);
  }

  /** How the verdicts were reached: the text right above the targets table. */
  static String verdictRules() {
    StringBuilder rules =
        new StringBuilder(
            "Each row's verdict comes from its interval, the measured value ± its uncertainty:"
                + " **met** when the whole interval satisfies the target, **not met** when none of it"
                + " does, and *inconclusive* when the interval straddles the target (the run's own"
                + " noise is larger than the distance to the target; the row names the run that"
                + " decides it, or says that not even the full profile does). The \"± is\" column says what the interval is:\n\n");
    for (Uncertainty uncertainty : Uncertainty.values()) {
      rules
          .append("- **")
          .append(uncertainty.label())
          .append("**: ")
          .append(uncertainty.meaning())
          .append(".\n");
    }
    return rules.append('\n').toString();
  }

  /**
   * Writes a CSV file under {@code docs/images/} and returns its path. A header name with a comma
   * in it is quoted (RFC 4180), so that {@link #readCsv} gives back the same names.
   */
  public Path csv(String fileName, List<String> header, List<double[]> rows) throws IOException {
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i);
      csv.append(i == 0 ? "" : ",").append(name.contains(",") ? '"' + name + '"' : name);
    }
    csv.append('\n');
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

  /** A CSV file as {@link #csv} writes it: a header of names and rows of numbers. */
  public record Csv(List<String> header, List<double[]> rows) {}

  /** Reads a CSV file that {@link #csv} wrote under {@code docs/images/}. */
  public Csv readCsv(String fileName) throws IOException {
    List<String> lines = Files.readAllLines(images().resolve(fileName));
    List<String> header = new ArrayList<>();
    StringBuilder name = new StringBuilder();
    boolean quoted = false;
    for (char c : lines.get(0).toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        header.add(name.toString());
        name.setLength(0);
      } else {
        name.append(c);
      }
    }
    header.add(name.toString());
    List<double[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isBlank()) {
        rows.add(Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray());
      }
    }
    return new Csv(header, rows);
  }

  /** Saves one chart, or several side by side, as one PNG under {@code docs/images/}. */
  public void savePng(String fileName, List<? extends Chart<?, ?>> panels) throws IOException {
    List<BufferedImage> images = new ArrayList<>();
    for (Chart<?, ?> panel : panels) {
      images.add(BitmapEncoder.getBufferedImage(panel));
    }
    int width = images.stream().mapToInt(BufferedImage::getWidth).sum();
    int height = images.stream().mapToInt(BufferedImage::getHeight).max().orElseThrow();
    BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = png.createGraphics();
    graphics.setColor(Color.WHITE);
    graphics.fillRect(0, 0, width, height);
    int x = 0;
    for (BufferedImage image : images) {
      graphics.drawImage(image, x, 0, null);
      x += image.getWidth();
    }
    graphics.dispose();
    ImageIO.write(png, "png", images().resolve(fileName).toFile());
  }

  /** Links an image under {@code docs/images/} from the page. */
  public Report image(String fileName, String caption) {
    return markdown("\n![" + caption + "](images/" + fileName + ")\n");
  }

  String page() {
    return page.toString();
  }

  String targets() {
    return targets.toString();
  }
}
