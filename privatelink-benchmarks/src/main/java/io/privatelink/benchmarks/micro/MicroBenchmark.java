package io.privatelink.benchmarks.micro;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JMH settings the micro benchmarks share: average time per operation, one fork, state shared
 * by the benchmark's threads; and, unless a subclass says otherwise, results in nanoseconds after 3
 * s of warm-up and 5 s measured, enough for in-memory operations. JMH's annotations are inherited,
 * and one on the subclass replaces the inherited one of its kind.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public abstract class MicroBenchmark {
  /** For subclasses only. */
  protected MicroBenchmark() {}
}
