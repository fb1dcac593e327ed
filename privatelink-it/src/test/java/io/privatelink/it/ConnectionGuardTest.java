package io.privatelink.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.ConnectionGuard;
import io.privatelink.core.Diagnosis;
import io.privatelink.core.GuardMetrics;
import io.privatelink.core.NetworkPolicy;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.CanaryServer;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.LoopbackPair;
import io.privatelink.testkit.TlsTestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transport-neutral guard every transport is built from, over real DNS. */
class ConnectionGuardTest {

  private static final String FHIR = "myfhir.azurehealthcareapis.com";
  private static final String UNLINKED = "unlinked.azurehealthcareapis.com";

  private static DnsSandbox dns;
  private PrivateLinkResolver resolver;
  private GuardMetrics metrics;

  @BeforeAll
  static void startDns() {
    dns = DnsSandbox.start();
  }

  @AfterAll
  static void stopDns() {
    dns.close();
  }

  @BeforeEach
  void setUp() {
    dns.reset();
    dns.privateEndpoint(FHIR, "127.0.0.1").unlinkedZone(UNLINKED, CanaryServer.ADDRESS);
    resolver =
        PrivateLinkResolver.builder()
            .nameservers(dns.nameserver())
            .policy(NetworkPolicy.builder().withoutDefaults().allow("127.0.0.1/32").build())
            .timeout(Duration.ofSeconds(2))
            .build();
    metrics = new GuardMetrics();
  }

  @Test
  void javadocExampleVerifiesAndHandsOutGuardedSockets() throws IOException {
    // region:javadoc-ConnectionGuard
    ConnectionGuard guard = ConnectionGuard.builder().resolver(resolver).build();
    List<InetAddress> addresses = guard.verify("myfhir.azurehealthcareapis.com"); // or throws
    Socket socket = guard.socketFactory().createSocket(); // connect() re-checks the address
    // endregion

    assertEquals(List.of(InetAddress.getByName("127.0.0.1")), addresses);
    socket.close();
  }

  @Test
  void unlinkedHostIsRefusedWithItsVerdict() {
    ConnectionGuard guard = ConnectionGuard.builder().resolver(resolver).metrics(metrics).build();

    PrivateLinkException e = assertThrows(PrivateLinkException.class, () -> guard.verify(UNLINKED));

    assertEquals(Verdict.PUBLIC_ADDRESS, e.verdict());
    assertEquals(1, metrics.refusals());
  }

  @Test
  void hostOutsideTheAllowlistHasItsOwnVerdictAndHint() {
    ConnectionGuard guard =
        ConnectionGuard.builder().resolver(resolver).allowedHosts(List.of(FHIR)).build();

    PrivateLinkException e = assertThrows(PrivateLinkException.class, () -> guard.verify(UNLINKED));

    assertEquals(Verdict.HOST_NOT_ALLOWED, e.verdict());
    assertEquals(
        List.of(Diagnosis.Cause.HOST_NOT_ALLOWED),
        e.diagnosis().hintsWithEvidence().stream().map(Diagnosis.Hint::cause).toList());
    assertEquals(0, dns.queries(UNLINKED));
  }

  @Test
  void refusalsCountEveryRefusalWhateverItsReason() {
    ConnectionGuard guard =
        ConnectionGuard.builder()
            .resolver(resolver)
            .allowedHosts(List.of(FHIR, UNLINKED))
            .metrics(metrics)
            .build();

    assertThrows(PrivateLinkException.class, () -> guard.verify(UNLINKED)); // policy violation
    assertThrows(
        PrivateLinkException.class, () -> guard.verify("elsewhere.example.org")); // allowlist
    assertThrows(
        ProtocolException.class,
        () ->
            guard.redirect(
                URI.create("https://" + FHIR + "/"), "http://" + FHIR + "/", 301, "GET"));

    assertEquals(3, metrics.refusals());
    assertEquals(1, metrics.refusedRedirects());
    assertEquals(1, resolver.stats().violations()); // the resolver saw only the first
  }

  @Test
  void socketRefusesAnAddressThePolicyDoesNotAllow() throws IOException {
    try (LoopbackPair<TlsTestServer> pair =
            LoopbackPair.start(TlsTestServer.builder().plainHttp()::start);
        Socket socket =
            ConnectionGuard.builder()
                .resolver(resolver)
                .metrics(metrics)
                .build()
                .socketFactory()
                .createSocket()) {
      assertThrows(
          PrivateLinkException.class,
          () -> socket.connect(new InetSocketAddress(CanaryServer.ADDRESS, pair.port())));
      pair.canary().assertUntouched();
    }
    assertEquals(1, metrics.refusedConnects());
  }

  @Test
  void redirectToAnotherHostOutsideTheAllowlistIsRefusedBeforeDns() {
    ConnectionGuard guard =
        ConnectionGuard.builder()
            .resolver(resolver)
            .allowedHosts(List.of(FHIR))
            .metrics(metrics)
            .build();

    PrivateLinkException e =
        assertThrows(
            PrivateLinkException.class,
            () ->
                guard.redirect(
                    URI.create("https://" + FHIR + "/"), "https://" + UNLINKED + "/", 302, "GET"));

    assertEquals(Verdict.HOST_NOT_ALLOWED, e.verdict());
    assertEquals(0, dns.queries(UNLINKED));
    assertEquals(1, metrics.refusedRedirects());
    assertEquals(1, metrics.refusals()); // one refusal, counted once
  }

  @Test
  void downgradeRedirectIsRefusedAndCounted() {
    ConnectionGuard guard = ConnectionGuard.builder().resolver(resolver).metrics(metrics).build();

    ProtocolException e =
        assertThrows(
            ProtocolException.class,
            () ->
                guard.redirect(
                    URI.create("https://" + FHIR + "/"), "http://" + FHIR + "/", 301, "GET"));

    assertTrue(e.getMessage().contains("downgrade"), e.getMessage());
    assertEquals(1, metrics.refusedRedirects());
  }
}
