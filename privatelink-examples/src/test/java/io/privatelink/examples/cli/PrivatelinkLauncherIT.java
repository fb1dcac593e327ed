package io.privatelink.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher {@code target/bin/privatelink} (a POSIX sh script), run as a real process
 * the way an operator runs it: it finds the jar and the class-data archive beside it, and still
 * runs when the archive does not fit. The launcher's path comes from the {@code
 * privatelink.launcher} system property (Maven's integration-test phase, after packaging).
 */
class PrivatelinkLauncherIT {

  private static final long PROCESS_TIMEOUT_SECONDS = 60;

  /** JVM options that list each class loaded, and where from, on stdout. */
  private static final String CLASS_LOG = "-Xlog:class+load=info:stdout";

  @TempDir Path tmp;

  @Test
  void checksAnIpLiteralAndExitsZero() throws Exception {
    ProcessRun r = run(launcher(), Map.of(), "check", "10.0.0.4");

    assertEquals(0, r.status, r::toString);
    assertTrue(r.out.contains("Verdict:   PRIVATE"), r::toString);
    assertEquals("", r.err, "no JVM or CDS noise on stderr");
  }

  @Test
  void passesTheExitStatusThrough() throws Exception {
    ProcessRun r = run(launcher(), Map.of(), "check", "0x7f.1");

    assertEquals(ExitStatus.USAGE, r.status, r::toString);
  }

  @Test
  void mapsTheCheckClassesFromTheArchiveBuiltAtPackageTime() throws Exception {
    ProcessRun r = run(launcher(), Map.of("PRIVATELINK_JAVA_OPTS", CLASS_LOG), "check", "10.0.0.4");

    assertEquals(0, r.status, r::toString);
    assertTrue(
        r.out.contains("io.privatelink.examples.cli.CheckCommand source: shared objects file"),
        "CheckCommand should come from the archive:\n" + r);
  }

  @Test
  void checksAnIpLiteralWithoutRunningPicocli() throws Exception {
    ProcessRun r = run(launcher(), Map.of("PRIVATELINK_JAVA_OPTS", CLASS_LOG), "check", "10.0.0.4");

    assertEquals(0, r.status, r::toString);
    assertTrue(r.out.contains("] io.privatelink.examples.cli.CheckFastPath source:"), r::toString);
    // Linking the CLI's classes loads the few picocli exception types they throw, nothing more.
    assertFalse(r.out.contains("] picocli.CommandLine source:"), "check ran picocli:\n" + r);
  }

  @Test
  void mapsPicocliFromTheArchiveForTheHelp() throws Exception {
    ProcessRun r = run(launcher(), Map.of("PRIVATELINK_JAVA_OPTS", CLASS_LOG), "--help");

    assertEquals(0, r.status, r::toString);
    // On JDK 17 the static archive holds picocli, whose version 49 class files a dynamic one
    // leaves out; newer JDKs leave such old class files out of every archive.
    String picocli =
        "picocli.CommandLine source: "
            + (Runtime.version().feature() == 17 ? "shared objects file" : "");
    assertTrue(r.out.contains(picocli), "expected '" + picocli + "' in:\n" + r);
  }

  @Test
  void runsWithoutTheArchiveWhenItDoesNotFit() throws Exception {
    // A copy of the layout with a corrupt archive, as after a JDK upgrade: slower, never broken.
    Path home = copyOfTheLayout("privatelink.jar", "privatelink-cli.jar");
    Files.writeString(home.resolve("privatelink.jsa"), "not an archive");

    ProcessRun r = run(home.resolve("bin/privatelink"), Map.of(), "check", "10.0.0.4");

    assertEquals(0, r.status, r::toString);
    assertTrue(r.out.contains("Verdict:   PRIVATE"), r::toString);
    assertFalse(r.err.contains("error"), r::toString);
  }

  @Test
  void runsFromTheJarAloneWithoutTheSmallJarOrTheArchive() throws Exception {
    Path home = copyOfTheLayout("privatelink.jar");

    ProcessRun r = run(home.resolve("bin/privatelink"), Map.of(), "check", "10.0.0.4");

    assertEquals(0, r.status, r::toString);
    assertTrue(r.out.contains("Verdict:   PRIVATE"), r::toString);
    assertEquals("", r.err, r::toString);
  }

  @Test
  void saysHowToBuildTheJarWhenItIsMissing() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("empty"));
    Files.createDirectories(home.resolve("bin"));
    Path script = Files.copy(launcher(), home.resolve("bin/privatelink"));

    ProcessRun r = run(script, Map.of(), "check", "10.0.0.4");

    assertEquals(ExitStatus.ERROR, r.status, r::toString);
    assertTrue(r.err.contains("privatelink.jar not found"), r::toString);
    assertTrue(r.err.contains("mvnw"), r::toString);
  }

  /**
   * Removes the links of {@link #copyOfTheLayout}, not what they point to, before @TempDir cleans.
   */
  @AfterEach
  void removeLinks() throws IOException {
    Path home = tmp.resolve("home");
    if (Files.isDirectory(home)) {
      try (var files = Files.list(home)) {
        for (Path file : files.filter(Files::isSymbolicLink).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  /** A home with a copy of the launcher in bin/ and links to the named files of the real one. */
  private Path copyOfTheLayout(String... files) throws IOException {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Files.createDirectories(home.resolve("bin"));
    Files.copy(launcher(), home.resolve("bin/privatelink"));
    for (String file : files) {
      Files.createSymbolicLink(home.resolve(file), launcher().getParent().resolveSibling(file));
    }
    return home;
  }

  private ProcessRun run(Path script, Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(script.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove("PRIVATELINK_JAVA_OPTS");
    builder.environment().putAll(env);
    return ProcessRun.run(builder, tmp, PROCESS_TIMEOUT_SECONDS);
  }

  private static Path launcher() {
    String path = System.getProperty("privatelink.launcher");
    if (path == null || !Files.isExecutable(Path.of(path))) {
      fail(
          "system property privatelink.launcher must name the packaged, executable launcher"
              + " (run through mvn verify); was "
              + path);
    }
    return Path.of(path);
  }
}
