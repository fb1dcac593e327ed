package io.privatelink.azure;

import static io.privatelink.testkit.PrivateEndpointExtension.LINKED_HOST;
import static io.privatelink.testkit.PrivateEndpointExtension.UNLINKED_HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.ProxyOptions;
import com.azure.core.util.Context;
import com.azure.core.util.HttpClientOptions;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.PrivateEndpointExtension;
import io.privatelink.testkit.TestCertificates;
import io.privatelink.testkit.TlsTestServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The opt-in provider, selected per client through {@link HttpClientOptions} (selection through
 * {@code AZURE_HTTP_CLIENT_IMPLEMENTATION} at JVM start is proven in {@link
 * ProxySettingsIgnoredTest}).
 */
class GuardedHttpClientProviderTest {

  @RegisterExtension
  static final PrivateEndpointExtension<TlsTestServer> ENDPOINT =
      PrivateEndpointExtension.withTlsServer();

  @BeforeEach
  void setUp() {
    ENDPOINT.server().respond("/ok", 200, "private");
    GuardedHttpClientProvider.forgetResolver();
    GuardedHttpClientProvider.useResolver(
        ENDPOINT.newResolver(),
        AzureCoreCanaryAttackTest.trusting(TestCertificates.forAzureHealthHosts()));
  }

  @AfterEach
  void tearDown() {
    GuardedHttpClientProvider.forgetResolver();
  }

  private static HttpClientOptions selected() {
    return new HttpClientOptions().setHttpClientProvider(GuardedHttpClientProvider.class);
  }

  private static String url(String host) {
    return ENDPOINT.url(host, "/ok");
  }

  @Test
  void selectedProviderReachesALinkedHost() {
    HttpClient client = HttpClient.createDefault(selected());
    try (HttpResponse response =
        client.sendSync(new HttpRequest(HttpMethod.GET, url(LINKED_HOST)), Context.NONE)) {
      assertEquals(200, response.getStatusCode());
    }
  }

  @Test
  void selectedProviderRefusesAnUnlinkedHostBeforeAnyConnection() {
    HttpClient client = HttpClient.createDefault(selected());
    RuntimeException e =
        assertThrows(
            RuntimeException.class,
            () ->
                client.sendSync(new HttpRequest(HttpMethod.GET, url(UNLINKED_HOST)), Context.NONE));
    assertEquals(Verdict.PUBLIC_ADDRESS, PrivateLinkException.find(e).orElseThrow().verdict());
  }

  @Test
  void providerFoundButNotSelectedHandsOutAzureCoresOwnClient() throws Exception {
    // A server the guard would refuse (127.0.0.3 is outside the policy), reached by IP literal.
    try (TlsTestServer elsewhere = TlsTestServer.builder().address("127.0.0.3").start()) {
      HttpClient client = new GuardedHttpClientProvider().createInstance(new HttpClientOptions());
      assertThrows(
          RuntimeException.class, // the certificate names no IP; the connection is what counts
          () ->
              client.sendSync(
                  new HttpRequest(HttpMethod.GET, "https://127.0.0.3:" + elsewhere.port() + "/"),
                  Context.NONE));
      assertTrue(elsewhere.awaitConnections(1, Duration.ofSeconds(5)), "unguarded: it connected");
    }
  }

  @Test
  void proxyInTheOptionsIsRefusedAtCreation() {
    HttpClientOptions options =
        selected()
            .setProxyOptions(
                new ProxyOptions(ProxyOptions.Type.HTTP, new InetSocketAddress("127.0.0.2", 3128)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HttpClient.createDefault(options));
    assertTrue(e.getMessage().contains("Remove setProxyOptions"), e.getMessage());
  }

  @Test
  void aSecondDifferentResolverIsRefused() {
    PrivateLinkResolver other =
        PrivateLinkResolver.builder().nameservers(ENDPOINT.dns().nameserver()).build();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> GuardedHttpClientProvider.useResolver(other));
    assertTrue(e.getMessage().contains("call useResolver once"), e.getMessage());
    assertFalse(e.getMessage().isBlank());
  }
}
