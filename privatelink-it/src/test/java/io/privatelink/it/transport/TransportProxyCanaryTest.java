package io.privatelink.it.transport;

import static io.privatelink.testkit.PrivateEndpointExtension.LINKED_HOST;
import static io.privatelink.testkit.PrivateEndpointExtension.UNLINKED_HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.privatelink.core.GuardMetrics;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.Verdict;
import io.privatelink.it.transport.GuardedTransport.Client;
import io.privatelink.it.transport.GuardedTransport.Reply;
import io.privatelink.testkit.CanaryServer;
import io.privatelink.testkit.PrivateEndpointExtension;
import io.privatelink.testkit.TlsTestServer;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
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

  private static final Map<String, String> TOKEN = Map.of("Authorization", "Bearer secret-token");

  @RegisterExtension
  static final PrivateEndpointExtension<TlsTestServer> ENDPOINT =
      PrivateEndpointExtension.withTlsServer();

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
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }

  @BeforeEach
  void setUp() {
    ENDPOINT.server().respond("/ok", 200, "private");
  }

  @AfterEach
  void proxyUntouched() throws IOException {
    if (client != null) {
      client.close();
    }
    proxy.assertUntouched();
  }

  static Stream<GuardedTransport> transports() {
    return GuardedTransport.all().stream();
  }

  private Client client(GuardedTransport transport) {
    client =
        transport.build(
            ENDPOINT.newResolver(), ENDPOINT.server().certificates(), new GuardMetrics());
    return client;
  }

  private static String url(String host) {
    return ENDPOINT.url(host, "/ok");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void linkedHostIsReachedDirectlyNotThroughTheProxy(GuardedTransport transport)
      throws IOException {
    assertEquals(new Reply(200, "private"), client(transport).get(url(LINKED_HOST), TOKEN));
    assertEquals(1, ENDPOINT.server().requests().size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void unlinkedHostIsRefusedNotHandedToTheProxy(GuardedTransport transport) {
    Client c = client(transport);
    IOException e = assertThrows(IOException.class, () -> c.get(url(UNLINKED_HOST), TOKEN));

    assertEquals(
        Verdict.PUBLIC_ADDRESS,
        PrivateLinkException.find(e).orElseThrow(() -> new AssertionError(e)).verdict());
  }
}
