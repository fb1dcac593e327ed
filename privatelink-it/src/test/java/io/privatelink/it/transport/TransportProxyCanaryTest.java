package io.privatelink.it.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import io.privatelink.testkit.TlsTestServer;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every guarded transport in a JVM started with every proxy setting pointing at a canary on
 * 127.0.0.2 ({@code http(s).proxyHost}, {@code socksProxyHost}, {@code java.net.useSystemProxies},
 * {@code HTTP(S)_PROXY} and {@code ALL_PROXY}): libraries read and cache these at first use, so
 * they are set at JVM start by the {@code proxies-set-at-jvm-start} surefire execution, the only
 * one that runs this class.
 */
class TransportProxyCanaryTest {

  private static final String FHIR = "myfhir.azurehealthcareapis.com";
  private static final String UNLINKED = "unlinked.azurehealthcareapis.com";
  private static final Map<String, String> TOKEN = Map.of("Authorization", "Bearer secret-token");

  private static DnsSandbox dns;
  private static LoopbackPair<TlsTestServer> pair;
  private static CanaryServer proxy;

  private Client client;

  @BeforeAll
  static void start() {
    String port = System.getProperty("proxy.canary.port");
    // Only the forked execution passes the port; a -Dtest run of the default one lands here too.
    assumeTrue(port != null, "runs in the proxies-set-at-jvm-start surefire execution");
    if (!CanaryServer.ADDRESS.equals(System.getProperty("https.proxyHost"))
        || System.getenv("HTTPS_PROXY") == null) {
      throw new IllegalStateException(
          "TransportProxyCanaryTest needs proxies set at JVM start: it runs in the"
              + " proxies-set-at-jvm-start surefire execution of privatelink-it");
    }
    proxy = CanaryServer.plainHttpOnPort(Integer.parseInt(port));
    dns = DnsSandbox.start();
    pair = LoopbackPair.start(TlsTestServer.builder()::start);
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      pair.close();
      dns.close();
      proxy.close();
    }
  }

  @BeforeEach
  void setUp() {
    dns.reset();
    pair.server().reset();
    dns.privateEndpoint(FHIR, "127.0.0.1").unlinkedZone(UNLINKED, CanaryServer.ADDRESS);
    pair.server().respond("/ok", 200, "private");
  }

  @AfterEach
  void canariesUntouched() throws IOException {
    if (client != null) {
      client.close();
    }
    proxy.assertUntouched();
    pair.canary().assertUntouched();
  }

  static Stream<GuardedTransport> transports() {
    return GuardedTransport.all().stream();
  }

  private Client client(GuardedTransport transport) {
    PrivateLinkResolver resolver =
        PrivateLinkResolver.builder()
            .nameservers(dns.nameserver())
            .policy(NetworkPolicy.builder().withoutDefaults().allow("127.0.0.1/32").build())
            .timeout(Duration.ofSeconds(2))
            .build();
    client = transport.build(resolver, pair.server().certificates(), new GuardMetrics());
    return client;
  }

  private static String url(String host) {
    return "https://" + host + ":" + pair.server().port() + "/ok";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void linkedHostIsReachedDirectlyNotThroughTheProxy(GuardedTransport transport)
      throws IOException {
    assertEquals(new Reply(200, "private"), client(transport).get(url(FHIR), TOKEN));
    assertEquals(1, pair.server().requests().size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void unlinkedHostIsRefusedNotHandedToTheProxy(GuardedTransport transport) {
    Client c = client(transport);
    IOException e = assertThrows(IOException.class, () -> c.get(url(UNLINKED), TOKEN));

    assertEquals(
        Verdict.PUBLIC_ADDRESS,
        PrivateLinkException.find(e).orElseThrow(() -> new AssertionError(e)).verdict());
  }
}
