package io.privatelink.hapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import io.privatelink.core.GuardedHttpClient;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.testkit.AzureSandbox;
import io.privatelink.testkit.AzureSandboxExtension;
import io.privatelink.testkit.FakeEntraCredential;
import java.util.List;
import okhttp3.OkHttpClient;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HAPI examples of README.md and of this module's Javadoc, run as written against an {@link
 * AzureSandbox} (DocSnippetsTest in privatelink-it holds the docs to these regions).
 */
class HapiExamplesTest {

  private static final Logger log = LoggerFactory.getLogger(HapiExamplesTest.class);

  @RegisterExtension static final AzureSandboxExtension SANDBOX = new AzureSandboxExtension();
  private static AzureSandbox sandbox;
  private String serverBase;
  private PrivateLinkResolver resolver;
  private FakeEntraCredential credential;
  private OkHttpClient httpClient;

  @BeforeEach
  void fresh() {
    sandbox = SANDBOX.sandbox();
    sandbox.fhir().seed(new Patient().addName(new HumanName().setFamily("Example")).setId("123"));
    serverBase = sandbox.fhirBaseUrl();
    resolver = sandbox.newResolver();
    credential = FakeEntraCredential.valid();
    httpClient =
        new OkHttpClient.Builder()
            .sslSocketFactory(
                sandbox.certificates().clientSocketFactory(), sandbox.certificates().trustManager())
            .build();
  }

  @Test
  void readmeAndBuilderJavadocReadAPatientWithAToken() {
    // region:readme-hapi-client
    FhirContext ctx = FhirContext.forR4();
    IGenericClient client =
        PrivateLinkFhirClient.builder(ctx)
            .serverBase(serverBase) // e.g. "https://myfhir.azurehealthcareapis.com/"
            .resolver(
                resolver) // e.g. PrivateLinkResolver.builder().build(): the VNet's resolv.conf
            .credential(credential) // e.g. new DefaultAzureCredentialBuilder().build()
            .httpClient(httpClient) // optional: your OkHttpClient (timeouts, pool, TLS trust)
            .build(); // fails here if the host is not private
    Patient p = client.read().resource(Patient.class).withId("123").execute();
    // endregion
    assertEquals("Example", p.getNameFirstRep().getFamily());
    assertEquals(
        List.of("Bearer " + credential.token(1), "Bearer " + credential.token(1)),
        sandbox.fhir().authorizationHeaders());
    sandbox.assertCanariesUntouched();
  }

  @Test
  void factoryJavadocGuardsAnExistingContext() {
    OkHttpClient yourClient = httpClient;
    // region:javadoc-PrivateLinkRestfulClientFactory
    FhirContext ctx = FhirContext.forR4();
    OkHttpClient guarded = GuardedHttpClient.builder().resolver(resolver).from(yourClient).build();
    ctx.setRestfulClientFactory(new PrivateLinkRestfulClientFactory(ctx, guarded));
    IGenericClient client = ctx.newRestfulGenericClient(serverBase); // e.g. https://myfhir...
    Patient patient = client.read().resource(Patient.class).withId("123").execute();
    // endregion
    assertEquals("Example", patient.getNameFirstRep().getFamily());
    sandbox.assertCanariesUntouched();
  }

  @Test
  void tokenInterceptorJavadocAddsTheBearerToken() {
    FhirContext ctx = FhirContext.forR4();
    ctx.setRestfulClientFactory(
        new PrivateLinkRestfulClientFactory(
            ctx, GuardedHttpClient.builder().resolver(resolver).from(httpClient).build()));
    IGenericClient client = ctx.newRestfulGenericClient(serverBase);
    // region:javadoc-AzureTokenInterceptor
    AzureTokenInterceptor tokens =
        AzureTokenInterceptor.builder()
            .credential(credential) // e.g. new DefaultAzureCredentialBuilder().build()
            .serverBase(serverBase) // e.g. "https://myfhir.azurehealthcareapis.com/"
            .resolver(resolver) // the same resolver the guarded client uses
            .build();
    client.registerInterceptor(tokens);
    // endregion
    client.read().resource(Patient.class).withId("123").execute();
    assertTrue(sandbox.fhir().authorizationHeaders().contains("Bearer " + credential.token(1)));
  }

  @Test
  void exceptionJavadocFindsTheVerdictInHapisWrapper() {
    FhirContext ctx = FhirContext.forR4();
    ctx.setRestfulClientFactory(
        new PrivateLinkRestfulClientFactory(
            ctx, GuardedHttpClient.builder().resolver(resolver).from(httpClient).build()));
    IGenericClient client = ctx.newRestfulGenericClient(sandbox.unlinkedFhirBaseUrl());
    // region:javadoc-PrivateLinkException
    try {
      client.read().resource(Patient.class).withId("1").execute();
    } catch (FhirClientConnectionException e) {
      PrivateLinkException.find(e).ifPresent(p -> log.error("{}: {}", p.verdict(), p.diagnosis()));
    }
    // endregion
    FhirClientConnectionException e =
        assertThrows(
            FhirClientConnectionException.class,
            () -> client.read().resource(Patient.class).withId("1").execute());
    assertTrue(PrivateLinkException.find(e).isPresent());
    sandbox.assertCanariesUntouched();
  }
}
