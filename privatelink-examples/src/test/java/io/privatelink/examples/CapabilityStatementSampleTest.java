package io.privatelink.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.AzureSandbox;
import io.privatelink.testkit.EmbeddedFhirServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import okhttp3.OkHttpClient;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link CapabilityStatementSample} against an {@link AzureSandbox}. */
class CapabilityStatementSampleTest {

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
  }

  private CapabilityStatement fetch(String base, RecordingCredential credential) {
    return CapabilityStatementSample.fetch(base, sandbox.newResolver(), credential, httpClient);
  }

  @Test
  void readsTheCapabilityStatementOfTheLinkedServer() {
    CapabilityStatement cs = fetch(sandbox.fhirBaseUrl(), null);

    assertEquals("4.0.1", cs.getFhirVersion().toCode());
    assertEquals(EmbeddedFhirServer.SOFTWARE_NAME, cs.getSoftware().getName());
  }

  @Test
  void asksOnlyForMetadataOnce() {
    fetch(sandbox.fhirBaseUrl(), null);

    assertEquals(List.of("/metadata"), sandbox.fhir().requests().stream().map(r -> r.path()).toList());
  }

  @Test
  void sendsABearerTokenForTheFhirScopeWhenGivenACredential() {
    RecordingCredential credential = new RecordingCredential();

    fetch(sandbox.fhirBaseUrl(), credential);

    assertEquals(List.of("Bearer token-1"), sandbox.fhir().authorizationHeaders());
    assertEquals(
        List.of(List.of("https://" + AzureSandbox.FHIR_HOST + "/.default")), credential.scopes());
  }

  @Test
  void sendsNoAuthorizationWithoutACredential() {
    fetch(sandbox.fhirBaseUrl(), null);

    assertTrue(sandbox.fhir().authorizationHeaders().isEmpty());
  }

  @Test
  void refusesAnUnlinkedHostWithoutATokenOrAConnection() {
    RecordingCredential credential = new RecordingCredential();

    FhirClientConnectionException e =
        assertThrows(
            FhirClientConnectionException.class,
            () -> fetch(sandbox.unlinkedFhirBaseUrl(), credential));

    assertEquals(Verdict.PUBLIC_ADDRESS, PrivateLinkException.find(e).orElseThrow().verdict());
    assertTrue(credential.scopes().isEmpty());
    sandbox.assertCanariesUntouched();
  }

  @Test
  void printsVersionSoftwareAndResourceTypes() {
    StringWriter text = new StringWriter();

    CapabilityStatementSample.print(fetch(sandbox.fhirBaseUrl(), null), new PrintWriter(text));

    String out = text.toString().replace(System.lineSeparator(), "\n");
    assertTrue(out.contains("FHIR version:   4.0.1\n"), out);
    assertTrue(out.contains("Software:       privatelink-testkit"), out);
    assertTrue(out.contains("Resource types: Observation, OperationDefinition, Patient\n"), out);
  }
}
