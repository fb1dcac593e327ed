package io.privatelink.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.privatelink.examples.SandboxFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What one in-process run of {@link PrivatelinkCli} printed, and its exit status. */
final class CliResult {
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  final int status;
  final String out;
  final String err;

  private CliResult(int status, String out, String err) {
    this.status = status;
    this.out = out;
    this.err = err;
  }

  /** Runs {@code privatelink args...} in this JVM. */
  static CliResult run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = PrivatelinkCli.run(new PrintWriter(out), new PrintWriter(err), args);
    return new CliResult(status, out.toString(), err.toString());
  }

  /**
   * Runs {@code privatelink command --dns SANDBOX --allow 127.0.0.1/32 --ca-cert CA --no-auth
   * args...} against the fixture's sandbox, trusting its CA.
   */
  static CliResult onSandbox(SandboxFixture fixture, String command, String... args) {
    return onSandbox(fixture, fixture.caCert(), command, args);
  }

  /** As {@link #onSandbox(SandboxFixture, String, String...)}, trusting the CA file {@code ca}. */
  static CliResult onSandbox(SandboxFixture fixture, Path ca, String command, String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                command,
                "--dns",
                fixture.sandbox().dns().nameserver(),
                "--allow",
                "127.0.0.1/32",
                "--ca-cert",
                ca.toString(),
                "--no-auth"));
    all.addAll(List.of(args));
    return run(all.toArray(new String[0]));
  }

  /** The first line of stdout that starts with {@code step} and a space: a doctor step's line. */
  String line(String step) {
    return out.lines()
        .filter(l -> l.startsWith(step + " "))
        .findFirst()
        .orElse("(no " + step + " line)");
  }

  /** Stdout with line breaks and indentation folded into single spaces, for wrapped fixes. */
  String flat() {
    return out.replaceAll("\\s+", " ");
  }

  /** Asserts that the run was a usage error (exit 64) whose stderr says {@code says}. */
  void assertUsageError(String says) {
    assertEquals(ExitStatus.USAGE, status, this::toString);
    assertTrue(err.contains(says), this::toString);
  }

  /**
   * Asserts that the run exited with {@code status} and that stdout shows each of {@code texts}.
   */
  void assertPrinted(int status, String... texts) {
    assertEquals(status, this.status, this::toString);
    for (String text : texts) {
      assertTrue(out.contains(text), () -> "expected '" + text + "' in\n" + this);
    }
  }

  /**
   * Asserts that the run printed help: exit 0, stdout starting with {@code usage} and mentioning
   * each of {@code texts}.
   */
  void assertHelp(String usage, String... texts) {
    assertPrinted(0, texts);
    assertTrue(out.startsWith(usage), this::toString);
  }

  /**
   * {@code line} parsed as one JSON object (arrays as lists, numbers as Integer or Long); throws
   * unless the whole line is exactly one object.
   */
  static Map<String, Object> jsonObject(String line) {
    try {
      return JSON.readValue(line, new TypeReference<Map<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("not one JSON object: " + line, e);
    }
  }

  @Override
  public String toString() {
    return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
