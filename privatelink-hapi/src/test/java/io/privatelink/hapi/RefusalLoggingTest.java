package io.privatelink.hapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import io.privatelink.core.GuardedHttpClient;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.AzureSandbox;
import io.privatelink.testkit.AzureSandboxExtension;
import io.privatelink.testkit.FakeEntraCredential;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
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

  private static String capturingStdErr(Runnable work) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      work.run();
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    original.print(log);
    return log;
  }

  private static long lines(String log, String level) {
    return log.lines().filter(l -> l.contains(" " + level + " ")).count();
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
    FhirContext ctx = FhirContext.forR4();
    OkHttpClient trusting =
        new OkHttpClient.Builder()
            .sslSocketFactory(
                sandbox.certificates().clientSocketFactory(), sandbox.certificates().trustManager())
            .build();
    PrivateLinkRestfulClientFactory factory =
        new PrivateLinkRestfulClientFactory(
            ctx,
            GuardedHttpClient.builder().resolver(sandbox.newResolver()).from(trusting).build());
    factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
    ctx.setRestfulClientFactory(factory);
    IGenericClient client = ctx.newRestfulGenericClient(sandbox.unlinkedFhirBaseUrl());
    client.registerInterceptor(tokensFor(sandbox.unlinkedFhirBaseUrl()));

    String log =
        capturingStdErr(
            () ->
                repeatRefused(
                    client,
                    e ->
                        assertEquals(
                            Verdict.PUBLIC_ADDRESS,
                            PrivateLinkException.find(e).orElseThrow().verdict())));

    assertEquals(0, lines(log, "ERROR"), log);
    assertTrue(lines(log, "WARN") <= 1, log);
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
