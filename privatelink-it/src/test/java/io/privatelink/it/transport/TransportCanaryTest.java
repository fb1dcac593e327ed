package io.privatelink.it.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.GuardMetrics;
import io.privatelink.core.NetworkPolicy;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Verdict;
import io.privatelink.it.transport.GuardedTransport.Client;
import io.privatelink.it.transport.GuardedTransport.Reply;
import io.privatelink.testkit.CanaryServer;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.LoopbackPair;
import io.privatelink.testkit.RecordedRequest;
import io.privatelink.testkit.TlsTestServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The attacks the guard is tested with, run against every guarded transport ({@link
 * GuardedTransport#all()}): a TLS server on 127.0.0.1 plays the private endpoint, a live canary on
 * 127.0.0.2 (same port, same certificate, so a leak would succeed) plays the public internet. Every
 * test ends with the canary untouched, so no connection and no token ever reached an unverified
 * host. Proxies set at JVM start are attacked in {@link TransportProxyCanaryTest}.
 */
class TransportCanaryTest {

  private static final String FHIR = "myfhir.azurehealthcareapis.com";
  private static final String OTHER = "other.azurehealthcareapis.com";
  private static final String UNLINKED = "unlinked.azurehealthcareapis.com";
  private static final String PUBLIC = "public.azurehealthcareapis.com";
  private static final String MIXED = "mixed.azurehealthcareapis.com";
  private static final String EVIL = "evil.azurehealthcareapis.com";
  private static final String REBIND = "rebind.azurehealthcareapis.com";
  private static final String TOKEN = "Bearer secret-token";
  private static final Map<String, String> CREDENTIALS =
      Map.of("Authorization", TOKEN, "Cookie", "session=1");

  private static DnsSandbox dns;
  private static LoopbackPair<TlsTestServer> pair;
  private static TlsTestServer server;

  private GuardMetrics metrics;
  private final List<Client> clients = new ArrayList<>();

  @BeforeAll
  static void startServers() {
    dns = DnsSandbox.start();
    pair = LoopbackPair.start(TlsTestServer.builder()::start);
    server = pair.server();
  }

  @AfterAll
  static void stopServers() {
    pair.close();
    dns.close();
  }

  @BeforeEach
  void setUp() {
    dns.reset();
    server.reset();
    pair.canary().reset();
    dns.privateEndpoint(FHIR, "127.0.0.1")
        .privateEndpoint(OTHER, "127.0.0.1")
        .unlinkedZone(UNLINKED, CanaryServer.ADDRESS)
        .publicOnly(PUBLIC, CanaryServer.ADDRESS)
        .privateEndpoint(MIXED, "127.0.0.1", CanaryServer.ADDRESS)
        .privateEndpoint(EVIL, CanaryServer.ADDRESS);
    server.respond("/ok", 200, "private");
    metrics = new GuardMetrics();
  }

  @AfterEach
  void canaryUntouched() throws IOException {
    for (Client c : clients) {
      c.close();
    }
    pair.canary().assertUntouched();
  }

  static Stream<GuardedTransport> transports() {
    return GuardedTransport.all().stream();
  }

  static Stream<Arguments> transportsAndRedirectCodes() {
    return GuardedTransport.all().stream()
        .flatMap(t -> Stream.of(301, 302, 303, 307, 308).map(code -> Arguments.of(t, code)));
  }

  private Client client(GuardedTransport transport) {
    PrivateLinkResolver resolver =
        PrivateLinkResolver.builder()
            .nameservers(dns.nameserver())
            .policy(NetworkPolicy.builder().withoutDefaults().allow("127.0.0.1/32").build())
            .timeout(Duration.ofSeconds(2))
            .build();
    Client client = transport.build(resolver, server.certificates(), metrics);
    clients.add(client);
    return client;
  }

  private static String url(String host, String path) {
    return "https://" + host + ":" + server.port() + path;
  }

  private static PrivateLinkException refused(Client client, String url) {
    IOException e = assertThrows(IOException.class, () -> client.get(url, CREDENTIALS));
    return PrivateLinkException.find(e)
        .orElseThrow(() -> new AssertionError("no PrivateLinkException in " + e, e));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void linkedHostIsReachedWithItsToken(GuardedTransport transport) throws IOException {
    Reply reply = client(transport).get(url(FHIR, "/ok"), CREDENTIALS);

    assertEquals(new Reply(200, "private"), reply);
    RecordedRequest seen = server.requests().get(0);
    assertEquals(FHIR, seen.sniServerName());
    assertEquals(TOKEN, seen.authorization());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void unlinkedHostIsRefusedBeforeAnyConnection(GuardedTransport transport) {
    assertEquals(
        Verdict.PUBLIC_ADDRESS, refused(client(transport), url(UNLINKED, "/ok")).verdict());
    assertEquals(0, metrics.connectAttempts());
    assertEquals(0, server.connections());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void publicOnlyHostIsRefusedBeforeAnyConnection(GuardedTransport transport) {
    assertEquals(Verdict.PUBLIC_ADDRESS, refused(client(transport), url(PUBLIC, "/ok")).verdict());
    assertEquals(0, metrics.connectAttempts());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void mixedAnswerIsRefusedEvenThoughOneAddressIsPrivate(GuardedTransport transport) {
    assertEquals(Verdict.MIXED_ADDRESSES, refused(client(transport), url(MIXED, "/ok")).verdict());
    assertEquals(0, server.connections());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void ipLiteralOfThePublicSideIsRefused(GuardedTransport transport) {
    String literal = "https://" + CanaryServer.ADDRESS + ":" + server.port() + "/ok";
    assertEquals(Verdict.PUBLIC_ADDRESS, refused(client(transport), literal).verdict());
    assertEquals(0, metrics.connectAttempts());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void violationIsNotRetriedOnAnotherRoute(GuardedTransport transport) {
    refused(client(transport), url(UNLINKED, "/ok"));

    assertEquals(1, metrics.verifications());
    assertEquals(0, metrics.connectAttempts());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("transportsAndRedirectCodes")
  void redirectToAPublicHostIsRefused(GuardedTransport transport, int code) {
    server.redirect("/go", code, url(EVIL, "/ok"));

    assertEquals(EVIL, refused(client(transport), url(FHIR, "/go")).host());
    assertEquals(1, server.requests().size());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("transportsAndRedirectCodes")
  void redirectToAPublicIpLiteralIsRefused(GuardedTransport transport, int code) {
    server.redirect("/go", code, "https://" + CanaryServer.ADDRESS + ":" + server.port() + "/ok");

    refused(client(transport), url(FHIR, "/go"));
    assertEquals(1, metrics.connectAttempts(), "only the first hop connected");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("transportsAndRedirectCodes")
  void downgradeRedirectIsRefused(GuardedTransport transport, int code) {
    assertDowngradeRefused(client(transport), code);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("transportsAndRedirectCodes")
  void redirectToAnotherPrivateHostLosesTokenAndCookie(GuardedTransport transport, int code)
      throws IOException {
    assertCrossOriginHopLosesCredentials(client(transport), code);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("transportsAndRedirectCodes")
  void sameOriginRedirectKeepsTheToken(GuardedTransport transport, int code) throws IOException {
    server.redirect("/go", code, "/ok");

    assertEquals(new Reply(200, "private"), client(transport).get(url(FHIR, "/go"), CREDENTIALS));
    assertEquals(TOKEN, server.requests().get(1).authorization());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("transportsAndRedirectCodes")
  void derivedClientFollowingRedirectsStillRefusesADowngrade(GuardedTransport transport, int code) {
    assertDowngradeRefused(client(transport).derivedFollowingRedirects(), code);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("transportsAndRedirectCodes")
  void derivedClientFollowingRedirectsStillDropsCredentialsCrossOrigin(
      GuardedTransport transport, int code) throws IOException {
    assertCrossOriginHopLosesCredentials(client(transport).derivedFollowingRedirects(), code);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void derivedClientFollowingRedirectsStillVerifiesEveryHop(GuardedTransport transport) {
    server.redirect("/go", 302, url(EVIL, "/ok"));

    assertEquals(
        EVIL, refused(client(transport).derivedFollowingRedirects(), url(FHIR, "/go")).host());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void rebindingUnderConcurrentLoadNeverReachesThePublicSide(GuardedTransport transport)
      throws Exception {
    dns.rebindingPrivateEndpoint(REBIND, "127.0.0.1", CanaryServer.ADDRESS);
    Client client = client(transport);
    int threads = 8;
    int perThread = 40;
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger refusedCount = new AtomicInteger();
    List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    // A fresh connection per request, so every request goes through DNS.
    Map<String, String> headers = Map.of("Authorization", TOKEN, "Connection", "close");
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    try {
                      Reply reply = client.get(url(REBIND, "/ok"), headers);
                      if (reply.body().equals("private")) {
                        ok.incrementAndGet();
                      } else {
                        unexpected.add(new AssertionError("unexpected reply " + reply));
                      }
                    } catch (IOException e) {
                      PrivateLinkException p = PrivateLinkException.find(e).orElse(null);
                      if (p != null && p.verdict() == Verdict.PUBLIC_ADDRESS) {
                        refusedCount.incrementAndGet();
                      } else {
                        unexpected.add(e);
                      }
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertTrue(
        unexpected.isEmpty(),
        () -> "unexpected outcomes: " + unexpected.subList(0, Math.min(3, unexpected.size())));
    assertEquals(threads * perThread, ok.get() + refusedCount.get());
    assertTrue(ok.get() > 0, "some requests reached the private endpoint");
    assertTrue(refusedCount.get() > 0, "some answers pointed at the public side and were refused");
  }

  private void assertDowngradeRefused(Client client, int code) {
    server.redirect("/go", code, "http://" + FHIR + ":" + server.port() + "/ok");

    IOException e =
        assertThrows(IOException.class, () -> client.get(url(FHIR, "/go"), CREDENTIALS));

    assertTrue(causeChain(e).contains("downgrade"), () -> causeChain(e));
    assertEquals(1, server.requests().size(), "the clear-text hop was never sent");
    assertEquals(1, metrics.refusedRedirects());
  }

  private void assertCrossOriginHopLosesCredentials(Client client, int code) throws IOException {
    server.redirect("/go", code, url(OTHER, "/ok"));

    assertEquals(new Reply(200, "private"), client.get(url(FHIR, "/go"), CREDENTIALS));

    RecordedRequest second = server.requests().get(1);
    assertEquals(OTHER, second.host().replaceAll(":\\d+$", ""));
    assertNull(second.authorization());
    assertNull(second.cookie());
  }

  private static String causeChain(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      b.append(t).append(" <- ");
    }
    return b.toString();
  }
}
