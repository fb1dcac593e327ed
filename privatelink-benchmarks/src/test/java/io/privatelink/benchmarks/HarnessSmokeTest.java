package io.privatelink.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the harness from rotting: runs every JMH benchmark and load scenario with tiny iteration
 * counts and checks that a report and a chart come out. It asserts nothing about timing; the
 * numbers of a smoke run mean nothing.
 */
class HarnessSmokeTest {

  @Test
  @Timeout(240)
  void smokeRunWritesTheTableAndTheChart(@TempDir Path out) throws Exception {
    // The launcher exists when privatelink-examples was packaged in the same reactor (verify).
    String launcher = System.getProperty("privatelink.launcher", "no-launcher-property");
    Path markdown = Harness.run("--smoke", "--out", out.toString(), "--cli", launcher);

    String text = Files.readString(markdown);
    assertTrue(text.contains("SMOKE RUN"), text);
    assertTrue(text.contains("| measure | measured | target | met |"), text);
    assertTrue(text.contains("warm keep-alive, 1 thread"), text);
    assertTrue(text.contains("Apache HttpClient 4 warm keep-alive, 1 thread"), text);
    assertTrue(text.contains("Apache HttpClient 5 warm keep-alive, 1 thread"), text);
    assertTrue(text.contains("azure-core warm keep-alive, 1 thread"), text);
    assertTrue(text.contains("PolicyDecideBenchmark.v4MappedV6"), text);
    assertTrue(text.contains("ColdVerificationBenchmark.rawQueryPair"), text);
    assertTrue(text.contains("Fail fast"), text);
    assertTrue(text.contains("Single flight"), text);
    assertTrue(text.contains("HAPI read(Patient)"), text);
    assertTrue(text.contains("| HAPI search(Patient) 20 entries, 1 thread | "), text);
    assertTrue(text.contains("| HAPI create(Patient), 1 thread | "), text);
    assertTrue(
        text.contains("HAPI capabilities(), 1 thread: throughput ratio vs HAPI's Apache factory"),
        text);
    assertTrue(
        Pattern.compile(
                "\\| HAPI create\\(Patient\\), 1 thread \\| [\\d,]+ \\| [\\d,]+ \\| \\d+\\.\\d{2} \\|")
            .matcher(text)
            .find(),
        text);
    // Refresh ahead: each slow-DNS scenario before and after, its tail ratios with intervals.
    for (String connections : new String[] {"warm keep-alive", "new connection per request"}) {
      for (String refresh : new String[] {"off", "on"}) {
        assertTrue(
            Pattern.compile(
                    "\\| DNS \\+20 ms, TTL 1 s, "
                        + connections
                        + ", 1 thread, refresh ahead "
                        + refresh
                        + " \\| \\d+ \\|.*\\| \\d+\\.\\d{3} \\[\\d+\\.\\d{3}, \\d+\\.\\d{3}\\] \\|")
                .matcher(text)
                .find(),
            text);
      }
      assertTrue(
          text.contains(
              "| DNS +20 ms, TTL 1 s, "
                  + connections
                  + ", 1 thread: guarded p99.9 / pinned DNS,"
                  + " refresh ahead on |"),
          text);
    }
    assertTrue(
        Pattern.compile("\\| memory per cached host \\(500 hosts\\) \\| \\d+ B \\| <= 1024 B \\|")
            .matcher(text)
            .find(),
        text);
    // The statistics: a smoke run asks for 1 round, which has no interval, so every comparison
    // adds rounds until it has one (bounded at 3): each ratio is shown with its bounds.
    assertTrue(
        Pattern.compile(
                "\\| warm keep-alive, 1 thread \\| 3 \\| .*"
                    + "\\| \\d+\\.\\d{3} \\[\\d+\\.\\d{3}, \\d+\\.\\d{3}\\] \\|")
            .matcher(text)
            .find(),
        text);
    assertTrue(text.contains("percentile bootstrap over the rounds"), text);
    assertTrue(text.contains("up to 3 rounds"), text);
    assertTrue(text.contains("## CLI start"), text);
    if (Files.isExecutable(Path.of(launcher))) {
      assertTrue(
          Pattern.compile(
                  "\\| CLI start, `bin/privatelink check 10\\.0\\.0\\.4` / hi JVM \\| "
                      + "\\d+\\.\\d{2} \\[\\d+\\.\\d{2}, \\d+\\.\\d{2}\\]x \\|")
              .matcher(text)
              .find(),
          text);
      assertTrue(text.contains("`bin/privatelink check --dns DnsSandbox HOST`"), text);
    } else {
      assertTrue(text.contains("Not measured: not run: no executable launcher at"), text);
    }
    byte[] png = Files.readAllBytes(out.resolve("benchmarks.png"));
    assertTrue(png.length > 1000, "chart too small: " + png.length);
    assertTrue(png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "not a PNG");
  }
}
