package io.privatelink.benchmarks.load;

import io.privatelink.benchmarks.stats.Bootstrap;
import io.privatelink.benchmarks.stats.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The outcome of an interleaved A/B run: per-round stats for the guarded client (A) and its
 * unguarded baseline (B), summarized as medians. The ratio is the median of the per-round
 * throughput ratios A/B, so slow drift in background load cancels out within each round; its 95%
 * confidence interval is a {@linkplain Bootstrap bootstrap} over those per-round ratios.
 */
public final class Comparison {
  private final String name;
  private final List<RunStats> guarded = new ArrayList<>();
  private final List<RunStats> baseline = new ArrayList<>();

  Comparison(String name) {
    this.name = name;
  }

  void add(RunStats guardedRound, RunStats baselineRound) {
    guarded.add(guardedRound);
    baseline.add(baselineRound);
  }

  /** What was compared, e.g. {@code "warm keep-alive, 8 threads"}. */
  public String name() {
    return name;
  }

  /** Rounds run. */
  public int rounds() {
    return guarded.size();
  }

  /** Median over rounds of guarded throughput / baseline throughput (1.0 = the guard is free). */
  public double throughputRatio() {
    return median(roundRatios());
  }

  /**
   * The median per-round throughput ratio with its 95% bootstrap confidence interval (bounds
   * unknown with a single round).
   */
  public Interval throughputRatioInterval() {
    return Bootstrap.medianInterval(roundRatios(), Bootstrap.SEED);
  }

  /** Median over rounds of the guarded p99.9 latency, microseconds. */
  public double guardedP999() {
    return median(guarded.stream().mapToDouble(RunStats::p999Micros).toArray());
  }

  /** Median over rounds of the baseline p99.9 latency, microseconds. */
  public double baselineP999() {
    return median(baseline.stream().mapToDouble(RunStats::p999Micros).toArray());
  }

  /**
   * The median over rounds of guarded p99 / baseline p99 (1.0 = the guard adds nothing to the tail)
   * with its 95% bootstrap interval.
   */
  public Interval p99RatioInterval() {
    return latencyRatioInterval(RunStats::p99Micros);
  }

  /** Like {@link #p99RatioInterval()}, for the p99.9 latency. */
  public Interval p999RatioInterval() {
    return latencyRatioInterval(RunStats::p999Micros);
  }

  private Interval latencyRatioInterval(ToDoubleFunction<RunStats> latency) {
    double[] ratios = new double[rounds()];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = latency.applyAsDouble(guarded.get(i)) / latency.applyAsDouble(baseline.get(i));
    }
    return Bootstrap.medianInterval(ratios, Bootstrap.SEED);
  }

  private double[] roundRatios() {
    double[] ratios = new double[rounds()];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = guarded.get(i).throughput() / baseline.get(i).throughput();
    }
    return ratios;
  }

  /** Median guarded throughput, requests per second. */
  public double guardedThroughput() {
    return median(guarded.stream().mapToDouble(RunStats::throughput).toArray());
  }

  /** Median baseline throughput, requests per second. */
  public double baselineThroughput() {
    return median(baseline.stream().mapToDouble(RunStats::throughput).toArray());
  }

  /** Median over rounds of the guarded p50 latency, microseconds. */
  public double guardedP50() {
    return median(guarded.stream().mapToDouble(RunStats::p50Micros).toArray());
  }

  /** Median over rounds of the baseline p50 latency, microseconds. */
  public double baselineP50() {
    return median(baseline.stream().mapToDouble(RunStats::p50Micros).toArray());
  }

  /** Median over rounds of the guarded p99 latency, microseconds. */
  public double guardedP99() {
    return median(guarded.stream().mapToDouble(RunStats::p99Micros).toArray());
  }

  /** Median over rounds of the baseline p99 latency, microseconds. */
  public double baselineP99() {
    return median(baseline.stream().mapToDouble(RunStats::p99Micros).toArray());
  }

  /** The per-round ratios, for the log. */
  public String roundsText() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < rounds(); i++) {
      out.append(
          String.format(
              "  round %d: guarded %s | baseline %s | ratio %.3f%n",
              i + 1,
              guarded.get(i),
              baseline.get(i),
              guarded.get(i).throughput() / baseline.get(i).throughput()));
    }
    return out.toString();
  }

  /** The median of {@code values} (mean of the middle two for an even count); NaN when empty. */
  public static double median(double[] values) {
    return Bootstrap.median(values);
  }
}
