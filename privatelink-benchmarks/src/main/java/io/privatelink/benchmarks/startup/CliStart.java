package io.privatelink.benchmarks.startup;

import io.privatelink.benchmarks.stats.Interval;
import io.privatelink.testkit.DnsSandbox;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Scenario: how long the {@code privatelink} CLI takes from process start to exit, measured side by
 * side with a JVM that prints "hi" ({@link Hi}, from a directory holding only that class). Every
 * round launches each command once, in an order that rotates from round to round, and each
 * command's time is divided by the "hi" JVM's time of the same round. Adaptive and bounded like the
 * load scenarios: more rounds while any ratio's 95% interval is wider than the target half-width,
 * up to a multiple of the requested rounds.
 *
 * <p>Commands: the launcher {@code bin/privatelink} with {@code --help}, {@code check} of an IP
 * literal and {@code check} of a host against a {@link DnsSandbox} on loopback; and {@code java
 * -jar privatelink.jar check} of the IP literal, the way without the launcher.
 */
public final class CliStart {
  private static final String HOST = "myfhir.azurehealthcareapis.com";
  private static final long TIMEOUT_SECONDS = 120;

  private CliStart() {}

  /**
   * Runs the scenario; a launcher that does not exist gives a result that says so instead.
   *
   * @param launcher {@code privatelink-examples/target/bin/privatelink}; the jar is {@code
   *     ../privatelink.jar} from its directory
   */
  public static CliStartResult run(
      Path launcher, int rounds, int maxRoundsFactor, double targetHalfWidth)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(launcher)) {
      return new CliStartResult(
          "not run: no executable launcher at "
              + launcher
              + " (package privatelink-examples first)",
          false,
          "",
          List.of(),
          Map.of());
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path jar = parent(launcher.toAbsolutePath()).resolveSibling("privatelink.jar");
    Path hiDir = Files.createTempDirectory("privatelink-hi");
    try (DnsSandbox dns = DnsSandbox.start()) {
      dns.privateEndpoint(HOST, "127.0.0.1");
      writeHiClass(hiDir);
      String baseline = "java Hi (prints \"hi\")";
      Map<String, List<String>> commands = new LinkedHashMap<>();
      commands.put(baseline, List.of(java, "-cp", hiDir.toString(), Hi.class.getName()));
      String sh = launcher.toString();
      commands.put("bin/privatelink --help", List.of(sh, "--help"));
      commands.put("bin/privatelink check 10.0.0.4", List.of(sh, "check", "10.0.0.4"));
      commands.put(
          "bin/privatelink check --dns DnsSandbox HOST",
          List.of(sh, "check", "--dns", dns.nameserver(), "--allow", "127.0.0.1/32", HOST));
      commands.put(
          "java -jar privatelink.jar check 10.0.0.4",
          List.of(java, "-jar", jar.toString(), "check", "10.0.0.4"));

      Map<String, List<Double>> wall = new LinkedHashMap<>();
      commands.keySet().forEach(k -> wall.put(k, new ArrayList<>()));
      List<String> labels = new ArrayList<>(commands.keySet());
      // One untimed launch of each (skipped when only one round per command is allowed, as in the
      // build's smoke run): page cache and file system metadata warm for all alike.
      if (maxRoundsFactor > 1) {
        for (String label : labels) {
          launch(get(commands, label), java);
        }
      }
      List<String> measured = labels.subList(1, labels.size());
      int maxRounds = rounds * maxRoundsFactor;
      for (int round = 0; round < maxRounds; round++) {
        if (round >= rounds
            && settled(new CliStartResult(sh, true, baseline, measured, wall), targetHalfWidth)) {
          break;
        }
        for (int i = 0; i < labels.size(); i++) {
          String label = labels.get((i + round) % labels.size());
          get(wall, label).add(launch(get(commands, label), java));
        }
      }
      CliStartResult result = new CliStartResult(sh, true, baseline, measured, wall);
      System.out.printf("CLI start, %d rounds%n", result.rounds());
      for (String label : measured) {
        System.out.printf(
            "  %s: %s ms, %s x hi%n",
            label, result.wall(label).format("%.0f"), result.ratio(label).format("%.2f"));
      }
      return result;
    } finally {
      try (var files = Files.walk(hiDir)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static boolean settled(CliStartResult result, double targetHalfWidth) {
    for (String label : result.commands()) {
      Interval ratio = result.ratio(label);
      if (ratio.relativeHalfWidth() > targetHalfWidth) {
        return false;
      }
    }
    return true;
  }

  /** Copies {@link Hi}'s class file out of this jar into {@code dir}, in its package folder. */
  private static void writeHiClass(Path dir) throws IOException {
    String resource = Hi.class.getName().replace('.', '/') + ".class";
    Path target = dir.resolve(resource);
    Files.createDirectories(target.getParent());
    try (InputStream in = Hi.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource);
      }
      Files.copy(in, target);
    }
  }

  /** Runs one command to completion (output discarded); returns its wall time in ms. */
  private static double launch(List<String> command, String java)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    // The launcher uses the same JDK as the baseline.
    builder.environment().put("JAVA_HOME", parent(parent(Path.of(java))).toString());
    builder.environment().remove("PRIVATELINK_JAVA_OPTS");
    long start = System.nanoTime();
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(command + " still running after " + TIMEOUT_SECONDS + " s");
    }
    double millis = (System.nanoTime() - start) / 1e6;
    int status = process.exitValue();
    if (status != 0) {
      throw new IllegalStateException(command + " exited " + status + ", expected 0");
    }
    return millis;
  }

  private static Path parent(Path path) {
    return Objects.requireNonNull(path.getParent(), () -> path + " has no parent directory");
  }

  private static <V> V get(Map<String, V> map, String label) {
    return Objects.requireNonNull(map.get(label), label);
  }
}
