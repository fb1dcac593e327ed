package io.privatelink.hapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/**
 * The factory's own contract, without a server: installation, setters, failures before a response.
 */
class PrivateLinkRestfulClientFactoryTest {

  private static final String BASE = "https://myfhir.azurehealthcareapis.com/";

  private final AtomicInteger lookups = new AtomicInteger();
  private final UnknownHostException notPrivate =
      new UnknownHostException("myfhir.azurehealthcareapis.com resolves to a public address");
  private final Dns refusingDns =
      host -> {
        lookups.incrementAndGet();
        throw notPrivate;
      };

  private static FhirContext newContext() {
    return FhirContext.forR4(); // a fresh context per test: the factory is installed on it
  }

  private static PrivateLinkRestfulClientFactory install(FhirContext ctx, OkHttpClient client) {
    PrivateLinkRestfulClientFactory factory = new PrivateLinkRestfulClientFactory(ctx, client);
    ctx.setRestfulClientFactory(factory);
    return factory;
  }

  @Test
  void uninstalledFactoryRefusesToCreateClients() {
    FhirContext ctx = newContext();
    PrivateLinkRestfulClientFactory factory =
        new PrivateLinkRestfulClientFactory(ctx, new OkHttpClient());

    assertThrows(IllegalStateException.class, () -> factory.newGenericClient(BASE));
  }

  @Test
  void installedFactoryServesContextClients() {
    FhirContext ctx = newContext();
    PrivateLinkRestfulClientFactory factory = install(ctx, new OkHttpClient());

    assertSame(factory, ctx.getRestfulClientFactory());
    ctx.newRestfulGenericClient(BASE); // no exception
  }

  @Test
  void setProxyIsRefused() {
    PrivateLinkRestfulClientFactory factory = install(newContext(), new OkHttpClient());

    UnsupportedOperationException e =
        assertThrows(
            UnsupportedOperationException.class, () -> factory.setProxy("proxy.corp", 3128));
    assertTrue(e.getMessage().contains("private-link"), e.getMessage());
  }

  @Test
  void setProxyCredentialsIsRefused() {
    PrivateLinkRestfulClientFactory factory = install(newContext(), new OkHttpClient());

    assertThrows(
        UnsupportedOperationException.class, () -> factory.setProxyCredentials("user", "secret"));
  }

  @Test
  void setHttpClientIsRefused() {
    PrivateLinkRestfulClientFactory factory = install(newContext(), new OkHttpClient());

    assertThrows(
        UnsupportedOperationException.class, () -> factory.setHttpClient(new OkHttpClient()));
  }

  @Test
  void usesHandedInClientUntilASetterIsCalled() {
    OkHttpClient guarded = new OkHttpClient.Builder().dns(refusingDns).build();
    PrivateLinkRestfulClientFactory factory = install(newContext(), guarded);

    assertSame(guarded, factory.getOkHttpClient());
  }

  @Test
  void timeoutSettersDeriveFromHandedInClientKeepingItsDns() {
    OkHttpClient guarded = new OkHttpClient.Builder().dns(refusingDns).build();
    PrivateLinkRestfulClientFactory factory = install(newContext(), guarded);

    factory.setConnectTimeout(1234);
    factory.setSocketTimeout(5678);
    factory.setPoolMaxTotal(3);
    factory.setConnectionTimeToLive(999);
    OkHttpClient derived = factory.getOkHttpClient();

    assertSame(refusingDns, derived.dns());
    assertSame(guarded.socketFactory(), derived.socketFactory());
    assertEquals(1234, derived.connectTimeoutMillis());
    assertEquals(5678, derived.readTimeoutMillis());
    assertEquals(5678, derived.writeTimeoutMillis());
  }

  @Test
  void gettersReportTheTimeoutsOfTheClientInUse() {
    OkHttpClient guarded =
        new OkHttpClient.Builder()
            .connectTimeout(java.time.Duration.ofMillis(2500))
            .readTimeout(java.time.Duration.ofMillis(7500))
            .build();
    PrivateLinkRestfulClientFactory factory = install(newContext(), guarded);

    assertEquals(2500, factory.getConnectTimeout());
    assertEquals(7500, factory.getSocketTimeout());
  }

  @Test
  void negativeTimeoutIsRejected() {
    PrivateLinkRestfulClientFactory factory = install(newContext(), new OkHttpClient());

    assertThrows(IllegalArgumentException.class, () -> factory.setConnectTimeout(-1));
  }

  /** A client on a fresh context whose every DNS lookup is refused as not private. */
  private IGenericClient clientWithRefusingDns(ServerValidationModeEnum validation) {
    FhirContext ctx = newContext();
    install(ctx, new OkHttpClient.Builder().dns(refusingDns).build());
    ctx.getRestfulClientFactory().setServerValidationMode(validation);
    return ctx.newRestfulGenericClient(BASE);
  }

  private static FhirClientConnectionException readPatientFails(IGenericClient client) {
    return assertThrows(
        FhirClientConnectionException.class,
        () -> client.read().resource(Patient.class).withId("1").execute());
  }

  @Test
  void dnsFailureSurfacesAsFhirClientConnectionExceptionWithTheCause() {
    IGenericClient client = clientWithRefusingDns(ServerValidationModeEnum.NEVER);

    FhirClientConnectionException e = readPatientFails(client);

    assertSame(notPrivate, e.getCause());
    assertTrue(e.getMessage().contains("GET " + BASE + "Patient/1"), e.getMessage());
  }

  @Test
  void dnsFailureIsNotRetried() {
    IGenericClient client = clientWithRefusingDns(ServerValidationModeEnum.NEVER);

    readPatientFails(client);

    assertEquals(1, lookups.get());
  }

  @Test
  void firstUseMetadataValidationDoesNotMaskTheCause() {
    IGenericClient client = clientWithRefusingDns(ServerValidationModeEnum.ONCE); // HAPI's default

    FhirClientConnectionException e = readPatientFails(client);

    assertSame(notPrivate, e.getCause());
    assertTrue(e.getMessage().contains(notPrivate.getMessage()), e.getMessage());
  }

  @Test
  void failedMetadataValidationIsNotRecordedAsDone() {
    IGenericClient client = clientWithRefusingDns(ServerValidationModeEnum.ONCE);
    readPatientFails(client);

    FhirClientConnectionException second = readPatientFails(client);

    assertTrue(second.getMessage().contains("metadata"), second.getMessage());
    assertSame(notPrivate, second.getCause());
  }

  @Test
  void refusedConnectionSurfacesAsFhirClientConnectionExceptionWithTheCause() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = socket.getLocalPort();
    }
    FhirContext ctx = newContext();
    install(
        ctx,
        new OkHttpClient.Builder()
            .dns(host -> List.of(InetAddress.getByName("127.0.0.1")))
            .build());
    ctx.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    IGenericClient client =
        ctx.newRestfulGenericClient("https://myfhir.azurehealthcareapis.com:" + closedPort + "/");

    FhirClientConnectionException e = readPatientFails(client);

    assertTrue(e.getCause() instanceof java.net.ConnectException, String.valueOf(e.getCause()));
  }
}
