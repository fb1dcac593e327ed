package io.privatelink.examples.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What one run of the packaged CLI as a real process printed, and its exit status: the jar ({@link
 * #javaJar}) or the launcher script, for the {@code *IT} tests that Maven runs after packaging.
 */
final class ProcessRun {
  final int status;
  final String out;
  final String err;

  private ProcessRun(int status, String out, String err) {
    this.status = status;
    this.out = out;
    this.err = err;
  }

  /**
   * {@code java -jar privatelink.jar args...}, with this JVM's {@code java}; fails the test unless
   * the system property {@code privatelink.jar} names the built jar.
   */
  static List<String> javaJar(String... args) {
    String jar = System.getProperty("privatelink.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      fail(
          "system property privatelink.jar must name the built jar (run through mvn verify); was "
              + jar);
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar);
    command.addAll(List.of(args));
    return command;
  }

  /**
   * Starts {@code process} with no input and its output in {@code out.txt} and {@code err.txt}
   * under {@code dir}, and waits for it; fails the test if it is still running after {@code
   * timeoutSeconds}. The process is destroyed either way.
   */
  static ProcessRun run(ProcessBuilder process, Path dir, long timeoutSeconds)
      throws IOException, InterruptedException {
    File out = dir.resolve("out.txt").toFile();
    File err = dir.resolve("err.txt").toFile();
    Process started = process.redirectOutput(out).redirectError(err).start();
    try {
      started.getOutputStream().close(); // no input
      if (!started.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        fail(String.join(" ", process.command()) + " still running after " + timeoutSeconds + " s");
      }
      return new ProcessRun(started.exitValue(), read(out), read(err));
    } finally {
      started.destroyForcibly();
    }
  }

  private static String read(File file) throws IOException {
    return Files.readString(file.toPath(), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
