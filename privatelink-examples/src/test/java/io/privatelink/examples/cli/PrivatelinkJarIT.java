package io.privatelink.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.testkit.AzureSandbox;
import io.privatelink.testkit.DnsSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void linkedHostExitsZero() throws Exception {
    dns.privateEndpoint(HOST, "127.0.0.1");

    ProcessRun r = check(HOST);

    assertEquals(0, r.status, r::toString);
    assertTrue(r.out.contains("Verdict:   PRIVATE"), r::toString);
    assertEquals("", r.err, "no log noise on stderr");
  }

  @Test
  void unlinkedHostExitsTwo() throws Exception {
    dns.unlinkedZone(HOST, "52.1.2.3");

    ProcessRun r = check(HOST);

    assertEquals(2, r.status, r::toString);
    assertTrue(r.out.contains("Verdict:   PUBLIC_ADDRESS"), r::toString);
    assertEquals("", r.err, "the resolver's WARN must not repeat the report");
  }

  @Test
  void silentNameserverExitsThreeWithinTheTimeout() throws Exception {
    dns.privateEndpoint(HOST, "127.0.0.1").drop(HOST);

    ProcessRun r = check("--timeout", "1s", HOST);

    assertEquals(3, r.status, r::toString);
    assertTrue(r.out.contains("Verdict:   DNS_FAILURE"), r::toString);
  }

  @Test
  void rejectedInputExitsSixtyFour() throws Exception {
    ProcessRun r = check("0x7f.1");

    assertEquals(64, r.status, r::toString);
    assertTrue(r.out.contains("Verdict:   REJECTED_INPUT"), r::toString);
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
