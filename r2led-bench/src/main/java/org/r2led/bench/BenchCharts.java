package org.r2led.bench;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.r2led.io.PngText;

/** The benchmark's PNG charts (xchart, rendered headless), tagged as this tool's ({@link PngText}). */
public final class BenchCharts {
  private BenchCharts() {}

  static {
    if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
  }

  /**
   * Accuracy vs cost: x = scoring µs/target at C candidates (log), y = mean test AUC (± std as
   * error bars), one labelled point per model; null when no model has both figures.
   */
  public static byte[] aucVsCost(BenchResult r) throws IOException {
    XYChart c = new XYChartBuilder().width(900).height(600).title("Test AUC vs scoring cost")
        .xAxisTitle(String.format(Locale.ROOT, "scoring µs per target (%d candidates per history, %d thread%s, log scale)",
            r.candidates(), r.scoringThreads(), r.scoringThreads() == 1 ? "" : "s"))
        .yAxisTitle("test AUC (mean ± std over seeds)").build();
    style(c);
    c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    c.getStyler().setXAxisLogarithmic(true);
    c.getStyler().setMarkerSize(12);
    c.getStyler().setYAxisDecimalPattern("0.000");
    int n = 0;
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    for (ModelFigures f : r.figures()) {
      double x = f.scoring().many().microsPerTarget();
      double y = f.testAuc().mean();
      if (!(x > 0) || Double.isNaN(y)) continue;
      XYSeries s = c.addSeries(f.model(), new double[] {x}, new double[] {y}, new double[] {f.testAuc().std()});
      s.setMarker(SeriesMarkers.CIRCLE);
      c.addAnnotation(new AnnotationText("  " + f.model(), x * 1.04, y, false));
      lo = Math.min(lo, y - f.testAuc().std());
      hi = Math.max(hi, y + f.testAuc().std());
      n++;
    }
    if (n == 0) return null;
    double pad = Math.max(0.005, (hi - lo) * 0.15);
    c.getStyler().setYAxisMin(lo - pad);
    c.getStyler().setYAxisMax(hi + 2 * pad);
    return PngText.sign(BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG));
  }

  /** Latency vs history length: x = history length (log), y = µs/target at C candidates (log), one line per model; null without data. */
  public static byte[] latencyVsLength(BenchResult r) throws IOException {
    XYChart c = new XYChartBuilder().width(900).height(600).title("Scoring time vs history length")
        .xAxisTitle("history length (events, log scale)")
        .yAxisTitle(String.format(Locale.ROOT, "µs per target (%d candidates, %d thread%s, log scale)", r.candidates(),
            r.scoringThreads(), r.scoringThreads() == 1 ? "" : "s")).build();
    style(c);
    c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    c.getStyler().setXAxisLogarithmic(true);
    c.getStyler().setYAxisLogarithmic(true);
    int n = 0;
    for (ModelFigures f : r.figures()) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (ScoringBench.Point p : f.sweep()) {
        if (p.microsPerTarget() > 0) {
          xs.add((double) p.length());
          ys.add(p.microsPerTarget());
        }
      }
      if (xs.isEmpty()) continue;
      c.addSeries(f.model(), xs, ys).setMarker(SeriesMarkers.CIRCLE);
      n++;
    }
    if (n == 0) return null;
    return PngText.sign(BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG));
  }

  /**
   * One bar per label: {@code mean[i]} with {@code ± std[i]} error bars (e.g. a metric per model,
   * mean ± std over seeds); labels keep their order. Null when there are no bars.
   */
  public static byte[] meanStdBars(String title, String yAxisTitle, List<String> labels, double[] mean, double[] std)
      throws IOException {
    if (labels.isEmpty()) return null;
    if (mean.length != labels.size() || std.length != labels.size()) {
      throw new IllegalArgumentException(labels.size() + " labels but " + mean.length + " means and " + std.length + " stds");
    }
    CategoryChart c = new CategoryChartBuilder().width(900).height(600).title(title).yAxisTitle(yAxisTitle).build();
    style(c.getStyler());
    c.getStyler().setLegendVisible(false);
    c.getStyler().setXAxisLabelRotation(30);
    c.getStyler().setYAxisDecimalPattern("0.000");
    c.getStyler().setYAxisMin(0.0);
    double hi = 0;
    for (int i = 0; i < mean.length; i++) hi = Math.max(hi, mean[i] + std[i]);
    c.getStyler().setYAxisMax(hi > 0 ? hi * 1.1 : 1.0);
    c.addSeries(yAxisTitle, new ArrayList<>(labels), toList(mean), toList(std));
    return PngText.sign(BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG));
  }

  /**
   * One line per series over the same x values (e.g. AUC per time window, one line per strategy); y
   * axis fitted to the data. Null when there are no points.
   */
  public static byte[] lines(String title, String xAxisTitle, String yAxisTitle, double[] x, Map<String, double[]> series)
      throws IOException {
    if (x.length == 0 || series.isEmpty()) return null;
    XYChart c = new XYChartBuilder().width(900).height(600).title(title).xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build();
    style(c);
    c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    c.getStyler().setYAxisDecimalPattern("0.000");
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    for (Map.Entry<String, double[]> e : series.entrySet()) {
      if (e.getValue().length != x.length) {
        throw new IllegalArgumentException("series " + e.getKey() + " has " + e.getValue().length + " points; expected " + x.length);
      }
      for (double y : e.getValue()) {
        lo = Math.min(lo, y);
        hi = Math.max(hi, y);
      }
      c.addSeries(e.getKey(), x, e.getValue()).setMarker(SeriesMarkers.CIRCLE);
    }
    double pad = Math.max(0.005, (hi - lo) * 0.1);
    c.getStyler().setYAxisMin(lo - pad);
    c.getStyler().setYAxisMax(hi + pad);
    return PngText.sign(BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG));
  }

  private static List<Double> toList(double[] v) {
    List<Double> l = new ArrayList<>(v.length);
    for (double x : v) l.add(x);
    return l;
  }

  private static void style(XYChart c) {
    style(c.getStyler());
  }

  private static void style(AxesChartStyler s) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setLegendPosition(Styler.LegendPosition.OutsideE);
    s.setPlotGridLinesVisible(true);
    s.setXAxisDecimalPattern("#,##0");
    s.setYAxisLogarithmicDecadeOnly(false);
  }
}
