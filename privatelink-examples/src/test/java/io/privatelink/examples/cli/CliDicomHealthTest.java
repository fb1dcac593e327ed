package io.privatelink.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.examples.SandboxFixture;
import io.privatelink.testkit.AzureSandbox;
import io.privatelink.testkit.TlsTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code privatelink dicom-health}, run in-process with {@code --no-auth} against an {@link
 * AzureSandbox}.
 */
class CliDicomHealthTest {

  @RegisterExtension static final SandboxFixture fixture = SandboxFixture.withHealthyDicom();

  private static CliResult dicomHealth(String... args) {
    return CliResult.onSandbox(fixture, "dicom-health", args);
  }

  @Test
  void healthyServiceExitsZeroAndPrintsItsStatus() {
    CliResult r = dicomHealth(fixture.sandbox().dicomBaseUrl());

    r.assertPrinted(ExitStatus.PRIVATE, "/health/check: HTTP 200", "Overall status: Healthy");
    assertEquals("", r.err);
  }

  @Test
  void unlinkedServiceExitsTwoAndTheCanaryIsUntouched() {
    CliResult r = dicomHealth(fixture.sandbox().unlinkedDicomBaseUrl());

    assertEquals(ExitStatus.VIOLATION, r.status, r::toString);
    assertTrue(
        r.err.contains("refused " + AzureSandbox.UNLINKED_DICOM_HOST + ": PUBLIC_ADDRESS"),
        r::toString);
    fixture.sandbox().assertCanariesUntouched();
  }

  @Test
  void unhealthyServiceExitsOne() {
    fixture
        .sandbox()
        .dicom()
        .respond(TlsTestServer.DICOM_HEALTH_PATH, 200, "{\"overallStatus\":\"Unhealthy\"}");

    CliResult r = dicomHealth(fixture.sandbox().dicomBaseUrl());

    assertEquals(ExitStatus.ERROR, r.status, r::toString);
    assertTrue(r.out.contains("Overall status: Unhealthy"), r::toString);
    assertTrue(
        r.err.startsWith("privatelink dicom-health: the service reports Unhealthy"), r::toString);
  }

  @Test
  void unauthorizedAnswerExitsOneWithRoleAdvice() {
    fixture.sandbox().dicom().respond(TlsTestServer.DICOM_HEALTH_PATH, 401, "");

    CliResult r = dicomHealth(fixture.sandbox().dicomBaseUrl());

    assertEquals(ExitStatus.ERROR, r.status, r::toString);
    assertTrue(r.err.contains("answered HTTP 401"), r::toString);
    assertTrue(r.err.contains("DICOM Data Reader"), r::toString);
  }

  @Test
  void helpListsTheServiceOptionsAndExitStatuses() {
    CliResult.run("dicom-health", "--help")
        .assertHelp(
            "Usage: privatelink dicom-health ",
            "--dns",
            "--allow",
            "--no-auth",
            "--tenant",
            "--ca-cert",
            " 2   a policy violation");
  }
}
