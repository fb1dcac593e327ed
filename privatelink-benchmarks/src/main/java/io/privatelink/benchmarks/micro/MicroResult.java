package io.privatelink.benchmarks.micro;

import java.util.List;

/**
 * One JMH benchmark's outcome.
 *
 * @param benchmark {@code Class.method}, e.g. {@code PolicyDecideBenchmark.v4Private}
 * @param score the mean time per operation
 * @param error the 99.9% confidence half-width JMH reports (NaN with a single iteration)
 * @param unit e.g. {@code ns/op}
 * @param allocBytesPerOp {@code gc.alloc.rate.norm}, or NaN when the GC profiler did not run
 * @param iterations the score of each measurement iteration, in {@code unit}, for intervals
 */
public record MicroResult(
    String benchmark,
    double score,
    double error,
    String unit,
    double allocBytesPerOp,
    List<Double> iterations) {

  /** Copies {@code iterations}. */
  public MicroResult {
    iterations = List.copyOf(iterations);
  }

  /** The iteration scores as an array, in {@code unit}. */
  public double[] iterationScores() {
    return iterations.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The score in nanoseconds per operation, whatever unit JMH reported it in. */
  public double nanos() {
    switch (unit) {
      case "ns/op":
        return score;
      case "us/op":
        return score * 1e3;
      case "ms/op":
        return score * 1e6;
      case "s/op":
        return score * 1e9;
      default:
        throw new IllegalStateException("unexpected unit " + unit);
    }
  }
}
