package io.privatelink.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.Verdict;
import io.privatelink.examples.DicomHealthSample.Health;
import io.privatelink.testkit.AzureSandbox;
import io.privatelink.testkit.TlsTestServer;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link DicomHealthSample} against an {@link AzureSandbox}. */
class DicomHealthSampleTest {

  private static final String DICOM_SCOPE = "https://dicom.healthcareapis.azure.com/.default";

  @RegisterExtension static final SandboxFixture fixture = SandboxFixture.withHealthyDicom();

  private Health check(String base, RecordingCredential credential) throws IOException {
    return DicomHealthSample.check(
        base, fixture.sandbox().newResolver(), credential, fixture.httpClient());
  }

  @Test
  void healthyServiceReportsHealthy() throws Exception {
    Health health = check(fixture.sandbox().dicomBaseUrl(), null);

    assertEquals(200, health.httpStatus());
    assertEquals("Healthy", health.overallStatus());
    assertTrue(health.healthy());
  }

  @Test
  void callsTheHealthPathUnderTheServiceUrl() throws Exception {
    check(fixture.sandbox().dicomBaseUrl(), null);

    assertEquals(
        TlsTestServer.DICOM_HEALTH_PATH, fixture.sandbox().dicom().requests().get(0).path());
  }

  @Test
  void sendsABearerTokenForTheDicomScopeWhenGivenACredential() throws Exception {
    RecordingCredential credential = new RecordingCredential();

    check(fixture.sandbox().dicomBaseUrl(), credential);

    assertEquals(List.of("Bearer token-1"), fixture.sandbox().dicom().authorizationHeaders());
    assertEquals(List.of(List.of(DICOM_SCOPE)), credential.scopes());
  }

  @Test
  void sendsNoAuthorizationWithoutACredential() throws Exception {
    check(fixture.sandbox().dicomBaseUrl(), null);

    assertTrue(fixture.sandbox().dicom().authorizationHeaders().isEmpty());
  }

  @Test
  void refusesAnUnlinkedHostWithoutATokenOrAConnection() {
    RecordingCredential credential = new RecordingCredential();

    PrivateLinkException e =
        assertThrows(
            PrivateLinkException.class,
            () -> check(fixture.sandbox().unlinkedDicomBaseUrl(), credential));

    assertEquals(Verdict.PUBLIC_ADDRESS, e.verdict());
    assertTrue(credential.scopes().isEmpty());
    fixture.sandbox().assertCanariesUntouched();
  }

  @Test
  void unhealthyAnswerIsNotHealthy() throws Exception {
    fixture
        .sandbox()
        .dicom()
        .respond(TlsTestServer.DICOM_HEALTH_PATH, 503, "{\"overallStatus\":\"Unhealthy\"}");

    Health health = check(fixture.sandbox().dicomBaseUrl(), null);

    assertEquals(503, health.httpStatus());
    assertEquals("Unhealthy", health.overallStatus());
    assertFalse(health.healthy());
  }

  @Test
  void plainHttpUrlIsRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> check("http://" + AzureSandbox.DICOM_HOST + "/", null));
  }
}
