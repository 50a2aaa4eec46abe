package io.sketches.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plots are a function of their CSV files: what {@code benchmarks/run replot} relies on. */
class PlotsTest {
  @TempDir Path docs;

  @Test
  void aCsvReadsBackAsWritten() throws IOException {
    Report report = new Report(docs, Profile.QUICK);
    List<String> header = List.of("quantile", "zipf-1.1, ours", "uniform, Spark");
    List<double[]> rows = List.of(new double[] {0, 0.5, Double.NaN}, new double[] {1, 1e-9, 3});
    report.csv("curves.csv", header, rows);
    Report.Csv back = report.readCsv("curves.csv");
    assertEquals(header, back.header());
    assertEquals(rows.size(), back.rows().size());
    for (int i = 0; i < rows.size(); i++) {
      assertArrayEquals(rows.get(i), back.rows().get(i));
    }
  }

  /** Every study that plots redraws its PNGs from the CSV files committed under docs/images. */
  @Test
  void everyPlotIsRedrawnFromTheCommittedCsvFiles() throws IOException {
    Path committed = Path.of("..", "docs", "images");
    Report report = new Report(docs, Profile.QUICK);
    try (Stream<Path> csvs = Files.list(committed)) {
      for (Path csv : csvs.filter(p -> p.toString().endsWith(".csv")).toList()) {
        Files.copy(csv, report.images().resolve(csv.getFileName()));
      }
    }
    for (Study study : Studies.ALL) {
      study.plot(report);
    }
    try (Stream<Path> pngs = Files.list(committed)) {
      for (Path png : pngs.filter(p -> p.toString().endsWith(".png")).toList()) {
        Path redrawn = report.images().resolve(png.getFileName());
        assertTrue(Files.size(redrawn) > 10_000, "redrawn " + png.getFileName());
      }
    }
  }
}
