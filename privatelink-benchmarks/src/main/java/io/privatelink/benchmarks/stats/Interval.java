package io.privatelink.benchmarks.stats;

import java.util.Locale;

/**
 * A median with its 95% confidence interval, as {@link Bootstrap#medianInterval} computes it.
 *
 * @param median the median of the samples
 * @param low the lower bound of the interval (NaN with fewer than two samples)
 * @param high the upper bound of the interval (NaN with fewer than two samples)
 * @param samples how many samples (rounds) the interval rests on
 */
public record Interval(double median, double low, double high, int samples) {

  /** Whether the interval could be computed, i.e. there were at least two samples. */
  public boolean isKnown() {
    return Double.isFinite(low) && Double.isFinite(high);
  }

  /**
   * Half the interval's width relative to the median, e.g. {@code 0.03} for "+-3%"; infinite when
   * the interval is unknown.
   */
  public double relativeHalfWidth() {
    if (!isKnown()) {
      return Double.POSITIVE_INFINITY;
    }
    return (high - low) / 2 / Math.abs(median);
  }

  /** E.g. {@code "1.017 [0.991, 1.040]"}, or {@code "1.017 [n/a]"} when unknown. */
  public String format(String numberFormat) {
    String m = String.format(Locale.ROOT, numberFormat, median);
    if (!isKnown()) {
      return m + " [n/a]";
    }
    return m
        + " ["
        + String.format(Locale.ROOT, numberFormat, low)
        + ", "
        + String.format(Locale.ROOT, numberFormat, high)
        + "]";
  }
}
