package io.privatelink.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code privatelink sandbox --json} in one process of the packaged jar and {@code privatelink
 * doctor} in others, as a user would run them: the announced scenarios give their announced exit
 * statuses, and SIGTERM stops the sandbox. Runs in Maven's integration-test phase.
 */
class SandboxDoctorJarIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long START_TIMEOUT_SECONDS = 120;
  private static final long PROCESS_TIMEOUT_SECONDS = 60;

  @TempDir static Path tmp;
  private static Process sandbox;
  private static JsonNode announced;

  @BeforeAll
  static void startSandbox() throws Exception {
    sandbox =
        new ProcessBuilder(ProcessRun.javaJar("sandbox", "--json"))
            .redirectError(tmp.resolve("sandbox-err.txt").toFile())
            .start();
    sandbox.getOutputStream().close();
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8));
    String first =
        CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return lines.readLine();
                  } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                })
            .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (first == null) {
      fail("the sandbox printed nothing: " + Files.readString(tmp.resolve("sandbox-err.txt")));
    }
    announced = JSON.readTree(first);
  }

  @AfterAll
  static void stopSandbox() throws Exception {
    if (sandbox != null) {
      sandbox.destroyForcibly();
    }
  }

  @Test
  void sandboxAnnouncesDnsCaCertAndScenariosOnOneLine() {
    assertTrue(announced.get("dns").asText().matches("127\\.0\\.0\\.1:\\d+"), announced::toString);
    assertTrue(Files.isRegularFile(Path.of(announced.get("caCert").asText())), announced::toString);
    List<String> names = new ArrayList<>();
    announced.get("scenarios").forEach(s -> names.add(s.get("name").asText()));
    assertEquals(SandboxScenariosTest.SCENARIO_NAMES, names);
  }

  /** One scenario per exit status (every scenario is run in-process by SandboxScenariosTest). */
  @Test
  void doctorInAnotherProcessGivesTheAnnouncedStatuses() throws Exception {
    for (JsonNode scenario : announced.get("scenarios")) {
      if (!List.of("linked", "unlinked", "public-access-on")
          .contains(scenario.get("name").asText())) {
        continue;
      }
      List<String> args =
          new ArrayList<>(
              List.of(
                  "doctor",
                  "--dns",
                  announced.get("dns").asText(),
                  "--allow",
                  announced.get("allow").asText(),
                  "--ca-cert",
                  announced.get("caCert").asText(),
                  "--no-auth"));
      scenario.get("doctorOptions").forEach(o -> args.add(o.asText()));
      args.add(scenario.get("url").asText());

      ProcessRun r = run(args);

      assertEquals(
          scenario.get("doctorWithOptions").asInt(), r.status, scenario.get("name") + ": " + r);
      assertEquals("", r.err, scenario.get("name") + ": no log noise on stderr");
    }
  }

  @Test
  void sigtermStopsASandbox() throws Exception {
    Process other =
        new ProcessBuilder(ProcessRun.javaJar("sandbox"))
            .redirectOutput(tmp.resolve("other-out.txt").toFile())
            .redirectError(tmp.resolve("other-err.txt").toFile())
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
      while (!Files.readString(tmp.resolve("other-out.txt")).contains("Ready.")
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }

      other.destroy(); // SIGTERM

      assertTrue(
          other.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS), "still running after SIGTERM");
      assertTrue(
          Files.readString(tmp.resolve("other-out.txt"))
              .endsWith("privatelink sandbox: stopped.\n"),
          Files.readString(tmp.resolve("other-out.txt")));
    } finally {
      other.destroyForcibly();
    }
  }

  private static ProcessRun run(List<String> args) throws Exception {
    return ProcessRun.run(
        new ProcessBuilder(ProcessRun.javaJar(args.toArray(new String[0]))),
        tmp,
        PROCESS_TIMEOUT_SECONDS);
  }
}
