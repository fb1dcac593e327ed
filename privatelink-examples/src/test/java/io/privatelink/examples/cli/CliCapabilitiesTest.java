package io.privatelink.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.examples.SandboxFixture;
import io.privatelink.testkit.AzureSandbox;
import io.privatelink.testkit.DnsFault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code privatelink capabilities}, run in-process with {@code --no-auth} against an {@link
 * AzureSandbox}; the sandbox's CA is given with {@code --ca-cert}.
 */
class CliCapabilitiesTest {

  @RegisterExtension static final SandboxFixture fixture = new SandboxFixture();

  @TempDir static Path tmp;

  /** {@code capabilities --dns SANDBOX --allow 127.0.0.1/32 --ca-cert CA --no-auth args...}. */
  private static CliResult capabilities(String... args) {
    return CliResult.onSandbox(fixture, "capabilities", args);
  }

  /** {@code capabilities} of the linked service, with the CA file {@code ca} instead. */
  private static CliResult capabilitiesTrusting(Path ca) {
    return CliResult.onSandbox(fixture, ca, "capabilities", fixture.sandbox().fhirBaseUrl());
  }

  @Test
  void linkedServiceExitsZeroWithTheSummary() {
    CliResult r = capabilities(fixture.sandbox().fhirBaseUrl());

    r.assertPrinted(
        ExitStatus.PRIVATE,
        "FHIR version:   4.0.1",
        "Software:       privatelink-testkit",
        "Resource types: Observation, OperationDefinition, Patient");
    assertEquals("", r.err);
  }

  @Test
  void noAuthSendsNoAuthorizationHeader() {
    capabilities(fixture.sandbox().fhirBaseUrl());

    assertEquals(List.of(), fixture.sandbox().fhir().authorizationHeaders());
  }

  @Test
  void unlinkedServiceExitsTwoAndTheCanaryIsUntouched() {
    CliResult r = capabilities(fixture.sandbox().unlinkedFhirBaseUrl());

    assertEquals(ExitStatus.VIOLATION, r.status, r::toString);
    fixture.sandbox().assertCanariesUntouched();
  }

  @Test
  void refusalIsOneParagraphNamingHostVerdictAddressAndWhatToDo() {
    CliResult r = capabilities(fixture.sandbox().unlinkedFhirBaseUrl());

    assertEquals("", r.out);
    assertEquals(1, r.err.strip().lines().count(), r::toString);
    assertTrue(
        r.err.startsWith(
            "privatelink capabilities: did not call " + fixture.sandbox().unlinkedFhirBaseUrl()),
        r::toString);
    assertTrue(
        r.err.contains("refused " + AzureSandbox.UNLINKED_FHIR_HOST + ": PUBLIC_ADDRESS"),
        r::toString);
    assertTrue(r.err.contains("127.0.0.2 (not allowed)"), r::toString);
    assertTrue(r.err.contains("Run 'privatelink check'"), r::toString);
  }

  @Test
  void verboseAddsTheStackTrace() {
    CliResult r = capabilities("--verbose", fixture.sandbox().unlinkedFhirBaseUrl());

    assertEquals(ExitStatus.VIOLATION, r.status, r::toString);
    assertTrue(r.err.contains("\tat "), r::toString);
  }

  @Test
  void unknownHostExitsThree() {
    String gone = "gone-fhir.fhir.azurehealthcareapis.com";
    fixture.sandbox().dns().fault(gone, DnsFault.NXDOMAIN);

    CliResult r = capabilities("https://" + gone + "/");

    assertEquals(ExitStatus.DNS_PROBLEM, r.status, r::toString);
    assertTrue(r.err.contains("NO_SUCH_HOST"), r::toString);
  }

  @Test
  void withoutCaCertTheSandboxCertificateIsNotTrustedAndExitsOne() {
    CliResult r =
        CliResult.run(
            "capabilities",
            "--dns",
            fixture.sandbox().dns().nameserver(),
            "--allow",
            "127.0.0.1/32",
            "--no-auth",
            fixture.sandbox().fhirBaseUrl());

    assertEquals(ExitStatus.ERROR, r.status, r::toString);
    assertTrue(r.err.contains("The TLS handshake failed"), r::toString);
    assertTrue(r.err.contains("--ca-cert FILE"), r::toString);
    assertFalse(r.err.contains("\tat "), r::toString);
  }

  @Test
  void plainHttpUrlExitsSixtyFour() {
    CliResult r = capabilities("http://" + AzureSandbox.FHIR_HOST + "/");

    r.assertUsageError("https");
  }

  @Test
  void noAuthWithTenantExitsSixtyFour() {
    CliResult r = capabilities("--tenant", "contoso", fixture.sandbox().fhirBaseUrl());

    assertEquals(ExitStatus.USAGE, r.status, r::toString);
    assertTrue(r.err.startsWith("privatelink capabilities: --no-auth sends no token"), r::toString);
  }

  @Test
  void missingCaCertFileExitsSixtyFour() {
    CliResult r = capabilitiesTrusting(tmp.resolve("missing.pem"));

    r.assertUsageError("missing.pem: no such file");
  }

  @Test
  void caCertFileWithoutACertificateExitsSixtyFour() throws Exception {
    Path notPem = Files.writeString(tmp.resolve("not.pem"), "hello\n");

    CliResult r = capabilitiesTrusting(notPem);

    r.assertUsageError("-----BEGIN CERTIFICATE-----");
  }

  @Test
  void helpListsTheServiceOptionsAndExitStatuses() {
    CliResult.run("capabilities", "--help")
        .assertHelp(
            "Usage: privatelink capabilities ",
            "--dns",
            "--allow",
            "--deny",
            "--no-auth",
            "--tenant",
            "--ca-cert",
            " 1   the call failed");
  }
}
