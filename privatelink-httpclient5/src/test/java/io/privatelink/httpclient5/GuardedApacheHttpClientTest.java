package io.privatelink.httpclient5;

import static io.privatelink.testkit.PrivateEndpointExtension.LINKED_HOST;
import static io.privatelink.testkit.PrivateEndpointExtension.UNLINKED_HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.PrivateEndpointExtension;
import io.privatelink.testkit.TlsTestServer;
import java.io.IOException;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The guarded Apache HttpClient 5 against a TLS server on 127.0.0.1 and a canary on 127.0.0.2. The
 * full attack suite runs over this client in privatelink-it's {@code TransportCanaryTest}.
 */
class GuardedApacheHttpClientTest {

  @RegisterExtension
  static final PrivateEndpointExtension<TlsTestServer> ENDPOINT =
      PrivateEndpointExtension.withTlsServer();

  private final TlsTestServer server = ENDPOINT.server();
  private CloseableHttpClient http;

  @BeforeEach
  void setUp() {
    server.respond("/metadata", 200, "private");
    http =
        GuardedApacheHttpClient.builder()
            .resolver(ENDPOINT.newResolver())
            .from(HttpClients.custom().setUserAgent("my-app"))
            .sslContext(server.certificates().clientHandshake().sslContext())
            .build();
  }

  @AfterEach
  void tearDown() throws IOException {
    http.close();
  }

  @Test
  void linkedHostIsReachedOverTlsUnderItsOwnName() throws IOException {
    String body =
        http.execute(
            new HttpGet(server.baseUrl(LINKED_HOST) + "metadata"),
            response -> EntityUtils.toString(response.getEntity()));

    assertEquals("private", body);
    assertEquals(LINKED_HOST, server.requests().get(0).sniServerName());
    assertEquals("my-app", server.requests().get(0).header("User-Agent"));
  }

  @Test
  void javadocExampleReadsFromTheLinkedHost() throws Exception {
    String serverBase = server.baseUrl(LINKED_HOST);
    PrivateLinkResolver resolver = ENDPOINT.newResolver();
    // The JVM's default TLS context trusts the test CA here, as the platform's roots trust Azure's.
    SSLContext platform = SSLContext.getDefault();
    SSLContext.setDefault(server.certificates().clientHandshake().sslContext());
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
            () -> http.execute(new HttpGet(server.baseUrl(UNLINKED_HOST) + "metadata"), r -> null));

    ENDPOINT.assertRefusedBeforeConnecting(Verdict.PUBLIC_ADDRESS, e);
  }
}
