package io.privatelink.it;

import static io.privatelink.testkit.PrivateEndpointExtension.LINKED_HOST;
import static io.privatelink.testkit.PrivateEndpointExtension.MIXED_HOST;
import static io.privatelink.testkit.PrivateEndpointExtension.OTHER_LINKED_HOST;
import static io.privatelink.testkit.PrivateEndpointExtension.PUBLIC_ENDPOINT_HOST;
import static io.privatelink.testkit.PrivateEndpointExtension.PUBLIC_HOST;
import static io.privatelink.testkit.PrivateEndpointExtension.UNLINKED_HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.GuardMetrics;
import io.privatelink.core.GuardedHttpClient;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.CanaryServer;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.PrivateEndpointExtension;
import io.privatelink.testkit.RecordedRequest;
import io.privatelink.testkit.TestCertificates;
import io.privatelink.testkit.TlsTestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Proxy;
import java.time.Duration;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

/**
 * The guarded OkHttp client against a real TLS server on 127.0.0.1 (the private endpoint) and a
 * live canary on 127.0.0.2 (the public internet, same port and certificate, so a leak would
 * succeed). Every scenario ends with the canary untouched.
 */
class GuardedHttpClientTest {

  private static final String REBIND = "rebind.azurehealthcareapis.com";
  private static final String NOT_ON_CERT = "fhir.hospital.internal";
  private static final String TOKEN = "Bearer secret-token";

  @RegisterExtension
  static final PrivateEndpointExtension<TlsTestServer> ENDPOINT =
      PrivateEndpointExtension.withTlsServer();

  private final DnsSandbox dns = ENDPOINT.dns();
  private final TlsTestServer server = ENDPOINT.server();
  private PrivateLinkResolver resolver;
  private GuardMetrics metrics;
  private OkHttpClient client;

  @BeforeEach
  void setUp() {
    dns.a(NOT_ON_CERT, "127.0.0.1");
    server.respond("/ok", 200, "private");
    resolver = ENDPOINT.newResolver();
    metrics = new GuardMetrics();
    client =
        GuardedHttpClient.builder().resolver(resolver).from(baseClient()).metrics(metrics).build();
  }

  private static OkHttpClient baseClient() {
    TestCertificates certs = TestCertificates.forAzureHealthHosts();
    return new OkHttpClient.Builder()
        .sslSocketFactory(certs.clientSocketFactory(), certs.trustManager())
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(30))
        .build();
  }

  private static String url(String host, String path) {
    return ENDPOINT.url(host, path);
  }

  private Response get(String url) throws IOException {
    return client
        .newCall(new Request.Builder().url(url).header("Authorization", TOKEN).build())
        .execute();
  }

  private PrivateLinkException refused(String url) {
    IOException e = assertThrows(IOException.class, () -> get(url).close());
    return PrivateLinkException.find(e)
        .orElseThrow(() -> new AssertionError("no PrivateLinkException in " + e, e));
  }

  @Test
  void javadocExampleReachesTheLinkedHost() throws IOException {
    server.dicomHealth();
    OkHttpClient yourClient = baseClient();
    String serverBase = url(LINKED_HOST, "/");
    // region:javadoc-GuardedHttpClient
    OkHttpClient client = GuardedHttpClient.builder().resolver(resolver).from(yourClient).build();
    try (Response response =
        client.newCall(new Request.Builder().url(serverBase + "health/check").build()).execute()) {
      System.out.println(response.code());
    }
    // endregion
    assertEquals(TlsTestServer.DICOM_HEALTH_PATH, server.requests().get(0).path());
  }

  @Test
  void linkedHostIsReachedOverTlsWithSniAndThePinnedAddress() throws IOException {
    try (Response response = get(url(LINKED_HOST, "/ok"))) {
      assertEquals(200, response.code());
      assertEquals("private", response.body().string());
      assertTrue(response.handshake() != null, "the response came over TLS");
    }
    assertEquals(1, server.requests().size(), "the private endpoint served it");
    RecordedRequest seen = server.requests().get(0);
    assertEquals(LINKED_HOST, seen.sniServerName());
    assertEquals(TOKEN, seen.authorization());
    assertEquals(1, metrics.connectAttempts());
  }

  @Test
  void hostnameVerificationStaysOnWhileTheAddressIsPinned() {
    IOException e = assertThrows(IOException.class, () -> get(url(NOT_ON_CERT, "/ok")).close());
    assertTrue(e instanceof SSLPeerUnverifiedException, e.toString());
  }

  @Test
  void unlinkedZoneIsRefusedBeforeAnyConnection() {
    ENDPOINT.assertRefusedBeforeConnecting(
        Verdict.PUBLIC_ADDRESS, refused(url(UNLINKED_HOST, "/ok")));
    assertEquals(0, metrics.connectAttempts());
  }

  @Test
  void publicOnlyHostIsRefusedBeforeAnyConnection() {
    ENDPOINT.assertRefusedBeforeConnecting(
        Verdict.PUBLIC_ADDRESS, refused(url(PUBLIC_HOST, "/ok")));
    assertEquals(0, metrics.connectAttempts());
  }

  @Test
  void mixedAnswerIsRefusedEvenThoughOneAddressIsPrivate() {
    ENDPOINT.assertRefusedBeforeConnecting(
        Verdict.MIXED_ADDRESSES, refused(url(MIXED_HOST, "/ok")));
    assertEquals(0, metrics.connectAttempts());
  }

  @Test
  void violationIsNotRetriedOnAnotherRoute() {
    refused(url(UNLINKED_HOST, "/ok"));

    assertEquals(1, metrics.verifications());
    assertEquals(1, dns.queries(UNLINKED_HOST, Type.A));
  }

  @Test
  void ipLiteralToThePublicSideIsRefusedAtConnect() {
    PrivateLinkException e = refused("https://127.0.0.2:" + server.port() + "/ok");

    assertEquals(Verdict.PUBLIC_ADDRESS, e.verdict());
    assertEquals(1, metrics.refusedConnects());
    assertEquals(0, metrics.connectAttempts());
  }

  @Test
  void redirectToAHostResolvingToThePublicSideIsRefused() {
    server.redirect("/go", 302, url(PUBLIC_ENDPOINT_HOST, "/ok"));

    PrivateLinkException e = refused(url(LINKED_HOST, "/go"));

    assertEquals(PUBLIC_ENDPOINT_HOST, e.host());
    assertEquals(1, server.requests().size());
  }

  @Test
  void redirectToAnIpLiteralIsRefusedAtConnect() {
    server.redirect("/go", 302, "https://127.0.0.2:" + server.port() + "/ok");

    refused(url(LINKED_HOST, "/go"));

    assertEquals(1, metrics.refusedConnects());
  }

  @Test
  void httpsToHttpDowngradeIsRefused() {
    assertDowngradeRefused();
    assertEquals(1, metrics.refusedRedirects());
  }

  private void assertDowngradeRefused() {
    server.redirect("/go", 302, "http://" + LINKED_HOST + ":" + server.port() + "/ok");

    ProtocolException e =
        assertThrows(ProtocolException.class, () -> get(url(LINKED_HOST, "/go")).close());

    assertTrue(e.getMessage().contains("downgrade"), e.getMessage());
    assertEquals(1, server.requests().size(), "the clear-text hop was never sent");
  }

  @Test
  void crossHostRedirectDropsAuthorizationAndCookie() throws IOException {
    assertCrossOriginHopLosesCredentials();
  }

  private void assertCrossOriginHopLosesCredentials() throws IOException {
    server.redirect("/go", 302, url(OTHER_LINKED_HOST, "/ok"));

    Request request =
        new Request.Builder()
            .url(url(LINKED_HOST, "/go"))
            .header("Authorization", TOKEN)
            .header("Cookie", "session=1")
            .build();
    try (Response response = client.newCall(request).execute()) {
      assertEquals(200, response.code());
    }

    RecordedRequest second = server.requests().get(1);
    assertEquals(OTHER_LINKED_HOST, second.host().replaceAll(":\\d+$", ""));
    assertNull(second.authorization());
    assertNull(second.cookie());
  }

  @Test
  void sameOriginRedirectKeepsAuthorization() throws IOException {
    server.redirect("/go", 307, "/ok");

    try (Response response = get(url(LINKED_HOST, "/go"))) {
      assertEquals(200, response.code());
    }

    assertEquals(TOKEN, server.requests().get(1).authorization());
  }

  @Test
  void systemProxySettingsAreIgnored() throws IOException {
    String[] keys = {
      "https.proxyHost", "https.proxyPort", "http.proxyHost", "socksProxyHost", "socksProxyPort"
    };
    String[] saved = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      saved[i] = System.getProperty(keys[i]);
    }
    try {
      System.setProperty("https.proxyHost", CanaryServer.ADDRESS);
      System.setProperty("https.proxyPort", String.valueOf(ENDPOINT.canary().port()));
      System.setProperty("http.proxyHost", CanaryServer.ADDRESS);
      System.setProperty("socksProxyHost", CanaryServer.ADDRESS);
      System.setProperty("socksProxyPort", String.valueOf(ENDPOINT.canary().port()));
      OkHttpClient fresh =
          GuardedHttpClient.builder().resolver(resolver).from(baseClient()).build();
      try (Response response =
          fresh.newCall(new Request.Builder().url(url(LINKED_HOST, "/ok")).build()).execute()) {
        assertEquals("private", response.body().string());
      }
    } finally {
      for (int i = 0; i < keys.length; i++) {
        if (saved[i] == null) {
          System.clearProperty(keys[i]);
        } else {
          System.setProperty(keys[i], saved[i]);
        }
      }
    }
  }

  @Test
  void explicitProxyOnTheSourceClientIsRefusedAtBuild() {
    OkHttpClient proxied =
        baseClient()
            .newBuilder()
            .proxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(CanaryServer.ADDRESS, 3128)))
            .build();

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GuardedHttpClient.builder().resolver(resolver).from(proxied).build());
    assertTrue(e.getMessage().contains("proxy"), e.getMessage());
  }

  @Test
  void allowlistedHostIsReachedWhateverItsSpelling() throws IOException {
    client =
        GuardedHttpClient.builder()
            .resolver(resolver)
            .from(baseClient())
            .allowedHosts(LINKED_HOST.toUpperCase(java.util.Locale.ROOT) + ".")
            .metrics(metrics)
            .build();

    try (Response response = get(url(LINKED_HOST, "/ok"))) {
      assertEquals(200, response.code());
    }
    try (Response response = get(url(LINKED_HOST + ".", "/ok"))) {
      assertEquals(200, response.code());
    }
  }

  @Test
  void hostOutsideTheAllowlistIsRefusedBeforeDns() {
    client =
        GuardedHttpClient.builder()
            .resolver(resolver)
            .from(baseClient())
            .allowedHosts("https://" + LINKED_HOST + "/")
            .metrics(metrics)
            .build();

    PrivateLinkException e = refused(url(OTHER_LINKED_HOST, "/ok"));

    ENDPOINT.assertRefusedBeforeConnecting(Verdict.HOST_NOT_ALLOWED, e);
    assertEquals(0, dns.queries(OTHER_LINKED_HOST));
  }

  @Test
  void sourceClientSettingsAndInterceptorsAreKept() throws IOException {
    OkHttpClient source =
        baseClient()
            .newBuilder()
            .connectTimeout(Duration.ofMillis(1234))
            .addInterceptor(
                chain -> chain.proceed(chain.request().newBuilder().header("X-App", "1").build()))
            .build();

    OkHttpClient guarded = GuardedHttpClient.builder().resolver(resolver).from(source).build();
    try (Response response =
        guarded.newCall(new Request.Builder().url(url(LINKED_HOST, "/ok")).build()).execute()) {
      assertEquals(200, response.code());
    }

    assertEquals(1234, guarded.connectTimeoutMillis());
    assertEquals("1", server.requests().get(0).header("X-App"));
  }

  @Test
  void guardedSocketsHaveNagleOff() throws IOException {
    try (java.net.Socket socket = client.socketFactory().createSocket()) {
      assertTrue(socket.getTcpNoDelay());
    }
  }

  @Test
  void derivedClientKeepsTheGuard() {
    OkHttpClient derived = client.newBuilder().readTimeout(Duration.ofSeconds(9)).build();
    client = derived;

    assertEquals(Verdict.PUBLIC_ADDRESS, refused(url(UNLINKED_HOST, "/ok")).verdict());
  }

  private OkHttpClient followingDerivedClient() {
    return client.newBuilder().followRedirects(true).followSslRedirects(true).build();
  }

  @Test
  void derivedClientThatFollowsRedirectsStillRefusesADowngrade() {
    client = followingDerivedClient();
    assertDowngradeRefused();
  }

  @Test
  void derivedClientThatFollowsRedirectsStillDropsCookieAndAuthorizationCrossOrigin()
      throws IOException {
    client = followingDerivedClient();
    assertCrossOriginHopLosesCredentials();
  }

  @Test
  void derivedClientThatFollowsRedirectsStillVerifiesEveryHop() {
    client = followingDerivedClient();
    server.redirect("/go", 301, url(PUBLIC_ENDPOINT_HOST, "/ok"));

    assertEquals(PUBLIC_ENDPOINT_HOST, refused(url(LINKED_HOST, "/go")).host());
    assertEquals(1, server.requests().size());
  }

  @Test
  void redirectResponseHandedToTheCallerKeepsItsLocation() throws IOException {
    client =
        GuardedHttpClient.builder()
            .resolver(resolver)
            .from(baseClient().newBuilder().followRedirects(false).build())
            .build();
    server.redirect("/go", 302, url(OTHER_LINKED_HOST, "/ok"));

    try (Response response = get(url(LINKED_HOST, "/go"))) {
      assertEquals(302, response.code());
      assertEquals(url(OTHER_LINKED_HOST, "/ok"), response.header("Location"));
      assertNull(response.header("Privatelink-Held-Location"));
    }
    assertEquals(1, server.requests().size());
  }

  @Test
  void guardedClientReportsTheRedirectFollowingItDoes() {
    assertTrue(client.followRedirects());
  }

  @Test
  void rebindingUnderConcurrentLoadNeverReachesThePublicSide() throws Exception {
    dns.rebindingPrivateEndpoint(REBIND, "127.0.0.1", "127.0.0.2");
    // A fresh connection per request, so every request goes through DNS.
    Request request =
        new Request.Builder()
            .url(url(REBIND, "/ok"))
            .header("Authorization", TOKEN)
            .header("Connection", "close")
            .build();

    RebindingLoad.assertNeverReachesThePublicSide(
        16,
        200,
        () -> {
          try (Response response = client.newCall(request).execute()) {
            return response.body().string();
          }
        });
  }
}
