package io.privatelink.benchmarks.load;

import java.time.Duration;

/**
 * How long and how often the load harness measures. {@link #full()} is what the published numbers
 * come from; {@link #smoke()} only proves, in the build, that every scenario still runs.
 */
public final class Settings {
  /**
   * The 95% interval half-width, relative to the median, beyond which a comparison runs more rounds
   * (two at a time, one of each order).
   */
  public static final double TARGET_HALF_WIDTH = 0.03;

  /** The most rounds a comparison runs, as a multiple of {@link #rounds()}. */
  public static final int MAX_ROUNDS_FACTOR = 3;

  final boolean smoke;
  final int rounds;
  final Duration warmUp;
  final Duration perRun;
  final int[] warmThreads;
  final int failFastSamples;
  final int blackHoleSamples;
  final Duration unguardedConnectTimeout;
  final int singleFlightCallers;
  final int singleFlightRepeats;
  final int cliRounds;
  final int[] refreshThreads;
  final int refreshRounds;
  final Duration refreshPerRun;
  final int cachedHosts;

  private Settings(
      boolean smoke,
      int rounds,
      Duration warmUp,
      Duration perRun,
      int[] warmThreads,
      int failFastSamples,
      int blackHoleSamples,
      Duration unguardedConnectTimeout,
      int singleFlightCallers,
      int singleFlightRepeats,
      int cliRounds,
      int[] refreshThreads,
      int refreshRounds,
      Duration refreshPerRun,
      int cachedHosts) {
    this.smoke = smoke;
    this.rounds = rounds;
    this.warmUp = warmUp;
    this.perRun = perRun;
    this.warmThreads = warmThreads;
    this.failFastSamples = failFastSamples;
    this.blackHoleSamples = blackHoleSamples;
    this.unguardedConnectTimeout = unguardedConnectTimeout;
    this.singleFlightCallers = singleFlightCallers;
    this.singleFlightRepeats = singleFlightRepeats;
    this.cliRounds = cliRounds;
    this.refreshThreads = refreshThreads;
    this.refreshRounds = refreshRounds;
    this.refreshPerRun = refreshPerRun;
    this.cachedHosts = cachedHosts;
  }

  /**
   * The published run: at least 15 interleaved rounds of 0.6 s per client and scenario, up to 45
   * while the ratio's interval is wider than +-3% (many short rounds, so a burst of background load
   * spoils one round's ratio, not the median), OkHttp's default 10 s connect timeout for the
   * black-holed baseline, 256 single-flight callers, 20 CLI-start rounds; the slow-DNS scenarios
   * run at least 5 rounds of 3 s (three TTL expiries each) on 1 and 8 threads; memory is measured
   * over 10,000 cached hosts.
   */
  public static Settings full() {
    return new Settings(
        false,
        15,
        Duration.ofSeconds(2),
        Duration.ofMillis(600),
        new int[] {1, 8},
        30,
        2,
        Duration.ofSeconds(10),
        256,
        3,
        20,
        new int[] {1, 8},
        5,
        Duration.ofSeconds(3),
        10_000);
  }

  /** A seconds-long run for the build: numbers are meaningless, completion is the point. */
  public static Settings smoke() {
    return new Settings(
        true,
        1,
        Duration.ofMillis(100),
        Duration.ofMillis(150),
        new int[] {1, 2},
        3,
        1,
        Duration.ofMillis(300),
        16,
        1,
        2,
        new int[] {1},
        1,
        Duration.ofMillis(150),
        500);
  }

  /** Whether this is the build's smoke run. */
  public boolean isSmoke() {
    return smoke;
  }

  /** Client thread counts for the warm keep-alive scenario. */
  public int[] warmThreads() {
    return warmThreads.clone();
  }

  /** Untimed warm-up of each client before the first round. */
  public Duration warmUp() {
    return warmUp;
  }

  /** Timed A/B rounds per scenario at least; see {@link #MAX_ROUNDS_FACTOR}. */
  public int rounds() {
    return rounds;
  }

  /** Length of one timed run. */
  public Duration perRun() {
    return perRun;
  }

  /** The connect timeout the black-holed baseline waits out. */
  public Duration unguardedConnectTimeout() {
    return unguardedConnectTimeout;
  }

  /** Rounds of the CLI-start scenario at least; see {@link #MAX_ROUNDS_FACTOR}. */
  public int cliRounds() {
    return cliRounds;
  }

  /** Client thread counts for the slow-DNS (refresh-ahead) scenarios. */
  public int[] refreshThreads() {
    return refreshThreads.clone();
  }

  /** Timed A/B rounds per slow-DNS scenario at least; see {@link #MAX_ROUNDS_FACTOR}. */
  public int refreshRounds() {
    return refreshRounds;
  }

  /** Length of one timed run of a slow-DNS scenario. */
  public Duration refreshPerRun() {
    return refreshPerRun;
  }

  /** Hosts cached for the memory-per-host measurement. */
  public int cachedHosts() {
    return cachedHosts;
  }

  /** Concurrent callers in the single-flight scenario. */
  public int singleFlightCallers() {
    return singleFlightCallers;
  }
}
