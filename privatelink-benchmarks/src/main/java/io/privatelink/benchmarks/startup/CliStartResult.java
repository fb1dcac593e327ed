package io.privatelink.benchmarks.startup;

import io.privatelink.benchmarks.stats.Bootstrap;
import io.privatelink.benchmarks.stats.Interval;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of the CLI-start scenario: per command, its wall time in each round and its ratio to
 * the "hi" JVM of the same round.
 *
 * @param launcher the launcher that was measured, or the reason it was not
 * @param ran whether the scenario ran
 * @param baseline the baseline command's label
 * @param commands the measured commands' labels, in report order (without the baseline)
 * @param wallMillis per command label (and the baseline's), the wall time of each round, ms
 */
public record CliStartResult(
    String launcher,
    boolean ran,
    String baseline,
    List<String> commands,
    Map<String, List<Double>> wallMillis) {

  /** The target: a command's median wall time at most this many times the "hi" JVM's. */
  public static final double TARGET_RATIO = 2.5;

  /** Copies the map. */
  public CliStartResult {
    commands = List.copyOf(commands);
    wallMillis = Map.copyOf(wallMillis);
  }

  /** Rounds run. */
  public int rounds() {
    List<Double> times = wallMillis.get(baseline);
    return times == null ? 0 : times.size();
  }

  private List<Double> times(String command) {
    return Objects.requireNonNull(wallMillis.get(command), () -> "no rounds of " + command);
  }

  /** The median wall time of {@code command} with its 95% interval, ms. */
  public Interval wall(String command) {
    return Bootstrap.medianInterval(array(times(command)), Bootstrap.SEED);
  }

  /**
   * The median over rounds of {@code command}'s wall time / the baseline's in the same round, with
   * its 95% bootstrap interval.
   */
  public Interval ratio(String command) {
    double[] times = array(times(command));
    double[] base = array(times(baseline));
    double[] ratios = new double[times.length];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = times[i] / base[i];
    }
    return Bootstrap.medianInterval(ratios, Bootstrap.SEED);
  }

  private static double[] array(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
