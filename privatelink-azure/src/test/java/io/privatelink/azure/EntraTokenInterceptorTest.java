package io.privatelink.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.GuardedHttpClient;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.FakeEntraCredential;
import io.privatelink.testkit.PrivateEndpointExtension;
import io.privatelink.testkit.TestCertificates;
import io.privatelink.testkit.TlsTestServer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link EntraTokenInterceptor} on a guarded OkHttp client, against a TLS server on 127.0.0.1 (the
 * private endpoint) and a canary on 127.0.0.2 (the public internet) that must stay untouched.
 */
class EntraTokenInterceptorTest {

  private static final String DICOM = "ws-dicom.dicom.azurehealthcareapis.com";
  private static final String FHIR = "ws-fhir.fhir.azurehealthcareapis.com";
  private static final String UNLINKED = "unlinked-dicom.dicom.azurehealthcareapis.com";
  private static final String DICOM_SCOPE = "https://dicom.healthcareapis.azure.com/.default";

  @RegisterExtension
  static final PrivateEndpointExtension<TlsTestServer> ENDPOINT =
      PrivateEndpointExtension.withTlsServer();

  private final TlsTestServer server = ENDPOINT.server();
  private PrivateLinkResolver resolver;
  private FakeEntraCredential credential;

  @BeforeEach
  void setUp() {
    ENDPOINT
        .dns()
        .privateEndpoint(DICOM, "127.0.0.1")
        .privateEndpoint(FHIR, "127.0.0.1")
        .unlinkedZone(UNLINKED, "127.0.0.2");
    server.respond("/ok", 200, "private");
    resolver = ENDPOINT.newResolver();
    credential = FakeEntraCredential.valid();
  }

  private static String url(String host, String path) {
    return ENDPOINT.url(host, path);
  }

  private OkHttpClient client(EntraTokenInterceptor tokens) {
    OkHttpClient source =
        AzureCoreCanaryAttackTest.trusting(TestCertificates.forAzureHealthHosts())
            .newBuilder()
            .addInterceptor(tokens)
            .build();
    return GuardedHttpClient.builder().resolver(resolver).from(source).build();
  }

  private EntraTokenInterceptor.Builder tokensFor(String host) {
    return EntraTokenInterceptor.builder()
        .credential(credential)
        .serviceUrl("https://" + host + "/")
        .resolver(resolver);
  }

  private static int get(OkHttpClient client, String url, String authorization) throws IOException {
    Request.Builder request = new Request.Builder().url(url);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try (Response response = client.newCall(request.build()).execute()) {
      return response.code();
    }
  }

  @Test
  void verifiedHostGetsATokenForTheDicomAudience() throws IOException {
    assertEquals(200, get(client(tokensFor(DICOM).build()), url(DICOM, "/ok"), null));

    assertEquals(List.of("Bearer " + credential.token(1)), server.authorizationHeaders());
    assertEquals(List.of(List.of(DICOM_SCOPE)), credential.scopes());
  }

  @Test
  void fhirHostGetsItsOwnUrlAsScope() {
    assertEquals("https://" + FHIR + "/.default", tokensFor(FHIR).build().scope());
  }

  @Test
  void givenScopeIsUsed() throws IOException {
    get(client(tokensFor(DICOM).scope("api://my-app/.default").build()), url(DICOM, "/ok"), null);

    assertEquals(List.of(List.of("api://my-app/.default")), credential.scopes());
  }

  @Test
  void tokenIsCachedAcrossRequests() throws IOException {
    OkHttpClient client = client(tokensFor(DICOM).build());
    get(client, url(DICOM, "/ok"), null);
    get(client, url(DICOM, "/ok"), null);

    assertEquals(1, credential.calls());
    assertEquals(
        List.of("Bearer " + credential.token(1), "Bearer " + credential.token(1)),
        server.authorizationHeaders());
  }

  @Test
  void unverifiedHostGetsNoCredentialCallAndNothingIsSent() {
    OkHttpClient client = client(tokensFor(UNLINKED).build());

    PrivateLinkException e =
        assertThrows(PrivateLinkException.class, () -> get(client, url(UNLINKED, "/ok"), null));

    assertEquals(Verdict.PUBLIC_ADDRESS, e.verdict());
    assertEquals(0, credential.calls());
  }

  @Test
  void verificationComesBeforeTheCredentialCall() throws IOException {
    List<String> order = new CopyOnWriteArrayList<>();
    EntraTokenInterceptor tokens =
        tokensFor(DICOM)
            .verifier(host -> order.add("verify " + host))
            .credential(
                new com.azure.core.credential.TokenCredential() {
                  @Override
                  public reactor.core.publisher.Mono<com.azure.core.credential.AccessToken>
                      getToken(com.azure.core.credential.TokenRequestContext request) {
                    return reactor.core.publisher.Mono.fromSupplier(() -> getTokenSync(request));
                  }

                  @Override
                  public com.azure.core.credential.AccessToken getTokenSync(
                      com.azure.core.credential.TokenRequestContext request) {
                    order.add("token");
                    return credential.getTokenSync(request);
                  }
                })
            .build();
    get(client(tokens), url(DICOM, "/ok"), null);

    // Each request verifies; the cache verifies again right before it asks for a token.
    assertEquals(List.of("verify " + DICOM, "verify " + DICOM, "token"), order);
  }

  @Test
  void anotherHostLosesTheCallersToken() throws IOException {
    get(client(tokensFor(DICOM).build()), url(FHIR, "/ok"), "Bearer someone-elses");

    assertNull(server.requests().get(0).authorization());
    assertEquals(0, credential.calls());
  }

  @Test
  void crossOriginRedirectLosesTheToken() throws IOException {
    server.redirect("/go", 302, url(FHIR, "/ok"));

    assertEquals(200, get(client(tokensFor(DICOM).build()), url(DICOM, "/go"), null));

    assertEquals("Bearer " + credential.token(1), server.requests().get(0).authorization());
    assertNull(server.requests().get(1).authorization());
  }

  @Test
  void concurrentRequestsInTheRefreshWindowRefreshOnce() throws Exception {
    MutableClock clock = new MutableClock();
    FakeEntraCredential timed = FakeEntraCredential.builder().clock(clock).build();
    EntraTokenInterceptor tokens =
        tokensFor(DICOM).credential(timed).clock(clock).verifier(host -> {}).build();
    OkHttpClient client = client(tokens);
    get(client, url(DICOM, "/ok"), null);
    clock.advance(Duration.ofMinutes(57)); // inside the five-minute window, still valid

    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        calls.add(
            pool.submit(
                () -> {
                  start.await();
                  return get(client, url(DICOM, "/ok"), null);
                }));
      }
      start.countDown();
      for (Future<Integer> call : calls) {
        assertEquals(200, call.get(30, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(2, timed.calls(), "one initial fetch, exactly one refresh");
  }

  @Test
  void scopeThatIsNotAUrlFailsAtBuild() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> tokensFor(DICOM).scope("dicom-read").build());
    assertTrue(e.getMessage().contains("is not a URL"), e.getMessage());
  }

  @Test
  void plainHttpServiceUrlFailsAtBuild() {
    assertThrows(
        IllegalArgumentException.class,
        () -> tokensFor(DICOM).serviceUrl("http://" + DICOM + "/").build());
  }

  @Test
  void hostWithoutAKnownScopeNeedsOneAtBuild() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> tokensFor("api.hospital.example").build());
    assertTrue(e.getMessage().contains("set scope(String)"), e.getMessage());
  }

  @Test
  void buildWithoutAResolverFails() {
    assertThrows(
        IllegalStateException.class,
        () ->
            EntraTokenInterceptor.builder()
                .credential(credential)
                .serviceUrl("https://" + DICOM + "/")
                .build());
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
