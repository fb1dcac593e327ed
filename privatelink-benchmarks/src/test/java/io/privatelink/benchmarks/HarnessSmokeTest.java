package io.privatelink.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    for (String expected :
        List.of(
            "SMOKE RUN",
            "| measure | measured | target | met |",
            "warm keep-alive, 1 thread",
            "Apache HttpClient 4 warm keep-alive, 1 thread",
            "Apache HttpClient 5 warm keep-alive, 1 thread",
            "azure-core warm keep-alive, 1 thread",
            "PolicyDecideBenchmark.v4MappedV6",
            "ColdVerificationBenchmark.rawQueryPair",
            "Fail fast",
            "Single flight",
            "HAPI read(Patient)",
            "| HAPI search(Patient) 20 entries, 1 thread | ",
            "| HAPI create(Patient), 1 thread | ",
            "HAPI capabilities(), 1 thread: throughput ratio vs HAPI's Apache factory")) {
      assertTrue(text.contains(expected), text);
    }
    assertFinds(
        "\\| HAPI create\\(Patient\\), 1 thread \\| [\\d,]+ \\| [\\d,]+ \\| \\d+\\.\\d{2} \\|",
        text);
    // Refresh ahead: each slow-DNS scenario before and after, its tail ratios with intervals.
    for (String connections : new String[] {"warm keep-alive", "new connection per request"}) {
      for (String refresh : new String[] {"off", "on"}) {
        assertFinds(
            "\\| DNS \\+20 ms, TTL 1 s, "
                + connections
                + ", 1 thread, refresh ahead "
                + refresh
                + " \\| \\d+ \\|.*\\| \\d+\\.\\d{3} \\[\\d+\\.\\d{3}, \\d+\\.\\d{3}\\] \\|",
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
    assertFinds("\\| memory per cached host \\(500 hosts\\) \\| \\d+ B \\| <= 1024 B \\|", text);
    // The statistics: a smoke run asks for 1 round, which has no interval, so every comparison
    // adds rounds until it has one (bounded at 3): each ratio is shown with its bounds.
    assertFinds(
        "\\| warm keep-alive, 1 thread \\| 3 \\| .*"
            + "\\| \\d+\\.\\d{3} \\[\\d+\\.\\d{3}, \\d+\\.\\d{3}\\] \\|",
        text);
    assertTrue(text.contains("percentile bootstrap over the rounds"), text);
    assertTrue(text.contains("up to 3 rounds"), text);
    assertTrue(text.contains("## CLI start"), text);
    if (Files.isExecutable(Path.of(launcher))) {
      assertFinds(
          "\\| CLI start, `bin/privatelink check 10\\.0\\.0\\.4` / hi JVM \\| "
              + "\\d+\\.\\d{2} \\[\\d+\\.\\d{2}, \\d+\\.\\d{2}\\]x \\|",
          text);
      assertTrue(text.contains("`bin/privatelink check --dns DnsSandbox HOST`"), text);
    } else {
      assertTrue(text.contains("Not measured: not run: no executable launcher at"), text);
    }
    byte[] png = Files.readAllBytes(out.resolve("benchmarks.png"));
    assertTrue(png.length > 1000, "chart too small: " + png.length);
    assertTrue(png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "not a PNG");
  }

  /** Asserts that {@code regex} matches somewhere in {@code text}, showing the text if not. */
  private static void assertFinds(String regex, String text) {
    assertTrue(Pattern.compile(regex).matcher(text).find(), text);
  }
}
