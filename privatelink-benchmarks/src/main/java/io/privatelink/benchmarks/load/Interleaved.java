package io.privatelink.benchmarks.load;

import io.privatelink.benchmarks.stats.Interval;
import java.time.Duration;

/**
 * Runs a guarded client and its unguarded baseline in alternating timed runs (A B, then B A, ...),
 * after an untimed warm-up of each, so both see the same JIT state, connection pool state and
 * background load.
 *
 * <p>Adaptive and bounded: after the requested rounds, while the 95% interval of the ratio is wider
 * than {@link Settings#TARGET_HALF_WIDTH} either side of the median, it runs two more rounds (one
 * of each order), up to {@link Settings#MAX_ROUNDS_FACTOR} times the requested rounds.
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
    int maxRounds = rounds * Settings.MAX_ROUNDS_FACTOR;
    for (int round = 0; round < maxRounds; round++) {
      boolean pairDone = (round - rounds) % 2 == 0;
      if (round >= rounds && pairDone && !tooWide(result.throughputRatioInterval())) {
        break;
      }
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
    System.out.printf(
        "%s%n%s  ratio %s, %d rounds%n",
        name,
        result.roundsText(),
        result.throughputRatioInterval().format("%.3f"),
        result.rounds());
    return result;
  }

  /** Whether an interval is wider than the target (an unknown interval is). */
  static boolean tooWide(Interval interval) {
    return interval.relativeHalfWidth() > Settings.TARGET_HALF_WIDTH;
  }
}
