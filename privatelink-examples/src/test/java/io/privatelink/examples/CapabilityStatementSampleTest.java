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
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link CapabilityStatementSample} against an {@link AzureSandbox}. */
class CapabilityStatementSampleTest {

  @RegisterExtension static final SandboxFixture fixture = new SandboxFixture();

  private CapabilityStatement fetch(String base, RecordingCredential credential) {
    return CapabilityStatementSample.fetch(
        base, fixture.sandbox().newResolver(), credential, fixture.httpClient());
  }

  @Test
  void readsTheCapabilityStatementOfTheLinkedServer() {
    CapabilityStatement cs = fetch(fixture.sandbox().fhirBaseUrl(), null);

    assertEquals("4.0.1", cs.getFhirVersion().toCode());
    assertEquals(EmbeddedFhirServer.SOFTWARE_NAME, cs.getSoftware().getName());
  }

  @Test
  void asksOnlyForMetadataOnce() {
    fetch(fixture.sandbox().fhirBaseUrl(), null);

    assertEquals(
        List.of("/metadata"),
        fixture.sandbox().fhir().requests().stream().map(r -> r.path()).toList());
  }

  @Test
  void sendsABearerTokenForTheFhirScopeWhenGivenACredential() {
    RecordingCredential credential = new RecordingCredential();

    fetch(fixture.sandbox().fhirBaseUrl(), credential);

    assertEquals(List.of("Bearer token-1"), fixture.sandbox().fhir().authorizationHeaders());
    assertEquals(
        List.of(List.of("https://" + AzureSandbox.FHIR_HOST + "/.default")), credential.scopes());
  }

  @Test
  void sendsNoAuthorizationWithoutACredential() {
    fetch(fixture.sandbox().fhirBaseUrl(), null);

    assertTrue(fixture.sandbox().fhir().authorizationHeaders().isEmpty());
  }

  @Test
  void refusesAnUnlinkedHostWithoutATokenOrAConnection() {
    RecordingCredential credential = new RecordingCredential();

    FhirClientConnectionException e =
        assertThrows(
            FhirClientConnectionException.class,
            () -> fetch(fixture.sandbox().unlinkedFhirBaseUrl(), credential));

    assertEquals(Verdict.PUBLIC_ADDRESS, PrivateLinkException.find(e).orElseThrow().verdict());
    assertTrue(credential.scopes().isEmpty());
    fixture.sandbox().assertCanariesUntouched();
  }

  @Test
  void printsVersionSoftwareAndResourceTypes() {
    StringWriter text = new StringWriter();

    CapabilityStatementSample.print(
        fetch(fixture.sandbox().fhirBaseUrl(), null), new PrintWriter(text));

    String out = text.toString().replace(System.lineSeparator(), "\n");
    assertTrue(out.contains("FHIR version:   4.0.1\n"), out);
    assertTrue(out.contains("Software:       privatelink-testkit"), out);
    assertTrue(out.contains("Resource types: Observation, OperationDefinition, Patient\n"), out);
  }
}
