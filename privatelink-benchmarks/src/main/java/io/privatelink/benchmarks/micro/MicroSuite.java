package io.privatelink.benchmarks.micro;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs this module's JMH benchmarks from code so the harness can put their numbers in the same
 * report as the load scenarios. {@code java -jar benchmarks.jar} runs them the usual JMH way.
 */
public final class MicroSuite {
  private MicroSuite() {}

  /**
   * Runs every benchmark with the GC profiler. The full run uses each class's annotations (1 fork,
   * 3 x 1 s warm-up, 5 x 1 s measurement); the smoke run stays in this JVM with one 100 ms
   * iteration each.
   *
   * @return results keyed by {@code Class.method}, in run order
   */
  public static Map<String, MicroResult> run(boolean smoke) throws RunnerException {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(PolicyDecideBenchmark.class.getName())
            .include(ResolverCacheBenchmark.class.getName())
            .include(ColdVerificationBenchmark.class.getName())
            .addProfiler(GCProfiler.class)
            .shouldFailOnError(true);
    if (smoke) {
      options
          .forks(0)
          .warmupIterations(1)
          .warmupTime(TimeValue.milliseconds(100))
          .measurementIterations(1)
          .measurementTime(TimeValue.milliseconds(100));
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    Map<String, MicroResult> out = new LinkedHashMap<>();
    for (RunResult run : results) {
      String full = run.getParams().getBenchmark();
      String[] parts = full.split("\\.");
      String key = parts[parts.length - 2] + "." + parts[parts.length - 1];
      Result<?> primary = run.getPrimaryResult();
      Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
      List<Double> iterations = new ArrayList<>();
      for (BenchmarkResult fork : run.getBenchmarkResults()) {
        for (IterationResult iteration : fork.getIterationResults()) {
          iterations.add(iteration.getPrimaryResult().getScore());
        }
      }
      out.put(
          key,
          new MicroResult(
              key,
              primary.getScore(),
              primary.getScoreError(),
              primary.getScoreUnit(),
              alloc == null ? Double.NaN : alloc.getScore(),
              iterations));
    }
    return out;
  }
}
