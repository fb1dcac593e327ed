package io.privatelink.azure.canary;

import static io.privatelink.testkit.PrivateEndpointExtension.LINKED_HOST;
import static io.privatelink.testkit.PrivateEndpointExtension.MIXED_HOST;
import static io.privatelink.testkit.PrivateEndpointExtension.OTHER_LINKED_HOST;
import static io.privatelink.testkit.PrivateEndpointExtension.PUBLIC_HOST;
import static io.privatelink.testkit.PrivateEndpointExtension.UNLINKED_HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.PrivateEndpointExtension;
import io.privatelink.testkit.RecordedRequest;
import io.privatelink.testkit.TestCertificates;
import io.privatelink.testkit.TlsTestServer;
import java.net.ProtocolException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The canary attacks every guarded transport must withstand: an unlinked zone, a public answer, a
 * mixed answer, an IP literal, and redirects (every code) to a public host, to http and to another
 * private host. A private server on 127.0.0.1 plays the private endpoint; a live canary on
 * 127.0.0.2, same port and certificate, plays the public internet, and every test ends with it
 * untouched (no connection, so no token). A transport joins by extending this class with {@link
 * #newTransport}; the suite is written so it can become one parameterized suite over all of them.
 */
public abstract class CanaryAttackSuite {

  protected static final String TOKEN = "Bearer secret-token";
  private static final List<Integer> REDIRECT_CODES = List.of(301, 302, 303, 307, 308);

  @RegisterExtension
  protected static final PrivateEndpointExtension<TlsTestServer> ENDPOINT =
      PrivateEndpointExtension.withTlsServer();

  protected final TlsTestServer server = ENDPOINT.server();
  private GuardedTransport transport;

  /**
   * The transport under attack, guarded by {@code resolver} and trusting only {@code certs}' CA.
   */
  protected abstract GuardedTransport newTransport(
      PrivateLinkResolver resolver, TestCertificates certs);

  @BeforeEach
  void setUp() {
    server.respond("/ok", 200, "private");
    transport = newTransport(ENDPOINT.newResolver(), TestCertificates.forAzureHealthHosts());
  }

  @AfterEach
  void closeTransport() {
    transport.close();
  }

  protected static String url(String host, String path) {
    return ENDPOINT.url(host, path);
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
    GuardedTransport.Reply reply = transport.get(url(LINKED_HOST, "/ok"), TOKEN);

    assertEquals(200, reply.status());
    assertEquals("private", reply.body());
    assertEquals(TOKEN, server.requests().get(0).authorization());
  }

  @Test
  void unlinkedZoneIsRefusedBeforeAnyConnection() {
    assertEquals(Verdict.PUBLIC_ADDRESS, refused(url(UNLINKED_HOST, "/ok")).verdict());
    assertTrue(server.connectionLog().isEmpty());
  }

  @Test
  void publicOnlyHostIsRefused() {
    Verdict verdict = refused(url(PUBLIC_HOST, "/ok")).verdict();
    assertTrue(
        Set.of(Verdict.PUBLIC_ADDRESS, Verdict.NOT_VIA_PRIVATE_LINK).contains(verdict),
        verdict.toString());
  }

  @Test
  void mixedAnswerIsRefusedEvenThoughOneAddressIsPrivate() {
    assertEquals(Verdict.MIXED_ADDRESSES, refused(url(MIXED_HOST, "/ok")).verdict());
    assertTrue(server.connectionLog().isEmpty());
  }

  @Test
  void ipLiteralToThePublicSideIsRefusedAtConnect() {
    refused("https://127.0.0.2:" + server.port() + "/ok");
  }

  @Test
  void redirectOfEveryCodeToAPublicHostIsRefused() {
    for (int code : REDIRECT_CODES) {
      server.redirect("/go" + code, code, url(UNLINKED_HOST, "/ok"));
      assertEquals(
          Verdict.PUBLIC_ADDRESS,
          refused(url(LINKED_HOST, "/go" + code)).verdict(),
          "redirect " + code);
    }
  }

  @Test
  void redirectToAnIpLiteralOnThePublicSideIsRefused() {
    server.redirect("/go", 302, "https://127.0.0.2:" + server.port() + "/ok");
    refused(url(LINKED_HOST, "/go"));
  }

  @Test
  void httpsToHttpDowngradeIsRefused() {
    server.redirect("/go", 302, "http://" + LINKED_HOST + ":" + server.port() + "/ok");
    Exception e = refusedCall(url(LINKED_HOST, "/go"));
    assertTrue(
        hasCause(e, ProtocolException.class) || PrivateLinkException.find(e).isPresent(),
        "expected a refused downgrade, got " + e);
    assertEquals(1, server.requests().size(), "only the first hop was sent");
  }

  @Test
  void redirectToAnotherPrivateHostIsFollowedWithoutTheToken() throws Exception {
    server.redirect("/go", 302, url(OTHER_LINKED_HOST, "/ok"));

    GuardedTransport.Reply reply = transport.get(url(LINKED_HOST, "/go"), TOKEN);

    assertEquals(200, reply.status());
    RecordedRequest second = server.requests().get(1);
    assertEquals(OTHER_LINKED_HOST, second.host().replaceFirst(":\\d+$", ""));
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
