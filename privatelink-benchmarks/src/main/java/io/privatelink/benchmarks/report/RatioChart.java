package io.privatelink.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The guarded client's speed relative to its unguarded baseline, one bar per scenario (1.0 = the
 * guard costs nothing), next to the target for that scenario, drawn as a PNG with XChart.
 */
public final class RatioChart {
  private final List<String> labels = new ArrayList<>();
  private final List<Double> measured = new ArrayList<>();
  private final List<Double> targets = new ArrayList<>();

  /** Adds a bar; {@code target} may be null when the scenario has none. */
  public RatioChart add(String label, double ratio, Double target) {
    labels.add(label);
    measured.add(Double.isFinite(ratio) ? ratio : 0.0);
    targets.add(target);
    return this;
  }

  /** Writes {@code file} (its name must end in .png). */
  public void writePng(Path file, String subtitle) throws IOException {
    String name = file.toString();
    if (!name.endsWith(".png")) {
      throw new IllegalArgumentException("not a .png file: " + file);
    }
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(1000)
            .height(480)
            .title("Guarded vs unguarded speed (1.0 = the guard is free) - " + subtitle)
            .xAxisTitle("scenario")
            .yAxisTitle("guarded / unguarded speed")
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setYAxisMin(0.0);
    double top = 1.2;
    for (double m : measured) {
      top = Math.max(top, Math.ceil(m * 10 + 1) / 10);
    }
    chart.getStyler().setYAxisMax(top);
    chart.getStyler().setYAxisDecimalPattern("0.00");
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    chart.getStyler().setXAxisLabelRotation(0);
    chart.addSeries("measured", labels, measured);
    chart.addSeries("target", labels, targets);
    BitmapEncoder.saveBitmap(chart, name, BitmapEncoder.BitmapFormat.PNG);
  }
}
