package io.privatelink.benchmarks.load;

import java.time.Duration;

/**
 * Runs a guarded client and its unguarded baseline in alternating timed runs (A B, then B A, ...),
 * after an untimed warm-up of each, so both see the same JIT state, connection pool state and
 * background load.
 */
final class Interleaved {
  private Interleaved() {}

  static Comparison compare(
      String name,
      ClosedLoop.Call guarded,
      ClosedLoop.Call baseline,
      int threads,
      int rounds,
      Duration warmUp,
      Duration perRun,
      Runnable betweenRuns)
      throws InterruptedException {
    ClosedLoop.run(baseline, threads, warmUp);
    ClosedLoop.run(guarded, threads, warmUp);
    betweenRuns.run();
    Comparison result = new Comparison(name);
    for (int round = 0; round < rounds; round++) {
      RunStats a;
      RunStats b;
      if (round % 2 == 0) {
        a = ClosedLoop.run(guarded, threads, perRun);
        betweenRuns.run();
        b = ClosedLoop.run(baseline, threads, perRun);
      } else {
        b = ClosedLoop.run(baseline, threads, perRun);
        betweenRuns.run();
        a = ClosedLoop.run(guarded, threads, perRun);
      }
      betweenRuns.run();
      result.add(a, b);
    }
    System.out.printf("%s%n%s", name, result.roundsText());
    return result;
  }
}
