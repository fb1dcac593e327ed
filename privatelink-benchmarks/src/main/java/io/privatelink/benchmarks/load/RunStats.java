package io.privatelink.benchmarks.load;

import java.util.Arrays;

/** What one timed run of one client did: request count, throughput and latency percentiles. */
public final class RunStats {
  private final long requests;
  private final double seconds;
  private final double p50Micros;
  private final double p99Micros;
  private final double p999Micros;

  RunStats(long requests, double seconds, double p50Micros, double p99Micros, double p999Micros) {
    this.requests = requests;
    this.seconds = seconds;
    this.p50Micros = p50Micros;
    this.p99Micros = p99Micros;
    this.p999Micros = p999Micros;
  }

  /** Builds stats from per-request latencies in nanoseconds (the array is sorted in place). */
  static RunStats of(long[] latencyNanos, int count, double seconds) {
    Arrays.sort(latencyNanos, 0, count);
    return new RunStats(
        count,
        seconds,
        percentile(latencyNanos, count, 0.50) / 1000.0,
        percentile(latencyNanos, count, 0.99) / 1000.0,
        percentile(latencyNanos, count, 0.999) / 1000.0);
  }

  /** Nearest-rank percentile of the first {@code count} sorted values; NaN when empty. */
  static double percentile(long[] sorted, int count, double p) {
    if (count == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p * count) - 1;
    return sorted[Math.max(0, Math.min(count - 1, rank))];
  }

  /** Completed requests. */
  public long requests() {
    return requests;
  }

  /** Requests per second. */
  public double throughput() {
    return seconds > 0 ? requests / seconds : 0;
  }

  /** Median latency, microseconds. */
  public double p50Micros() {
    return p50Micros;
  }

  /** 99th percentile latency, microseconds. */
  public double p99Micros() {
    return p99Micros;
  }

  /** 99.9th percentile latency, microseconds. */
  public double p999Micros() {
    return p999Micros;
  }

  @Override
  public String toString() {
    return String.format(
        "%d req, %.0f req/s, p50 %.0f us, p99 %.0f us",
        requests, throughput(), p50Micros, p99Micros);
  }
}
