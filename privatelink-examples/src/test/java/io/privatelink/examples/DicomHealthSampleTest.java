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
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link DicomHealthSample} against an {@link AzureSandbox}. */
class DicomHealthSampleTest {

  private static final String DICOM_SCOPE = "https://dicom.healthcareapis.azure.com/.default";

  private static AzureSandbox sandbox;
  private static OkHttpClient httpClient;

  @BeforeAll
  static void start() {
    sandbox = AzureSandbox.start();
    httpClient = SandboxClients.trustingSandboxCa(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void fresh() {
    sandbox.reset();
    sandbox.dicom().dicomHealth();
  }

  private Health check(String base, RecordingCredential credential) throws IOException {
    return DicomHealthSample.check(base, sandbox.newResolver(), credential, httpClient);
  }

  @Test
  void healthyServiceReportsHealthy() throws Exception {
    Health health = check(sandbox.dicomBaseUrl(), null);

    assertEquals(200, health.httpStatus());
    assertEquals("Healthy", health.overallStatus());
    assertTrue(health.healthy());
  }

  @Test
  void callsTheHealthPathUnderTheServiceUrl() throws Exception {
    check(sandbox.dicomBaseUrl(), null);

    assertEquals(TlsTestServer.DICOM_HEALTH_PATH, sandbox.dicom().requests().get(0).path());
  }

  @Test
  void sendsABearerTokenForTheDicomScopeWhenGivenACredential() throws Exception {
    RecordingCredential credential = new RecordingCredential();

    check(sandbox.dicomBaseUrl(), credential);

    assertEquals(List.of("Bearer token-1"), sandbox.dicom().authorizationHeaders());
    assertEquals(List.of(List.of(DICOM_SCOPE)), credential.scopes());
  }

  @Test
  void sendsNoAuthorizationWithoutACredential() throws Exception {
    check(sandbox.dicomBaseUrl(), null);

    assertTrue(sandbox.dicom().authorizationHeaders().isEmpty());
  }

  @Test
  void refusesAnUnlinkedHostWithoutATokenOrAConnection() {
    RecordingCredential credential = new RecordingCredential();

    PrivateLinkException e =
        assertThrows(
            PrivateLinkException.class, () -> check(sandbox.unlinkedDicomBaseUrl(), credential));

    assertEquals(Verdict.PUBLIC_ADDRESS, e.verdict());
    assertTrue(credential.scopes().isEmpty());
    sandbox.assertCanariesUntouched();
  }

  @Test
  void unhealthyAnswerIsNotHealthy() throws Exception {
    sandbox.dicom().respond(TlsTestServer.DICOM_HEALTH_PATH, 503, "{\"overallStatus\":\"Unhealthy\"}");

    Health health = check(sandbox.dicomBaseUrl(), null);

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
