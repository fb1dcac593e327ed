package io.privatelink.benchmarks.load;

import java.util.Arrays;

/**
 * What one timed run of one client did: request count, throughput and latency percentiles.
 *
 * @param requests completed requests
 * @param seconds how long the run took
 * @param p50Micros median latency, microseconds
 * @param p99Micros 99th percentile latency, microseconds
 * @param p999Micros 99.9th percentile latency, microseconds
 */
public record RunStats(
    long requests, double seconds, double p50Micros, double p99Micros, double p999Micros) {

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

  /** Requests per second. */
  public double throughput() {
    return seconds > 0 ? requests / seconds : 0;
  }

  @Override
  public String toString() {
    return String.format(
        "%d req, %.0f req/s, p50 %.0f us, p99 %.0f us",
        requests, throughput(), p50Micros, p99Micros);
  }
}
