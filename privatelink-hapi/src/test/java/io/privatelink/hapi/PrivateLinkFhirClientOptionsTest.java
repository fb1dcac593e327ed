package io.privatelink.hapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import io.privatelink.testkit.AzureSandbox;
import io.privatelink.testkit.AzureSandboxExtension;
import io.privatelink.testkit.FakeEntraCredential;
import io.privatelink.testkit.RecordedRequest;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Builder and factory options, against the sandbox's real HAPI server. */
class PrivateLinkFhirClientOptionsTest {

  @RegisterExtension static final AzureSandboxExtension SANDBOX = new AzureSandboxExtension();
  private static AzureSandbox sandbox;
  private OkHttpClient trusting;

  @BeforeEach
  void fresh() {
    sandbox = SANDBOX.sandbox();
    trusting =
        new OkHttpClient.Builder()
            .sslSocketFactory(
                sandbox.certificates().clientSocketFactory(), sandbox.certificates().trustManager())
            .build();
  }

  private PrivateLinkFhirClient.Builder builder() {
    return PrivateLinkFhirClient.builder(FhirContext.forR4())
        .serverBase(sandbox.fhirBaseUrl())
        .resolver(sandbox.newResolver())
        .httpClient(trusting)
        .serverValidationMode(ServerValidationModeEnum.NEVER);
  }

  private static Patient named(String family) {
    return new Patient().addName(new HumanName().setFamily(family));
  }

  private static RecordedRequest lastPost() {
    return sandbox.fhir().requests().stream()
        .filter(r -> r.method().equals("POST"))
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  @Test
  void aTokenRefreshMarginLongerThanTheTokenLifetimeRefreshesBeforeEveryRequest() {
    FakeEntraCredential credential =
        FakeEntraCredential.builder().lifetime(Duration.ofMinutes(10)).build();
    IGenericClient client =
        builder().credential(credential).tokenRefreshMargin(Duration.ofMinutes(15)).build();

    client.capabilities().ofType(org.hl7.fhir.r4.model.CapabilityStatement.class).execute();
    client.capabilities().ofType(org.hl7.fhir.r4.model.CapabilityStatement.class).execute();

    assertEquals(2, credential.calls());
  }

  @Test
  void theDefaultTokenRefreshMarginReusesATenMinuteToken() {
    FakeEntraCredential credential =
        FakeEntraCredential.builder().lifetime(Duration.ofMinutes(10)).build();
    IGenericClient client = builder().credential(credential).build();

    client.capabilities().ofType(org.hl7.fhir.r4.model.CapabilityStatement.class).execute();
    client.capabilities().ofType(org.hl7.fhir.r4.model.CapabilityStatement.class).execute();

    assertEquals(1, credential.calls());
  }

  @Test
  void gzipRequestBodiesSendsACompressedBodyTheServerReads() {
    IGenericClient client = builder().gzipRequestBodies(true).build();

    String id = client.create().resource(named("Zipped")).execute().getId().getIdPart();

    assertEquals("gzip", lastPost().header("Content-Encoding"));
    assertEquals(
        "Zipped",
        client.read().resource(Patient.class).withId(id).execute().getNameFirstRep().getFamily());
  }

  @Test
  void requestBodiesAreNotCompressedByDefault() {
    IGenericClient client = builder().build();

    client.create().resource(named("Plain")).execute();

    assertNull(lastPost().header("Content-Encoding"));
  }

  @Test
  void theFactoryOptionCompressesForEveryClientOfTheContext() {
    FhirContext ctx = FhirContext.forR4();
    IGenericClient first =
        PrivateLinkFhirClient.builder(ctx)
            .serverBase(sandbox.fhirBaseUrl())
            .resolver(sandbox.newResolver())
            .httpClient(trusting)
            .serverValidationMode(ServerValidationModeEnum.NEVER)
            .build();
    ((PrivateLinkRestfulClientFactory) ctx.getRestfulClientFactory()).setGzipRequestBodies(true);
    IGenericClient other = ctx.newRestfulGenericClient(sandbox.fhirBaseUrl());
    ((ca.uhn.fhir.rest.client.impl.BaseClient) other).setDontValidateConformance(true);

    first.create().resource(named("One")).execute();
    assertEquals("gzip", lastPost().header("Content-Encoding"));
    other.create().resource(named("Two")).execute();
    assertEquals("gzip", lastPost().header("Content-Encoding"));
  }
}
