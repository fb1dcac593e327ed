package io.privatelink.hapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import io.privatelink.hapi.internal.OkHttpFhirClient;
import io.privatelink.testkit.FakeEntraCredential;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;

class AzureTokenInterceptorTest {

  private static final FhirContext CTX = FhirContext.forR4Cached();
  private static final OkHttpClient UNUSED_CLIENT = new OkHttpClient(); // requests are never sent
  private static final ExecutorService POOL = Executors.newFixedThreadPool(16);

  private static final String BASE = "https://myfhir.azurehealthcareapis.com/";
  private static final String SCOPE = "https://myfhir.azurehealthcareapis.com/.default";

  private final MutableClock clock = new MutableClock();
  private final AtomicInteger verifications = new AtomicInteger();
  private final HostVerifier privateHost = host -> verifications.incrementAndGet();
  private final FakeEntraCredential credential = FakeEntraCredential.builder().clock(clock).build();

  @AfterAll
  static void stopPool() {
    POOL.shutdownNow();
  }

  private AzureTokenInterceptor interceptor(TokenCredential credential, HostVerifier v) {
    return builder(credential, v).build();
  }

  private AzureTokenInterceptor.Builder builder(TokenCredential credential, HostVerifier v) {
    return AzureTokenInterceptor.builder()
        .credential(credential)
        .serverBase(BASE)
        .scope(SCOPE)
        .verifier(v)
        .clock(clock);
  }

  private static IHttpRequest request(String url) {
    return new OkHttpFhirClient(
            UNUSED_CLIENT, new StringBuilder(url), null, null, RequestTypeEnum.GET, null, false)
        .createGetRequest(CTX, EncodingEnum.JSON);
  }

  private static List<String> authorization(IHttpRequest request) {
    return request.getAllHeaders().getOrDefault("Authorization", List.of());
  }

  private static String authorize(AzureTokenInterceptor interceptor, String url) {
    IHttpRequest request = request(url);
    interceptor.interceptRequest(request);
    List<String> values = authorization(request);
    assertEquals(1, values.size(), "exactly one Authorization header");
    return values.get(0);
  }

  @Test
  void attachesBearerTokenToServerHost() {
    AzureTokenInterceptor interceptor = interceptor(credential, privateHost);

    String authorization = authorize(interceptor, BASE + "Patient/1");
    assertEquals("Bearer " + credential.token(1), authorization);
  }

  @Test
  void requestsTheConfiguredScope() {
    authorize(interceptor(credential, privateHost), BASE + "Patient/1");

    assertEquals(List.of(List.of(SCOPE)), credential.scopes());
  }

  /** Authorizes a request, lets {@code elapsed} pass, and authorizes another. */
  private String authorizeAgainAfter(AzureTokenInterceptor interceptor, Duration elapsed) {
    authorize(interceptor, BASE + "Patient/1");
    clock.advance(elapsed);
    return authorize(interceptor, BASE + "Patient/2");
  }

  @Test
  void reusesCachedTokenUntilRefreshWindow() {
    String later =
        authorizeAgainAfter(interceptor(credential, privateHost), Duration.ofMinutes(54));

    assertEquals("Bearer " + credential.token(1), later);
    assertEquals(1, credential.calls());
  }

  @Test
  void refreshesFiveMinutesBeforeExpiryByDefault() {
    String later =
        authorizeAgainAfter(interceptor(credential, privateHost), Duration.ofMinutes(55));

    assertEquals("Bearer " + credential.token(2), later);
  }

  @Test
  void refreshBeforeIsConfigurable() {
    AzureTokenInterceptor interceptor =
        builder(credential, privateHost).refreshBefore(Duration.ofMinutes(30)).build();

    String later = authorizeAgainAfter(interceptor, Duration.ofMinutes(31));

    assertEquals("Bearer " + credential.token(2), later);
  }

  @Test
  void nearExpiryRefreshHappensOnceUnder16ConcurrentCalls() throws Exception {
    AzureTokenInterceptor interceptor = interceptor(credential, privateHost);
    authorize(interceptor, BASE + "Patient/1");
    clock.advance(Duration.ofMinutes(57)); // inside the refresh window, still valid
    credential.withLatency(Duration.ofMillis(200));

    List<String> seen = authorizeConcurrently(interceptor, 16);

    assertEquals(2, credential.calls(), "one initial fetch, exactly one refresh");
    assertTrue(
        seen.stream()
            .allMatch(
                h ->
                    h.equals("Bearer " + credential.token(1))
                        || h.equals("Bearer " + credential.token(2))),
        seen::toString);
    String authorization = authorize(interceptor, BASE + "Patient/1");
    assertEquals("Bearer " + credential.token(2), authorization);
  }

  @Test
  void expiredTokenIsFetchedOnceUnder16ConcurrentCalls() throws Exception {
    AzureTokenInterceptor interceptor = interceptor(credential, privateHost);
    authorize(interceptor, BASE + "Patient/1");
    clock.advance(Duration.ofHours(2));
    credential.withLatency(Duration.ofMillis(200));

    List<String> seen = authorizeConcurrently(interceptor, 16);

    assertEquals(2, credential.calls());
    assertTrue(seen.stream().allMatch(("Bearer " + credential.token(2))::equals), seen::toString);
  }

  private static List<String> authorizeConcurrently(AzureTokenInterceptor interceptor, int threads)
      throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> futures = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      futures.add(
          POOL.submit(
              () -> {
                start.await();
                return authorize(interceptor, BASE + "Patient/1");
              }));
    }
    start.countDown();
    List<String> seen = new ArrayList<>();
    for (Future<String> future : futures) {
      seen.add(future.get());
    }
    return seen;
  }

  @Test
  void keepsValidTokenWhenRefreshFails() {
    AzureTokenInterceptor interceptor = interceptor(credential, privateHost);
    authorize(interceptor, BASE + "Patient/1");
    credential.startFailing(new IllegalStateException("Entra ID unavailable"));
    clock.advance(Duration.ofMinutes(57));

    String authorization = authorize(interceptor, BASE + "Patient/1");
    assertEquals("Bearer " + credential.token(1), authorization);
    assertEquals(2, credential.calls());
  }

  @ParameterizedTest(name = "no Authorization and no token request {0}")
  @CsvSource({
    "for another host, https://canary.azurehealthcareapis.com/Patient/1",
    "over plain http, http://myfhir.azurehealthcareapis.com/Patient/1"
  })
  void noAuthorizationAndNoTokenRequest(String when, String url) {
    AzureTokenInterceptor interceptor = interceptor(credential, privateHost);
    IHttpRequest request = request(url);

    interceptor.interceptRequest(request);

    assertTrue(authorization(request).isEmpty());
    assertEquals(0, credential.calls());
  }

  @Test
  void stripsCallerSetAuthorizationForAnotherHost() {
    AzureTokenInterceptor interceptor = interceptor(credential, privateHost);
    IHttpRequest request = request("https://evil.example.com/Patient?page=2");
    request.addHeader("authorization", "Bearer leaked");

    interceptor.interceptRequest(request);

    assertTrue(
        request.getAllHeaders().keySet().stream().noneMatch("authorization"::equalsIgnoreCase));
  }

  @Test
  void replacesCallerSetAuthorizationForServerHost() {
    AzureTokenInterceptor interceptor = interceptor(credential, privateHost);
    IHttpRequest request = request(BASE + "Patient/1");
    request.addHeader("Authorization", "Bearer stale");

    interceptor.interceptRequest(request);

    assertEquals(List.of("Bearer " + credential.token(1)), authorization(request));
  }

  @Test
  void hostMatchIgnoresCaseAndPort() {
    AzureTokenInterceptor interceptor = interceptor(credential, privateHost);

    String authorization =
        authorize(interceptor, "https://MyFhir.AzureHealthcareApis.com:8443/Patient/1");
    assertEquals("Bearer " + credential.token(1), authorization);
  }

  @Test
  void verifiesHostBeforeRequestingToken() {
    List<String> order = new CopyOnWriteArrayList<>();
    TokenCredential recording =
        new TokenCredential() {
          @Override
          public Mono<AccessToken> getToken(TokenRequestContext request) {
            return Mono.fromSupplier(() -> getTokenSync(request));
          }

          @Override
          public AccessToken getTokenSync(TokenRequestContext request) {
            order.add("token");
            return credential.getTokenSync(request);
          }
        };
    AzureTokenInterceptor interceptor = interceptor(recording, host -> order.add("verify " + host));

    authorize(interceptor, BASE + "Patient/1");

    assertEquals(List.of("verify myfhir.azurehealthcareapis.com", "token"), order);
  }

  @Test
  void hostThatDoesNotVerifyGetsNoTokenRequest() {
    UnknownHostException notPrivate = new UnknownHostException("resolves to 52.1.2.3 (public)");
    AzureTokenInterceptor interceptor =
        interceptor(
            credential,
            host -> {
              throw notPrivate;
            });
    IHttpRequest request = request(BASE + "Patient/1");

    // On the guarded transport the refusal surfaces when HAPI executes the request.
    interceptor.interceptRequest(request);
    FhirClientConnectionException e =
        assertThrows(FhirClientConnectionException.class, request::execute);

    assertSame(notPrivate, e.getCause());
    assertEquals(0, credential.calls());
    assertTrue(authorization(request).isEmpty());
  }

  @Test
  void hostThatStopsVerifyingGetsNoRefreshedToken() {
    AtomicInteger verifyCalls = new AtomicInteger();
    AzureTokenInterceptor interceptor =
        interceptor(
            credential,
            host -> {
              if (verifyCalls.incrementAndGet() > 1) {
                throw new UnknownHostException("now public");
              }
            });
    authorize(interceptor, BASE + "Patient/1");
    clock.advance(Duration.ofMinutes(57));
    IHttpRequest request = request(BASE + "Patient/1");

    interceptor.interceptRequest(request);

    assertThrows(FhirClientConnectionException.class, request::execute);
    assertTrue(authorization(request).isEmpty());
    assertEquals(1, credential.calls());
  }

  @Test
  void credentialFailureSurfacesAsFhirClientConnectionException() {
    RuntimeException entra = new IllegalStateException("AADSTS700016: application not found");
    FakeEntraCredential failing = FakeEntraCredential.builder().failing(entra).build();
    AzureTokenInterceptor interceptor = interceptor(failing, privateHost);

    FhirClientConnectionException e =
        assertThrows(
            FhirClientConnectionException.class,
            () -> interceptor.interceptRequest(request(BASE + "Patient/1")));

    assertSame(entra, e.getCause());
    assertTrue(e.getMessage().contains(SCOPE), e.getMessage());
    assertTrue(e.getMessage().contains("AADSTS700016"), e.getMessage());
  }

  @Test
  void credentialReturningNoTokenSurfacesAsFhirClientConnectionException() {
    TokenCredential noToken = request -> Mono.empty(); // an answer without a token
    AzureTokenInterceptor interceptor = interceptor(noToken, privateHost);

    assertThrows(
        FhirClientConnectionException.class,
        () -> interceptor.interceptRequest(request(BASE + "Patient/1")));
  }

  @Test
  void plainHttpServerBaseIsRejected() {
    AzureTokenInterceptor.Builder builder =
        AzureTokenInterceptor.builder()
            .credential(credential)
            .serverBase("http://myfhir.azurehealthcareapis.com/")
            .scope(SCOPE)
            .verifier(privateHost);

    assertThrows(IllegalArgumentException.class, builder::build);
  }

  @Test
  void buildWithoutResolverIsRejected() {
    AzureTokenInterceptor.Builder builder =
        AzureTokenInterceptor.builder().credential(credential).serverBase(BASE).scope(SCOPE);

    IllegalStateException e = assertThrows(IllegalStateException.class, builder::build);
    assertFalse(e.getMessage().isBlank());
  }

  private List<List<String>> scopesRequestedFor(String serverBase) {
    AzureTokenInterceptor interceptor =
        AzureTokenInterceptor.builder()
            .credential(credential)
            .serverBase(serverBase)
            .verifier(privateHost)
            .clock(clock)
            .build();
    interceptor.interceptRequest(request(serverBase + "metadata"));
    return credential.scopes();
  }

  @Test
  void scopeDefaultsToHostForAzureApiForFhir() {
    assertEquals(List.of(List.of(SCOPE)), scopesRequestedFor(BASE));
  }

  @Test
  void scopeDefaultsToHostForHealthDataServicesFhir() {
    assertEquals(
        List.of(List.of("https://ws-fhir.fhir.azurehealthcareapis.com/.default")),
        scopesRequestedFor("https://ws-fhir.fhir.azurehealthcareapis.com/"));
  }

  @Test
  void scopeDefaultsToDicomAudienceForDicomHosts() {
    assertEquals(
        List.of(List.of("https://dicom.healthcareapis.azure.com/.default")),
        scopesRequestedFor("https://ws-dicom.dicom.azurehealthcareapis.com/v2/"));
  }

  @Test
  void scopeIsRequiredForOtherHosts() {
    AzureTokenInterceptor.Builder builder =
        AzureTokenInterceptor.builder()
            .credential(credential)
            .serverBase("https://fhir.example.org/")
            .verifier(privateHost);

    assertThrows(IllegalStateException.class, builder::build);
  }
}
