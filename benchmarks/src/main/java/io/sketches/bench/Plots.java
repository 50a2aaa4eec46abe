package io.sketches.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.Marker;

/**
 * One look for every plot under {@code docs/images/}: series that stay apart without colour. Each
 * series gets a colour from the Okabe–Ito palette (Okabe and Ito 2008, "Color Universal Design"),
 * which readers with any common colour-vision deficiency can tell apart, and also its own marker
 * shape or dash pattern. Series that coincide (two estimators with the same registers, a resumed
 * sampler and the uninterrupted one) are drawn as a wide translucent {@linkplain #band band} under
 * a thin line, so both stay visible.
 */
public final class Plots {
  private Plots() {}

  public static final Color BLACK = new Color(0x000000);
  public static final Color ORANGE = new Color(0xE69F00);
  public static final Color SKY_BLUE = new Color(0x56B4E9);
  public static final Color BLUISH_GREEN = new Color(0x009E73);
  public static final Color BLUE = new Color(0x0072B2);
  public static final Color VERMILLION = new Color(0xD55E00);
  public static final Color REDDISH_PURPLE = new Color(0xCC79A7);
  public static final Color GREY = new Color(0x666666);

  public static final BasicStroke SOLID = stroke(2f);
  public static final BasicStroke DASHED = stroke(2f, 8f, 5f);
  public static final BasicStroke DOTTED = stroke(2.4f, 2f, 4f);
  public static final BasicStroke DASH_DOTTED = stroke(2f, 9f, 4f, 2f, 4f);

  /** A white chart with readable fonts and the legend beside the plot, not over the data. */
  public static XYChart chart(int width, int height, String title, String xAxis, String yAxis) {
    XYChart chart =
        new XYChartBuilder()
            .width(width)
            .height(height)
            .title(title)
            .xAxisTitle(xAxis)
            .yAxisTitle(yAxis)
            .build();
    theme(chart.getStyler());
    chart.getStyler().setMarkerSize(7);
    return chart;
  }

  /** The shared look, also for the bar chart (a CategoryChart). */
  public static void theme(Styler styler) {
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setLegendBorderColor(new Color(0xBBBBBB));
    styler.setLegendPosition(LegendPosition.OutsideE);
    styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    styler.setAntiAlias(true);
  }

  /** A line with its colour, marker (or {@code SeriesMarkers.NONE}) and dash pattern. */
  public static XYSeries style(XYSeries series, Color color, Marker marker, BasicStroke line) {
    series.setLineColor(color);
    series.setMarkerColor(color);
    series.setMarker(marker);
    series.setLineStyle(line);
    return series;
  }

  /**
   * A wide translucent line without markers, for a series that another one (drawn after it, thin)
   * may cover exactly: the band shows on both sides of the thin line.
   */
  public static XYSeries band(XYSeries series, Color color) {
    series.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 110));
    series.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
    series.setLineStyle(stroke(9f));
    return series;
  }

  private static BasicStroke stroke(float width, float... dashes) {
    return new BasicStroke(
        width,
        BasicStroke.CAP_BUTT,
        BasicStroke.JOIN_ROUND,
        10f,
        dashes.length == 0 ? null : dashes,
        0f);
  }
}
