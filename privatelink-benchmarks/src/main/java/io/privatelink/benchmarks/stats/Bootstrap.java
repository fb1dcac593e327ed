package io.privatelink.benchmarks.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap of the median: draws the samples with replacement {@link #RESAMPLES} times,
 * takes each draw's median, and reports the 2.5th and 97.5th percentiles of those medians as the
 * 95% confidence interval. It assumes nothing about the distribution of the samples (per-round
 * ratios on a loaded machine are skewed by bursts); rounds are treated as independent, which the
 * harness's interleaving (A B, B A, ...) and per-round ratios make a fair approximation.
 *
 * <p>The generator is seeded, so the same samples always give the same interval and a regenerated
 * report changes only when the measurements do.
 *
 * <pre>
 * Interval ratio = Bootstrap.medianInterval(perRoundRatios, Bootstrap.SEED);
 * boolean met = ratio.median() &gt;= 0.98;   // "met" is the median; the interval is shown beside it
 * </pre>
 */
public final class Bootstrap {
  /** Resamples per interval: enough that the bounds move by well under 0.1% between seeds. */
  public static final int RESAMPLES = 10_000;

  /** The seed the harness uses for every interval it reports. */
  public static final long SEED = 0x5eed_15L;

  /** The confidence level of the intervals. */
  public static final double CONFIDENCE = 0.95;

  private Bootstrap() {}

  /**
   * The median of {@code samples} and its 95% percentile-bootstrap interval; with fewer than two
   * samples the bounds are NaN (one round says nothing about its spread).
   *
   * @throws IllegalArgumentException if {@code samples} is empty or holds a NaN or infinity
   */
  public static Interval medianInterval(double[] samples, long seed) {
    checkSamples(samples);
    double median = median(samples);
    if (samples.length < 2) {
      return new Interval(median, Double.NaN, Double.NaN, samples.length);
    }
    SplittableRandom random = new SplittableRandom(seed);
    int n = samples.length;
    double[] draw = new double[n];
    double[] medians = new double[RESAMPLES];
    for (int r = 0; r < RESAMPLES; r++) {
      resample(samples, draw, random);
      medians[r] = medianInPlace(draw);
    }
    Arrays.sort(medians);
    double tail = (1 - CONFIDENCE) / 2;
    return new Interval(
        median, quantile(medians, tail), quantile(medians, 1 - tail), samples.length);
  }

  /**
   * The ratio of two medians, {@code median(numerator) / median(denominator)}, with its 95%
   * percentile-bootstrap interval, for two sets of samples that are not paired (e.g. the iterations
   * of two JMH benchmarks): each set is resampled on its own. Bounds are NaN when either set has
   * fewer than two samples.
   *
   * @throws IllegalArgumentException if either set is empty or holds a NaN or infinity
   */
  public static Interval ratioOfMediansInterval(
      double[] numerator, double[] denominator, long seed) {
    checkSamples(numerator);
    checkSamples(denominator);
    double ratio = median(numerator) / median(denominator);
    if (numerator.length < 2 || denominator.length < 2) {
      return new Interval(
          ratio, Double.NaN, Double.NaN, Math.min(numerator.length, denominator.length));
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[] top = new double[numerator.length];
    double[] bottom = new double[denominator.length];
    double[] ratios = new double[RESAMPLES];
    for (int r = 0; r < RESAMPLES; r++) {
      resample(numerator, top, random);
      resample(denominator, bottom, random);
      ratios[r] = medianInPlace(top) / medianInPlace(bottom);
    }
    Arrays.sort(ratios);
    double tail = (1 - CONFIDENCE) / 2;
    return new Interval(
        ratio,
        quantile(ratios, tail),
        quantile(ratios, 1 - tail),
        Math.min(numerator.length, denominator.length));
  }

  private static void resample(double[] from, double[] into, SplittableRandom random) {
    for (int i = 0; i < into.length; i++) {
      into[i] = from[random.nextInt(from.length)];
    }
  }

  private static void checkSamples(double[] samples) {
    if (samples.length == 0) {
      throw new IllegalArgumentException("no samples to bootstrap");
    }
    for (double s : samples) {
      if (!Double.isFinite(s)) {
        throw new IllegalArgumentException("a sample is not a finite number: " + s);
      }
    }
  }

  /** The median (mean of the middle two for an even count); NaN when empty. */
  public static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    return medianInPlace(values.clone());
  }

  private static double medianInPlace(double[] values) {
    Arrays.sort(values);
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  /** Linear interpolation between the closest ranks of a sorted array. */
  private static double quantile(double[] sorted, double p) {
    double pos = p * (sorted.length - 1);
    int lower = (int) Math.floor(pos);
    int upper = Math.min(sorted.length - 1, lower + 1);
    double fraction = pos - lower;
    return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction;
  }
}
