package io.privatelink.httpclient5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.NetworkPolicy;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.CanaryServer;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.LoopbackPair;
import io.privatelink.testkit.TlsTestServer;
import java.io.IOException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guarded Apache HttpClient 5 against a TLS server on 127.0.0.1 and a canary on 127.0.0.2. The
 * full attack suite runs over this client in privatelink-it's {@code TransportCanaryTest}.
 */
class GuardedApacheHttpClientTest {

  private static final String FHIR = "myfhir.azurehealthcareapis.com";
  private static final String UNLINKED = "unlinked.azurehealthcareapis.com";

  private static DnsSandbox dns;
  private static LoopbackPair<TlsTestServer> pair;

  private PrivateLinkResolver resolver;
  private CloseableHttpClient http;

  @BeforeAll
  static void start() {
    dns = DnsSandbox.start();
    pair = LoopbackPair.start(TlsTestServer.builder()::start);
  }

  @AfterAll
  static void stop() {
    pair.close();
    dns.close();
  }

  @BeforeEach
  void setUp() {
    dns.reset();
    pair.server().reset();
    pair.canary().reset();
    dns.privateEndpoint(FHIR, "127.0.0.1").unlinkedZone(UNLINKED, CanaryServer.ADDRESS);
    pair.server().respond("/metadata", 200, "private");
    resolver =
        PrivateLinkResolver.builder()
            .nameservers(dns.nameserver())
            .policy(NetworkPolicy.builder().withoutDefaults().allow("127.0.0.1/32").build())
            .timeout(Duration.ofSeconds(2))
            .build();
    http =
        GuardedApacheHttpClient.builder()
            .resolver(resolver)
            .from(HttpClients.custom().setUserAgent("my-app"))
            .sslContext(pair.server().certificates().clientHandshake().sslContext())
            .build();
  }

  @AfterEach
  void tearDown() throws IOException {
    http.close();
    pair.canary().assertUntouched();
  }

  @Test
  void linkedHostIsReachedOverTlsUnderItsOwnName() throws IOException {
    String body =
        http.execute(
            new HttpGet(pair.server().baseUrl(FHIR) + "metadata"),
            response -> EntityUtils.toString(response.getEntity()));

    assertEquals("private", body);
    assertEquals(FHIR, pair.server().requests().get(0).sniServerName());
    assertEquals("my-app", pair.server().requests().get(0).header("User-Agent"));
  }

  @Test
  void javadocExampleReadsFromTheLinkedHost() throws Exception {
    String serverBase = pair.server().baseUrl(FHIR);
    // The JVM's default TLS context trusts the test CA here, as the platform's roots trust Azure's.
    SSLContext platform = SSLContext.getDefault();
    SSLContext.setDefault(pair.server().certificates().clientHandshake().sslContext());
    try {
      // region:javadoc-httpclient5-GuardedApacheHttpClient
      CloseableHttpClient http = GuardedApacheHttpClient.builder().resolver(resolver).build();
      String body =
          http.execute(
              new HttpGet(serverBase + "metadata"),
              response -> EntityUtils.toString(response.getEntity()));
      // endregion
      http.close();
      assertEquals("private", body);
    } finally {
      SSLContext.setDefault(platform);
    }
  }

  @Test
  void unlinkedHostIsRefusedBeforeAnyConnection() {
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                http.execute(new HttpGet(pair.server().baseUrl(UNLINKED) + "metadata"), r -> null));

    assertEquals(
        Verdict.PUBLIC_ADDRESS,
        PrivateLinkException.find(e).orElseThrow(() -> new AssertionError(e)).verdict());
    assertEquals(0, pair.server().connections());
  }

  @Test
  void buildWithoutAResolverSaysWhatToAdd() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> GuardedApacheHttpClient.builder().build());
    assertTrue(e.getMessage().contains("resolver("), e.getMessage());
  }
}
