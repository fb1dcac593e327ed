package io.privatelink.hapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.AzureSandbox;
import io.privatelink.testkit.AzureSandboxExtension;
import io.privatelink.testkit.CapturedLog;
import io.privatelink.testkit.FakeEntraCredential;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A host that stopped verifying (its zone unlinked overnight) must not bury the app's log: on the
 * guarded transport the token interceptor lets the transport refuse, so HAPI never logs an
 * interceptor failure; the rate-limited WARN of the resolver is all there is. Counts the lines
 * slf4j-simple (this module's test binding) writes to System.err.
 */
class RefusalLoggingTest {

  private static final int REQUESTS = 40;

  @RegisterExtension static final AzureSandboxExtension SANDBOX = new AzureSandboxExtension();
  private static AzureSandbox sandbox;
  private FakeEntraCredential credential;

  @BeforeEach
  void fresh() {
    sandbox = SANDBOX.sandbox();
    credential = FakeEntraCredential.valid();
  }

  private AzureTokenInterceptor tokensFor(String base) {
    return AzureTokenInterceptor.builder()
        .credential(credential)
        .serverBase(base)
        .resolver(sandbox.newResolver())
        .build();
  }

  private static void repeatRefused(
      IGenericClient client, Consumer<FhirClientConnectionException> check) {
    for (int i = 0; i < REQUESTS; i++) {
      FhirClientConnectionException e =
          assertThrows(
              FhirClientConnectionException.class,
              () -> client.read().resource(Patient.class).withId("1").execute());
      check.accept(e);
    }
  }

  @Test
  void onTheGuardedTransportARefusedHostLogsNoErrorPerRequest() {
    FhirContext ctx = GuardedSandboxContext.of(sandbox);
    IGenericClient client = ctx.newRestfulGenericClient(sandbox.unlinkedFhirBaseUrl());
    client.registerInterceptor(tokensFor(sandbox.unlinkedFhirBaseUrl()));

    CapturedLog log =
        CapturedLog.ofStdErr(
            () ->
                repeatRefused(
                    client,
                    e ->
                        assertEquals(
                            Verdict.PUBLIC_ADDRESS,
                            PrivateLinkException.find(e).orElseThrow().verdict())));

    assertEquals(0, log.lines("ERROR"), log.text());
    assertTrue(log.lines("WARN") <= 1, log.text());
    assertEquals(0, credential.calls());
    sandbox.assertCanariesUntouched();
  }

  @Test
  void onAnUnguardedClientTheInterceptorStillRefusesLoudly() {
    FhirContext ctx = FhirContext.forR4(); // HAPI's own Apache client: nothing guards the transport
    ctx.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    IGenericClient client = ctx.newRestfulGenericClient(sandbox.unlinkedFhirBaseUrl());
    client.registerInterceptor(tokensFor(sandbox.unlinkedFhirBaseUrl()));

    FhirClientConnectionException e =
        assertThrows(
            FhirClientConnectionException.class,
            () -> client.read().resource(Patient.class).withId("1").execute());

    assertTrue(e.getMessage().contains("Not requesting an access token"), e.getMessage());
    assertEquals(Verdict.PUBLIC_ADDRESS, PrivateLinkException.find(e).orElseThrow().verdict());
    assertEquals(0, credential.calls());
    sandbox.assertCanariesUntouched();
  }
}
