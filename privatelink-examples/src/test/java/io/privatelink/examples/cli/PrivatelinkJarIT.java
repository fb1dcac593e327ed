package io.privatelink.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.Verdict;
import io.privatelink.testkit.AzureSandbox;
import io.privatelink.testkit.DnsFault;
import io.privatelink.testkit.DnsSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged {@code privatelink.jar}, run as a real process ({@code java -jar}) against a {@link
 * DnsSandbox} (or an {@link AzureSandbox} for the service commands): one test per exit status of
 * {@code check}, the demo, a refused {@code capabilities}, and the help of each new command. Runs
 * in Maven's integration-test phase, after the jar is built; the jar's path comes from the {@code
 * privatelink.jar} system property.
 */
class PrivatelinkJarIT {

  private static final String HOST = "myfhir.azurehealthcareapis.com";
  private static final long PROCESS_TIMEOUT_SECONDS = 30;

  /**
   * The demo starts servers and HAPI in a fresh JVM: seconds on a quiet machine, more on a busy CI.
   */
  private static final long DEMO_TIMEOUT_SECONDS = 120;

  @TempDir Path tmp;
  @RegisterExtension static final CheckSandbox SANDBOX = new CheckSandbox();

  private final DnsSandbox dns = SANDBOX.dns();

  /**
   * One {@code check} run of the jar: the sandbox's answer, the arguments after {@code check --dns
   * SANDBOX --allow 127.0.0.1/32}, the exit status and verdict it must show, and, where stderr must
   * stay empty, why.
   */
  private record CheckCase(
      String behaviour,
      Consumer<DnsSandbox> answer,
      List<String> args,
      int status,
      Verdict verdict,
      @Nullable String quietStderrBecause) {
    @Override
    public String toString() {
      return behaviour;
    }
  }

  static Stream<CheckCase> checkCases() {
    return Stream.of(
        new CheckCase(
            "a linked host exits 0",
            dns -> dns.privateEndpoint(HOST, "127.0.0.1"),
            List.of(HOST),
            0,
            Verdict.PRIVATE,
            "no log noise on stderr"),
        new CheckCase(
            "an unlinked host exits 2",
            dns -> dns.unlinkedZone(HOST, "52.1.2.3"),
            List.of(HOST),
            2,
            Verdict.PUBLIC_ADDRESS,
            "the resolver's WARN must not repeat the report"),
        new CheckCase(
            "a silent nameserver exits 3 within the timeout",
            dns -> dns.privateEndpoint(HOST, "127.0.0.1").fault(HOST, DnsFault.DROP),
            List.of("--timeout", "1s", HOST),
            3,
            Verdict.DNS_FAILURE,
            null),
        new CheckCase(
            "rejected input exits 64",
            dns -> {},
            List.of("0x7f.1"),
            64,
            Verdict.REJECTED_INPUT,
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("checkCases")
  void checkExitsWithTheStatusOfItsVerdict(CheckCase c) throws Exception {
    c.answer().accept(dns);

    ProcessRun r = check(c.args().toArray(new String[0]));

    assertEquals(c.status(), r.status, r::toString);
    assertTrue(r.out.contains("Verdict:   " + c.verdict()), r::toString);
    String quietBecause = c.quietStderrBecause();
    if (quietBecause != null) {
      assertEquals("", r.err, quietBecause);
    }
  }

  @Test
  void badAllowExitsSixtyFourWithOneParagraph() throws Exception {
    ProcessRun r = run("check", "--dns", dns.nameserver(), "--allow", "not-a-cidr", HOST);

    assertEquals(64, r.status, r::toString);
    assertTrue(r.err.startsWith("privatelink check: --allow 'not-a-cidr': "), r::toString);
    assertTrue(!r.err.contains("\tat "), r::toString);
  }

  @Test
  void jsonLineParsesBack() throws Exception {
    dns.privateEndpoint(HOST, "127.0.0.1");

    ProcessRun r = check("--json", HOST);

    assertEquals("PRIVATE", CliResult.jsonObject(r.out.strip()).get("verdict"), r::toString);
  }

  @Test
  void versionRunsFromTheJar() throws Exception {
    ProcessRun r = run("--version");

    assertEquals(0, r.status, r::toString);
    assertTrue(r.out.startsWith("privatelink " + VersionProvider.projectVersion()), r::toString);
  }

  @Test
  void demoExitsZeroAndShowsEachStepsFacts() throws Exception {
    ProcessRun r = runWithin(DEMO_TIMEOUT_SECONDS, "demo");

    assertEquals(0, r.status, r::toString);
    for (String line :
        new String[] {
          "127.0.0.1 plays the private endpoint, 127.0.0.2 the public internet",
          "   Verdict:   PRIVATE",
          "   FHIR version:   4.0.1",
          "   Software:       privatelink-testkit",
          "   Overall status: Healthy",
          "   Verdict:   PUBLIC_ADDRESS",
          "   Connections: 0",
          "Result: PASS, all 5 steps behaved as shown."
        }) {
      assertTrue(r.out.contains(line), () -> "expected '" + line + "' in\n" + r);
    }
    assertEquals("", r.err, "no log noise on stderr");
  }

  @Test
  void capabilitiesOfAnUnlinkedHostExitsTwoWithoutTouchingTheCanary() throws Exception {
    try (AzureSandbox sandbox = AzureSandbox.start()) {
      Path ca =
          Files.writeString(
              tmp.resolve("ca.pem"),
              sandbox.certificates().certificateAuthority().certificatePem());

      ProcessRun r =
          run(
              "capabilities",
              "--dns",
              sandbox.dns().nameserver(),
              "--allow",
              "127.0.0.1/32",
              "--ca-cert",
              ca.toString(),
              "--no-auth",
              sandbox.unlinkedFhirBaseUrl());

      assertEquals(2, r.status, r::toString);
      assertTrue(r.err.startsWith("privatelink capabilities: did not call "), r::toString);
      assertTrue(!r.err.contains("\tat "), r::toString);
      sandbox.assertCanariesUntouched();
    }
  }

  @Test
  void helpOfEachNewCommandRunsFromTheJar() throws Exception {
    for (String command : new String[] {"demo", "capabilities", "dicom-health", "export"}) {
      ProcessRun r = run(command, "--help");

      assertEquals(0, r.status, r::toString);
      assertTrue(r.out.startsWith("Usage: privatelink " + command + " "), r::toString);
    }
  }

  private ProcessRun check(String... args) throws Exception {
    return run(SANDBOX.check(args));
  }

  /**
   * {@code java -jar privatelink.jar args...}, bounded by a timeout and destroyed if it overruns.
   */
  private ProcessRun run(String... args) throws Exception {
    return runWithin(PROCESS_TIMEOUT_SECONDS, args);
  }

  private ProcessRun runWithin(long timeoutSeconds, String... args) throws Exception {
    return ProcessRun.run(new ProcessBuilder(ProcessRun.javaJar(args)), tmp, timeoutSeconds);
  }
}
