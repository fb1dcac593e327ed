package io.privatelink.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
  @Timeout(120)
  void smokeRunWritesTheTableAndTheChart(@TempDir Path out) throws Exception {
    Path markdown = Harness.run("--smoke", "--out", out.toString());

    String text = Files.readString(markdown);
    assertTrue(text.contains("SMOKE RUN"), text);
    assertTrue(text.contains("| measure | measured | target | met |"), text);
    assertTrue(text.contains("warm keep-alive, 1 thread"), text);
    assertTrue(text.contains("Apache HttpClient 4 warm keep-alive, 1 thread"), text);
    assertTrue(text.contains("Apache HttpClient 5 warm keep-alive, 1 thread"), text);
    assertTrue(text.contains("PolicyDecideBenchmark.v4MappedV6"), text);
    assertTrue(text.contains("ColdVerificationBenchmark.rawQueryPair"), text);
    assertTrue(text.contains("Fail fast"), text);
    assertTrue(text.contains("Single flight"), text);
    assertTrue(text.contains("HAPI read(Patient)"), text);
    byte[] png = Files.readAllBytes(out.resolve("benchmarks.png"));
    assertTrue(png.length > 1000, "chart too small: " + png.length);
    assertTrue(png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "not a PNG");
  }
}
