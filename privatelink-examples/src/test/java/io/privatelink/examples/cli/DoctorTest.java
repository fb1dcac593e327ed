package io.privatelink.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.exception.ClientAuthenticationException;
import io.privatelink.core.NetworkPolicy;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.examples.SandboxFixture;
import io.privatelink.testkit.AzureSandbox;
import io.privatelink.testkit.FakeEntraCredential;
import io.privatelink.testkit.TlsTestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The token and service steps of {@link Doctor} with a credential: a {@link FakeEntraCredential}
 * plays Microsoft Entra ID (the edge we do not own) and issues unsigned JWTs with chosen claims;
 * the servers are the {@link AzureSandbox}'s and {@link TlsTestServer}s on loopback.
 */
class DoctorTest {

  private static final String OTHER_HOST = "doc-fhir.fhir.azurehealthcareapis.com";

  @RegisterExtension static final SandboxFixture fixture = SandboxFixture.withHealthyDicom();

  private record Run(int status, List<DoctorStep> steps) {
    DoctorStep step(String name) {
      return steps.stream().filter(s -> s.step().equals(name)).findFirst().orElseThrow();
    }
  }

  private static Run doctor(FakeEntraCredential credential, String tenant, String url) {
    List<DoctorStep> steps = new ArrayList<>();
    int status =
        new Doctor(
                fixture.sandbox().newResolver(),
                credential,
                tenant,
                fixture.httpClient(),
                null,
                false,
                null)
            .run(Doctor.serviceUrl(url), steps::add);
    return new Run(status, steps);
  }

  @Test
  void tokenForTheServiceScopePassesAndGoesOnlyToTheVerifiedService() {
    FakeEntraCredential credential = FakeEntraCredential.valid();

    Run r = doctor(credential, null, fixture.sandbox().fhirBaseUrl());

    assertEquals(ExitStatus.PRIVATE, r.status(), r::toString);
    assertEquals(DoctorStep.Outcome.PASS, r.step("token").outcome(), r::toString);
    assertTrue(
        r.step("token")
            .evidence()
            .startsWith(
                "aud https://" + AzureSandbox.FHIR_HOST + ", tid " + FakeEntraCredential.TENANT),
        r::toString);
    assertEquals(
        List.of(List.of("https://" + AzureSandbox.FHIR_HOST + "/.default")), credential.scopes());
    assertEquals(1, fixture.sandbox().fhir().authorizationHeaders().size());
    assertTrue(fixture.sandbox().fhir().authorizationHeaders().get(0).startsWith("Bearer ey"));
  }

  @Test
  void dicomTokenMustCarryTheDicomAudience() {
    Run r = doctor(FakeEntraCredential.valid(), null, fixture.sandbox().dicomBaseUrl());

    assertEquals(ExitStatus.PRIVATE, r.status(), r::toString);
    assertEquals("https://dicom.healthcareapis.azure.com", r.step("token").facts().get("aud"));
  }

  @Test
  void wrongAudienceFailsWithTheScopeToRequestAndNothingIsSent() {
    Run r =
        doctor(
            FakeEntraCredential.builder().audience("https://management.azure.com").build(),
            null,
            fixture.sandbox().fhirBaseUrl());

    assertEquals(ExitStatus.ERROR, r.status(), r::toString);
    DoctorStep token = r.step("token");
    assertEquals(DoctorStep.Outcome.FAIL, token.outcome(), r::toString);
    assertTrue(
        token
            .evidence()
            .contains(
                "audience https://management.azure.com is not the service's https://"
                    + AzureSandbox.FHIR_HOST),
        r::toString);
    assertTrue(
        token.fix().startsWith("request scope https://" + AzureSandbox.FHIR_HOST + "/.default"),
        r::toString);
    assertEquals(DoctorStep.Outcome.SKIP, r.step("service").outcome());
    assertEquals(List.of(), fixture.sandbox().fhir().authorizationHeaders());
  }

  @Test
  void tokenFromAnotherTenantThanTenantFails() {
    Run r =
        doctor(
            FakeEntraCredential.builder().tenant("11111111-2222-3333-4444-555555555555").build(),
            FakeEntraCredential.TENANT,
            fixture.sandbox().fhirBaseUrl());

    assertEquals(DoctorStep.Outcome.FAIL, r.step("token").outcome(), r::toString);
    assertTrue(
        r.step("token").fix().contains("az login --tenant " + FakeEntraCredential.TENANT),
        r::toString);
  }

  @Test
  void expiredTokenFails() {
    Run r =
        doctor(
            FakeEntraCredential.builder().expiresAt(Instant.now().minusSeconds(60)).build(),
            null,
            fixture.sandbox().fhirBaseUrl());

    assertEquals(DoctorStep.Outcome.FAIL, r.step("token").outcome(), r::toString);
    assertTrue(r.step("token").evidence().contains("the token has expired"), r::toString);
  }

  @Test
  void noSignInFailsTheTokenStepWithWhatToDo() {
    Run r =
        doctor(
            FakeEntraCredential.builder()
                .failing(
                    new ClientAuthenticationException(
                        "DefaultAzureCredential failed to retrieve a token", null))
                .build(),
            null,
            fixture.sandbox().fhirBaseUrl());

    assertEquals(ExitStatus.ERROR, r.status(), r::toString);
    assertTrue(
        r.step("token").evidence().contains("DefaultAzureCredential failed to retrieve a token"),
        r::toString);
    assertTrue(r.step("token").fix().startsWith("sign in with 'az login'"), r::toString);
  }

  @Test
  void noTokenIsRequestedForAHostThatDoesNotVerify() {
    FakeEntraCredential credential = FakeEntraCredential.valid();

    Run r = doctor(credential, null, fixture.sandbox().unlinkedFhirBaseUrl());

    assertEquals(ExitStatus.VIOLATION, r.status(), r::toString);
    assertEquals(List.of(), credential.scopes());
    fixture.sandbox().assertCanariesUntouched();
  }

  @Test
  void anIpv6EndpointIsNamedInItsShortForm() {
    try (TlsTestServer server = TlsTestServer.builder().address("::1").start()) {
      fixture.sandbox().dns().privateEndpoint(OTHER_HOST, "::1");
      PrivateLinkResolver ipv6 =
          PrivateLinkResolver.builder()
              .nameservers(fixture.sandbox().dns().nameserver())
              .policy(NetworkPolicy.builder().withoutDefaults().allow("::1/128").build())
              .build();
      List<DoctorStep> steps = new ArrayList<>();

      new Doctor(ipv6, FakeEntraCredential.valid(), null, fixture.httpClient(), null, false, null)
          .run(Doctor.serviceUrl(server.baseUrl(OTHER_HOST)), steps::add);

      Run r = new Run(ExitStatus.PRIVATE, steps);
      String endpoint = "[::1]:" + server.port();
      assertEquals(DoctorStep.Outcome.PASS, r.step("tcp").outcome(), r::toString);
      assertTrue(r.step("tcp").evidence().contains(endpoint), r::toString);
      assertFalse(r.step("tcp").evidence().contains("0:0:0"), r::toString);
      assertEquals(
          List.of(endpoint),
          ((List<?>) r.step("tcp").facts().get("connections"))
              .stream().map(c -> ((java.util.Map<?, ?>) c).get("address")).toList(),
          r::toString);
    }
  }

  @Test
  void forbiddenWithATokenNamesTheMissingFhirRole() {
    try (TlsTestServer server = TlsTestServer.builder().start()) {
      server.respond("/metadata", 403, "{\"resourceType\":\"OperationOutcome\"}");
      fixture.sandbox().dns().privateEndpoint(OTHER_HOST, "127.0.0.1");

      Run r = doctor(FakeEntraCredential.valid(), null, server.baseUrl(OTHER_HOST));

      assertEquals(ExitStatus.ERROR, r.status(), r::toString);
      assertTrue(
          r.step("service")
              .fix()
              .contains("assign FHIR Data Reader (read) or FHIR Data Contributor"),
          r::toString);
    }
  }

  @Test
  void forbiddenWithATokenNamesTheMissingDicomRole() {
    String dicomHost = "doc-dicom.dicom.azurehealthcareapis.com";
    try (TlsTestServer server = TlsTestServer.builder().start()) {
      server.respond("/health/check", 403, "");
      fixture.sandbox().dns().privateEndpoint(dicomHost, "127.0.0.1");

      Run r = doctor(FakeEntraCredential.valid(), null, server.baseUrl(dicomHost));

      assertTrue(
          r.step("service").fix().contains("assign DICOM Data Reader (read) or DICOM Data Owner"),
          r::toString);
    }
  }

  @Test
  void unauthorizedWithATokenPointsAtAudienceTenantAndRole() {
    try (TlsTestServer server = TlsTestServer.builder().start()) {
      server.respond("/metadata", 401, "");
      fixture.sandbox().dns().privateEndpoint(OTHER_HOST, "127.0.0.1");

      Run r = doctor(FakeEntraCredential.valid(), null, server.baseUrl(OTHER_HOST));

      assertTrue(
          r.step("service").fix().startsWith("the service did not accept the token"), r::toString);
      assertNull(r.step("token").fix());
    }
  }
}
