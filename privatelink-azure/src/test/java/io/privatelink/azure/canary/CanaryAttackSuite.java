package io.privatelink.azure.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.NetworkPolicy;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.CanaryServer;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.LoopbackPair;
import io.privatelink.testkit.RecordedRequest;
import io.privatelink.testkit.TestCertificates;
import io.privatelink.testkit.TlsTestServer;
import java.net.ProtocolException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The canary attacks every guarded transport must withstand: an unlinked zone, a public answer, a
 * mixed answer, an IP literal, and redirects (every code) to a public host, to http and to another
 * private host. A private server on 127.0.0.1 plays the private endpoint; a live canary on
 * 127.0.0.2, same port and certificate, plays the public internet, and every test ends with it
 * untouched (no connection, so no token). A transport joins by extending this class with {@link
 * #newTransport}; the suite is written so it can become one parameterized suite over all of them.
 */
public abstract class CanaryAttackSuite {

  protected static final String FHIR = "myfhir.azurehealthcareapis.com";
  protected static final String OTHER = "other.azurehealthcareapis.com";
  protected static final String UNLINKED = "unlinked.azurehealthcareapis.com";
  protected static final String PUBLIC = "public.azurehealthcareapis.com";
  protected static final String MIXED = "mixed.azurehealthcareapis.com";
  protected static final String TOKEN = "Bearer secret-token";
  private static final List<Integer> REDIRECT_CODES = List.of(301, 302, 303, 307, 308);

  private static DnsSandbox dns;
  private static LoopbackPair<TlsTestServer> pair;
  protected static TlsTestServer server;
  protected static CanaryServer canary;

  private GuardedTransport transport;

  /**
   * The transport under attack, guarded by {@code resolver} and trusting only {@code certs}' CA.
   */
  protected abstract GuardedTransport newTransport(
      PrivateLinkResolver resolver, TestCertificates certs);

  @BeforeAll
  static void startServers() {
    dns = DnsSandbox.start();
    pair = LoopbackPair.start(TlsTestServer.builder()::start);
    server = pair.server();
    canary = pair.canary();
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
    canary.reset();
    dns.privateEndpoint(FHIR, "127.0.0.1")
        .privateEndpoint(OTHER, "127.0.0.1")
        .unlinkedZone(UNLINKED, "127.0.0.2")
        .publicOnly(PUBLIC, "127.0.0.2")
        .privateEndpoint(MIXED, "127.0.0.1", "127.0.0.2");
    server.respond("/ok", 200, "private");
    PrivateLinkResolver resolver =
        PrivateLinkResolver.builder()
            .nameservers(dns.nameserver())
            .policy(NetworkPolicy.builder().withoutDefaults().allow("127.0.0.1/32").build())
            .timeout(Duration.ofSeconds(2))
            .build();
    transport = newTransport(resolver, TestCertificates.forAzureHealthHosts());
  }

  @AfterEach
  void canaryUntouched() {
    transport.close();
    canary.assertUntouched();
  }

  protected static String url(String host, String path) {
    return "https://" + host + ":" + server.port() + path;
  }

  private Exception refusedCall(String url) {
    return assertThrows(Exception.class, () -> transport.get(url, TOKEN));
  }

  private PrivateLinkException refused(String url) {
    Exception e = refusedCall(url);
    return PrivateLinkException.find(e)
        .orElseThrow(() -> new AssertionError("no PrivateLinkException in " + e, e));
  }

  @Test
  void linkedHostIsReachedWithItsToken() throws Exception {
    GuardedTransport.Reply reply = transport.get(url(FHIR, "/ok"), TOKEN);

    assertEquals(200, reply.status());
    assertEquals("private", reply.body());
    assertEquals(TOKEN, server.requests().get(0).authorization());
  }

  @Test
  void unlinkedZoneIsRefusedBeforeAnyConnection() {
    assertEquals(Verdict.PUBLIC_ADDRESS, refused(url(UNLINKED, "/ok")).verdict());
    assertTrue(server.connectionLog().isEmpty());
  }

  @Test
  void publicOnlyHostIsRefused() {
    Verdict verdict = refused(url(PUBLIC, "/ok")).verdict();
    assertTrue(
        Set.of(Verdict.PUBLIC_ADDRESS, Verdict.NOT_VIA_PRIVATE_LINK).contains(verdict),
        verdict.toString());
  }

  @Test
  void mixedAnswerIsRefusedEvenThoughOneAddressIsPrivate() {
    assertEquals(Verdict.MIXED_ADDRESSES, refused(url(MIXED, "/ok")).verdict());
    assertTrue(server.connectionLog().isEmpty());
  }

  @Test
  void ipLiteralToThePublicSideIsRefusedAtConnect() {
    refused("https://127.0.0.2:" + server.port() + "/ok");
  }

  @Test
  void redirectOfEveryCodeToAPublicHostIsRefused() {
    for (int code : REDIRECT_CODES) {
      server.redirect("/go" + code, code, url(UNLINKED, "/ok"));
      assertEquals(
          Verdict.PUBLIC_ADDRESS, refused(url(FHIR, "/go" + code)).verdict(), "redirect " + code);
    }
  }

  @Test
  void redirectToAnIpLiteralOnThePublicSideIsRefused() {
    server.redirect("/go", 302, "https://127.0.0.2:" + server.port() + "/ok");
    refused(url(FHIR, "/go"));
  }

  @Test
  void httpsToHttpDowngradeIsRefused() {
    server.redirect("/go", 302, "http://" + FHIR + ":" + server.port() + "/ok");
    Exception e = refusedCall(url(FHIR, "/go"));
    assertTrue(
        hasCause(e, ProtocolException.class) || PrivateLinkException.find(e).isPresent(),
        "expected a refused downgrade, got " + e);
    assertEquals(1, server.requests().size(), "only the first hop was sent");
  }

  @Test
  void redirectToAnotherPrivateHostIsFollowedWithoutTheToken() throws Exception {
    server.redirect("/go", 302, url(OTHER, "/ok"));

    GuardedTransport.Reply reply = transport.get(url(FHIR, "/go"), TOKEN);

    assertEquals(200, reply.status());
    RecordedRequest second = server.requests().get(1);
    assertEquals(OTHER, second.host().replaceFirst(":\\d+$", ""));
    assertNull(second.authorization(), "the token must not follow a cross-origin redirect");
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }
}
