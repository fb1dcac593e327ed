package io.privatelink.it.transport;

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
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.Verdict;
import io.privatelink.it.RebindingLoad;
import io.privatelink.it.transport.GuardedTransport.Client;
import io.privatelink.it.transport.GuardedTransport.Reply;
import io.privatelink.testkit.CanaryServer;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.PrivateEndpointExtension;
import io.privatelink.testkit.RecordedRequest;
import io.privatelink.testkit.TlsTestServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
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

  private static final String REBIND = "rebind.azurehealthcareapis.com";
  private static final String TOKEN = "Bearer secret-token";
  private static final Map<String, String> CREDENTIALS =
      Map.of("Authorization", TOKEN, "Cookie", "session=1");

  @RegisterExtension
  static final PrivateEndpointExtension<TlsTestServer> ENDPOINT =
      PrivateEndpointExtension.withTlsServer();

  private final DnsSandbox dns = ENDPOINT.dns();
  private final TlsTestServer server = ENDPOINT.server();
  private GuardMetrics metrics;
  private final List<Client> clients = new ArrayList<>();

  @BeforeEach
  void setUp() {
    server.respond("/ok", 200, "private");
    metrics = new GuardMetrics();
  }

  @AfterEach
  void closeClients() throws IOException {
    for (Client c : clients) {
      c.close();
    }
  }

  static Stream<GuardedTransport> transports() {
    return GuardedTransport.all().stream();
  }

  static Stream<Arguments> transportsAndRedirectCodes() {
    return GuardedTransport.all().stream()
        .flatMap(t -> Stream.of(301, 302, 303, 307, 308).map(code -> Arguments.of(t, code)));
  }

  /** Each transport with each host that resolves to a public address: unlinked, public-only. */
  static Stream<Arguments> transportsAndPublicHosts() {
    return GuardedTransport.all().stream()
        .flatMap(t -> Stream.of(UNLINKED_HOST, PUBLIC_HOST).map(host -> Arguments.of(t, host)));
  }

  private Client client(GuardedTransport transport) {
    Client client = transport.build(ENDPOINT.newResolver(), server.certificates(), metrics);
    clients.add(client);
    return client;
  }

  private static String url(String host, String path) {
    return ENDPOINT.url(host, path);
  }

  private static PrivateLinkException refused(Client client, String url) {
    IOException e = assertThrows(IOException.class, () -> client.get(url, CREDENTIALS));
    return PrivateLinkException.find(e)
        .orElseThrow(() -> new AssertionError("no PrivateLinkException in " + e, e));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void linkedHostIsReachedWithItsToken(GuardedTransport transport) throws IOException {
    Reply reply = client(transport).get(url(LINKED_HOST, "/ok"), CREDENTIALS);

    assertEquals(new Reply(200, "private"), reply);
    RecordedRequest seen = server.requests().get(0);
    assertEquals(LINKED_HOST, seen.sniServerName());
    assertEquals(TOKEN, seen.authorization());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("transportsAndPublicHosts")
  void hostResolvingPubliclyIsRefusedBeforeAnyConnection(GuardedTransport transport, String host) {
    ENDPOINT.assertRefusedBeforeConnecting(
        Verdict.PUBLIC_ADDRESS, refused(client(transport), url(host, "/ok")));
    assertEquals(0, metrics.connectAttempts());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void mixedAnswerIsRefusedEvenThoughOneAddressIsPrivate(GuardedTransport transport) {
    ENDPOINT.assertRefusedBeforeConnecting(
        Verdict.MIXED_ADDRESSES, refused(client(transport), url(MIXED_HOST, "/ok")));
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
    refused(client(transport), url(UNLINKED_HOST, "/ok"));

    assertEquals(1, metrics.verifications());
    assertEquals(0, metrics.connectAttempts());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("transportsAndRedirectCodes")
  void redirectToAPublicHostIsRefused(GuardedTransport transport, int code) {
    server.redirect("/go", code, url(PUBLIC_ENDPOINT_HOST, "/ok"));

    assertEquals(PUBLIC_ENDPOINT_HOST, refused(client(transport), url(LINKED_HOST, "/go")).host());
    assertEquals(1, server.requests().size());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("transportsAndRedirectCodes")
  void redirectToAPublicIpLiteralIsRefused(GuardedTransport transport, int code) {
    server.redirect("/go", code, "https://" + CanaryServer.ADDRESS + ":" + server.port() + "/ok");

    refused(client(transport), url(LINKED_HOST, "/go"));
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

    assertEquals(
        new Reply(200, "private"), client(transport).get(url(LINKED_HOST, "/go"), CREDENTIALS));
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
    server.redirect("/go", 302, url(PUBLIC_ENDPOINT_HOST, "/ok"));

    assertEquals(
        PUBLIC_ENDPOINT_HOST,
        refused(client(transport).derivedFollowingRedirects(), url(LINKED_HOST, "/go")).host());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void rebindingUnderConcurrentLoadNeverReachesThePublicSide(GuardedTransport transport)
      throws Exception {
    dns.rebindingPrivateEndpoint(REBIND, "127.0.0.1", CanaryServer.ADDRESS);
    Client client = client(transport);
    // A fresh connection per request, so every request goes through DNS.
    Map<String, String> headers = Map.of("Authorization", TOKEN, "Connection", "close");

    RebindingLoad.assertNeverReachesThePublicSide(
        8, 40, () -> client.get(url(REBIND, "/ok"), headers).body());
  }

  private void assertDowngradeRefused(Client client, int code) {
    server.redirect("/go", code, "http://" + LINKED_HOST + ":" + server.port() + "/ok");

    IOException e =
        assertThrows(IOException.class, () -> client.get(url(LINKED_HOST, "/go"), CREDENTIALS));

    assertTrue(causeChain(e).contains("downgrade"), () -> causeChain(e));
    assertEquals(1, server.requests().size(), "the clear-text hop was never sent");
    assertEquals(1, metrics.refusedRedirects());
  }

  private void assertCrossOriginHopLosesCredentials(Client client, int code) throws IOException {
    server.redirect("/go", code, url(OTHER_LINKED_HOST, "/ok"));

    assertEquals(new Reply(200, "private"), client.get(url(LINKED_HOST, "/go"), CREDENTIALS));

    RecordedRequest second = server.requests().get(1);
    assertEquals(OTHER_LINKED_HOST, second.host().replaceAll(":\\d+$", ""));
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
