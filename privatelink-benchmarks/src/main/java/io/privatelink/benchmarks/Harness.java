package io.privatelink.benchmarks;

import io.privatelink.benchmarks.load.HapiComparison;
import io.privatelink.benchmarks.load.LoadScenarios;
import io.privatelink.benchmarks.load.Settings;
import io.privatelink.benchmarks.memory.CachedHostMemory;
import io.privatelink.benchmarks.micro.MicroSuite;
import io.privatelink.benchmarks.report.Machine;
import io.privatelink.benchmarks.report.Report;
import io.privatelink.benchmarks.startup.CliStart;
import java.nio.file.Path;

/**
 * Runs every benchmark in one go, JMH first, then the load scenarios, and writes {@code
 * BENCHMARKS.md} and {@code benchmarks.png}. Everything talks to loopback only and every loop is
 * bounded; the full run takes about five minutes on 2 cores.
 *
 * <pre>
 * ./mvnw -B -q -pl privatelink-examples,privatelink-benchmarks -am package -DskipTests
 * java -cp privatelink-benchmarks/target/benchmarks.jar io.privatelink.benchmarks.Harness --out docs
 * </pre>
 *
 * <p>Options: {@code --out DIR} (default {@code docs}), {@code --smoke} (seconds-long run for the
 * build; numbers meaningless), {@code --skip-jmh}, {@code --skip-hapi}, {@code --cli LAUNCHER}
 * (default {@code privatelink-examples/target/bin/privatelink}; the CLI-start scenario says so when
 * it is missing), {@code --skip-cli}.
 */
public final class Harness {
  /** The command the published numbers come from, quoted in the report. */
  public static final String COMMAND =
      "./mvnw -B -q -pl privatelink-examples,privatelink-benchmarks -am package -DskipTests\n"
          + "java -cp privatelink-benchmarks/target/benchmarks.jar"
          + " io.privatelink.benchmarks.Harness --out docs";

  private Harness() {}

  public static void main(String[] args) throws Exception {
    Path out = run(args);
    System.out.println("wrote " + out);
  }

  /** Runs the harness; returns the markdown file written. */
  public static Path run(String... args) throws Exception {
    Path out = Path.of("docs");
    boolean smoke = false;
    boolean jmh = true;
    boolean hapi = true;
    boolean cli = true;
    Path launcher = Path.of("privatelink-examples", "target", "bin", "privatelink");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out":
          out = Path.of(args[++i]);
          break;
        case "--smoke":
          smoke = true;
          break;
        case "--skip-jmh":
          jmh = false;
          break;
        case "--skip-hapi":
          hapi = false;
          break;
        case "--cli":
          launcher = Path.of(args[++i]);
          break;
        case "--skip-cli":
          cli = false;
          break;
        default:
          throw new IllegalArgumentException(
              "unknown option "
                  + args[i]
                  + "; use --out DIR, --smoke, --skip-jmh, --skip-hapi,"
                  + " --cli LAUNCHER, --skip-cli");
      }
    }
    System.setProperty("java.awt.headless", "true");
    // The guard logs each refusal at WARN; the fail-fast scenario refuses on purpose.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    Settings settings = smoke ? Settings.smoke() : Settings.full();
    long start = System.nanoTime();
    Report report = new Report();
    report.command = COMMAND;
    report.smoke = smoke;
    report.settings = settings;
    report.machine = Machine.describe();
    report.loadBefore = Machine.loadAverage();
    if (jmh) {
      report.micro = MicroSuite.run(smoke);
    }
    try (LoadScenarios load = new LoadScenarios(settings)) {
      for (int threads : settings.warmThreads()) {
        report.warm.add(load.warm(threads));
      }
      for (LoadScenarios.Apache apache : LoadScenarios.Apache.values()) {
        for (int threads : settings.warmThreads()) {
          report.warm.add(load.warm(apache, threads));
        }
      }
      for (int threads : settings.warmThreads()) {
        report.warm.add(load.warmAzureCore(threads));
      }
      report.newConnection.add(load.newConnection(true));
      report.newConnection.add(load.newConnection(false));
      report.failFast = load.failFast();
      report.singleFlight = load.singleFlight();
      report.coldQueries = load.queriesPerColdVerification();
      for (LoadScenarios.Connections connections : LoadScenarios.Connections.values()) {
        for (int threads : settings.refreshThreads()) {
          report.slowDns.add(load.slowDns(connections, threads, false));
          report.slowDns.add(load.slowDns(connections, threads, true));
        }
      }
    }
    report.memory = CachedHostMemory.measure(settings.cachedHosts());
    if (hapi) {
      try (HapiComparison comparison = new HapiComparison(settings)) {
        report.hapi.addAll(comparison.run());
        report.hapiAllocations.addAll(comparison.allocations());
      }
    }
    if (cli) {
      report.cliStart =
          CliStart.run(
              launcher,
              settings.cliRounds(),
              // The smoke run launches each command twice, no more: ~10 JVMs.
              smoke ? 1 : Settings.MAX_ROUNDS_FACTOR,
              Settings.TARGET_HALF_WIDTH);
    }
    report.loadAfter = Machine.loadAverage();
    report.wallSeconds = (System.nanoTime() - start) / 1e9;
    return report.write(out);
  }
}
