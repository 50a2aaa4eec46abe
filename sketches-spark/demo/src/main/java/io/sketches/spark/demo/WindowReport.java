package io.sketches.spark.demo;

import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * One closed window of the demo's output beside the generator's truth: the readable table the demo
 * prints, and the checks (distinct users within the HLL bound, top pages right) it counts.
 *
 * @param row a row of {@link ClickstreamQuery#perWindow}
 * @param truth the generator's exact answer for that window, or null if unknown
 */
public record WindowReport(Row row, WindowTruth truth) {
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  public long windowStartMillis() {
    return row.<Timestamp>getAs("window_start").getTime();
  }

  public long events() {
    return row.<Long>getAs("events");
  }

  public long distinctUsers() {
    return Math.round(distinct("estimate"));
  }

  /**
   * Lower end of the {@link WindowAggregates#BOUND_STANDARD_ERRORS}σ interval of the distinct
   * count.
   */
  public long distinctLower() {
    return (long) Math.floor(distinct("lower"));
  }

  /**
   * Upper end of the {@link WindowAggregates#BOUND_STANDARD_ERRORS}σ interval of the distinct
   * count.
   */
  public long distinctUpper() {
    return (long) Math.ceil(distinct("upper"));
  }

  private double distinct(String field) {
    return row.<Row>getAs("distinct_users").<Number>getAs(field).doubleValue();
  }

  public boolean distinctWithinBound() {
    return truth != null
        && distinctLower() <= truth.distinctUsers()
        && truth.distinctUsers() <= distinctUpper();
  }

  /** The reported top pages, most viewed first. */
  public List<String> topPages() {
    return row.<Row>getList(row.fieldIndex("top_pages")).stream()
        .map(r -> r.<String>getAs("item"))
        .toList();
  }

  /**
   * True when the top pages are right: every reported page's true count lies within its reported
   * bounds, and every page above the Misra–Gries guarantee (1/(k+1) of the window's views) that
   * fits in the list is in it.
   */
  public boolean topPagesRight() {
    if (truth == null) {
      return false;
    }
    List<Row> reported = row.getList(row.fieldIndex("top_pages"));
    for (Row page : reported) {
      long actual = truth.pageViews(page.getAs("item"));
      if (page.<Long>getAs("lower") > actual || page.<Long>getAs("upper") < actual) {
        return false;
      }
    }
    List<String> reportedPages = topPages();
    double guaranteed = (double) truth.events() / (WindowAggregates.HEAVY_HITTERS_K + 1);
    for (Map.Entry<String, Long> page : truth.topPages(reported.size())) {
      if (page.getValue() > guaranteed && !reportedPages.contains(page.getKey())) {
        return false;
      }
    }
    return !reported.isEmpty();
  }

  /** The readable table of this window. */
  public String table() {
    StringBuilder out = new StringBuilder();
    String title =
        String.format(
            Locale.ROOT,
            "window %s–%s UTC",
            CLOCK.format(row.<Timestamp>getAs("window_start").toInstant()),
            CLOCK.format(row.<Timestamp>getAs("window_end").toInstant()));
    out.append("┌─ ")
        .append(title)
        .append(" ")
        .append("─".repeat(Math.max(3, 86 - title.length())))
        .append('\n');
    line(
        out,
        "events",
        String.format(
            Locale.ROOT,
            "%,d%s",
            events(),
            truth == null
                ? ""
                : String.format(Locale.ROOT, "   (generated: %,d)", truth.events())));
    line(
        out,
        "distinct users",
        String.format(
            Locale.ROOT,
            "%,d   truth %s   %dσ bound [%,d, %,d]  %s",
            distinctUsers(),
            truth == null ? "?" : String.format(Locale.ROOT, "%,d", truth.distinctUsers()),
            WindowAggregates.BOUND_STANDARD_ERRORS,
            distinctLower(),
            distinctUpper(),
            distinctWithinBound() ? "✓ within bound" : "✗ OUTSIDE bound"));
    line(
        out,
        "top pages",
        String.format(
            Locale.ROOT, "%-14s %10s %21s %10s", "page", "estimate", "[lower, upper]", "truth"));
    for (Row page : row.<Row>getList(row.fieldIndex("top_pages"))) {
      String bounds =
          String.format(
              Locale.ROOT, "[%,d, %,d]", page.<Long>getAs("lower"), page.<Long>getAs("upper"));
      line(
          out,
          "",
          String.format(
              Locale.ROOT,
              "%-14s %,10d %21s %10s",
              page.<String>getAs("item"),
              page.<Long>getAs("estimate"),
              bounds,
              truth == null
                  ? "?"
                  : String.format(Locale.ROOT, "%,d", truth.pageViews(page.getAs("item")))));
    }
    List<String> sample = row.getList(row.fieldIndex("sample"));
    line(
        out,
        "sample",
        String.format(Locale.ROOT, "%d of %,d events, uniformly", sample.size(), events()));
    for (String event : sample) {
      line(out, "", event);
    }
    line(
        out,
        "k-means",
        String.format(
            Locale.ROOT, "%d centres (lat, lon) → nearest city", WindowAggregates.CLUSTERS));
    List<Row> centres = new ArrayList<>(row.<Row>getList(row.fieldIndex("centers")));
    centres.sort(Comparator.comparingDouble(c -> -c.<Double>getAs("lat")));
    for (Row centre : centres) {
      double lat = centre.getAs("lat");
      double lon = centre.getAs("lon");
      line(
          out,
          "",
          String.format(Locale.ROOT, "(%7.3f, %7.3f) → %s", lat, lon, nearestCity(lat, lon)));
    }
    line(
        out,
        "latency model",
        "latency_ms ≈ " + model(row.<Double>getList(row.fieldIndex("coefficients"))));
    line(
        out,
        "",
        "truth      ≈ "
            + model(Arrays.stream(ClickstreamGenerator.LATENCY_COEFFICIENTS).boxed().toList()));
    out.append("└").append("─".repeat(92)).append('\n');
    return out.toString();
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append(String.format(Locale.ROOT, "│ %-15s %s%n", label, value));
  }

  private static String model(List<Double> coefficients) {
    StringBuilder model =
        new StringBuilder(String.format(Locale.ROOT, "%.2f", coefficients.get(0)));
    for (int i = 1; i < coefficients.size(); i++) {
      model.append(
          String.format(
              Locale.ROOT,
              " + %.2f·%s",
              coefficients.get(i),
              ClickstreamGenerator.LATENCY_FEATURES.get(i - 1)));
    }
    return model.toString();
  }

  static String nearestCity(double lat, double lon) {
    ClickstreamGenerator.City nearest = null;
    double best = Double.POSITIVE_INFINITY;
    for (ClickstreamGenerator.City city : ClickstreamGenerator.CITIES) {
      double d = Math.hypot(city.lat() - lat, city.lon() - lon);
      if (d < best) {
        best = d;
        nearest = city;
      }
    }
    return String.format(Locale.ROOT, "%s (%.0f km)", nearest.name(), best * 111);
  }
}
