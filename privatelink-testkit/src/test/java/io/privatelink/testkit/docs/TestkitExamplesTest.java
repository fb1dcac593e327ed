package io.privatelink.testkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.testkit.AzureSandbox;
import io.privatelink.testkit.CanaryServer;
import io.privatelink.testkit.DnsFault;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.EmbeddedArm;
import io.privatelink.testkit.EmbeddedFhirServer;
import io.privatelink.testkit.LoopbackPair;
import io.privatelink.testkit.TestCertificates;
import io.privatelink.testkit.TestResponse;
import io.privatelink.testkit.TlsTestServer;
import java.io.IOException;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The code examples of privatelink-testkit/README.md and of the testkit's Javadoc, run as written
 * (DocSnippetsTest in privatelink-it holds the docs to these regions).
 */
class TestkitExamplesTest {

  @Test
  void readmeTruncatedAnswersGoOverTcp() throws Exception {
    // region:testkit-readme-truncate
    try (DnsSandbox dns = DnsSandbox.start()) {
      dns.privateEndpoint("myfhir.azurehealthcareapis.com", "10.0.0.4")
          .fault("myfhir.azurehealthcareapis.com", DnsFault.TRUNCATE); // UDP says TC=1, TCP in full
      PrivateLinkResolver resolver =
          PrivateLinkResolver.builder().nameservers(dns.nameserver()).build();
      resolver.resolve("myfhir.azurehealthcareapis.com"); // 10.0.0.4 is private by default
      assertTrue(dns.tcpQueries() > 0);
    }
    // endregion
  }

  @Test
  void readmeLoopbackPair() {
    // region:testkit-readme-loopback-pair
    try (LoopbackPair<EmbeddedFhirServer> pair =
        LoopbackPair.start(EmbeddedFhirServer.builder()::start)) {
      String base =
          pair.server().baseUrl("myfhir.azurehealthcareapis.com"); // https://myfhir...:PORT/
      // resolve the host to 127.0.0.1 for the happy path, to 127.0.0.2 to simulate an unlinked zone
      // trust pair.server().certificates().trustManager() ... run the client under test ...
      pair.canary().assertUntouched();
    }
    // endregion
  }

  @Test
  void readmeAzureSandbox() {
    // region:testkit-readme-azure-sandbox
    try (AzureSandbox sandbox = AzureSandbox.start()) {
      PrivateLinkResolver resolver = sandbox.newResolver();
      // ... a client trusting sandbox.certificates().trustManager(), at sandbox.fhirBaseUrl() ...
      sandbox.assertCanariesUntouched();
    }
    // endregion
  }

  @Test
  void javadocAzureSandbox() {
    // region:javadoc-AzureSandbox
    try (AzureSandbox sandbox = AzureSandbox.start()) {
      PrivateLinkResolver resolver = sandbox.newResolver();
      OkHttpClient base =
          new OkHttpClient.Builder()
              .sslSocketFactory(
                  sandbox.certificates().clientSocketFactory(),
                  sandbox.certificates().trustManager())
              .build();
      // ... call sandbox.fhirBaseUrl() and sandbox.dicomBaseUrl() through the guarded clients ...
      sandbox.assertCanariesUntouched();
    }
    // endregion
  }

  @Test
  void javadocEmbeddedFhirServer() throws Exception {
    // region:javadoc-EmbeddedFhirServer
    try (EmbeddedFhirServer server = EmbeddedFhirServer.builder().start()) {
      server.seed(new Patient().addName(new HumanName().setFamily("Chalmers")));
      TestCertificates certs = server.certificates();
      OkHttpClient client =
          new OkHttpClient.Builder()
              .dns(host -> List.of(server.address()))
              .sslSocketFactory(certs.clientSocketFactory(), certs.trustManager())
              .build();
      String url = server.baseUrl("myfhir.azurehealthcareapis.com") + "Patient?family=chalmers";
      try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
        Bundle bundle =
            server
                .fhirContext()
                .newJsonParser()
                .parseResource(Bundle.class, response.body().string());
        assertEquals(1, bundle.getTotal());
      }
      assertEquals(1, server.requestCount());
    }
    // endregion
  }

  @Test
  void javadocDnsSandbox() throws Exception {
    // region:javadoc-DnsSandbox
    try (DnsSandbox dns = DnsSandbox.start()) {
      dns.privateEndpoint("myfhir.azurehealthcareapis.com", "10.0.0.4");
      PrivateLinkResolver resolver =
          PrivateLinkResolver.builder().nameservers(dns.nameserver()).build();
      // myfhir.azurehealthcareapis.com            CNAME myfhir.privatelink.azurehealthcareapis.com
      // myfhir.privatelink.azurehealthcareapis.com A    10.0.0.4
      resolver.resolve("myfhir.azurehealthcareapis.com");

      dns.fault("myfhir.azurehealthcareapis.com", DnsFault.SERVFAIL); // now the nameserver fails
    }
    // endregion
  }

  @Test
  void javadocDnsSandboxRecords() throws Exception {
    try (DnsSandbox dns = DnsSandbox.start()) {
      // region:javadoc-DnsSandbox-privateEndpointVia
      dns.privateEndpointVia(
          "ws-fhir.fhir.azurehealthcareapis.com",
          "ws-fhir.privatelink.azurehealthcareapis.com",
          "10.0.0.4");
      // endregion
      // region:javadoc-DnsSandbox-a
      dns.a("api.internal.test", "10.1.0.5", "10.1.0.6");
      // endregion
      // region:javadoc-DnsSandbox-record
      dns.record(new TXTRecord(Name.fromString("x.test."), DClass.IN, 30, "hello"));
      // endregion
      PrivateLinkResolver.builder()
          .nameservers(dns.nameserver())
          .build()
          .resolve("ws-fhir.fhir.azurehealthcareapis.com");
      PrivateLinkResolver.builder()
          .nameservers(dns.nameserver())
          .build()
          .resolve("api.internal.test");
      assertEquals(0, dns.queries("x.test.", Type.TXT));
    }
  }

  @Test
  void javadocCanaryServer() {
    // region:javadoc-CanaryServer
    try (EmbeddedFhirServer fhir = EmbeddedFhirServer.builder().start();
        CanaryServer canary = CanaryServer.beside(fhir)) {
      // point the client under test at fhir.baseUrl("myfhir.azurehealthcareapis.com")
      // with DNS answering 127.0.0.2 ...
      canary.assertUntouched();
    }
    // endregion
  }

  @Test
  void javadocTlsTestServer() throws Exception {
    // region:javadoc-TlsTestServer
    try (TlsTestServer server = TlsTestServer.builder().start()) {
      server
          .respond("/metadata", 200, "{}")
          .redirect("/moved", 302, "https://elsewhere.azurehealthcareapis.com/metadata");
      OkHttpClient client =
          new OkHttpClient.Builder()
              .dns(host -> List.of(server.address()))
              .sslSocketFactory(
                  server.certificates().clientSocketFactory(), server.certificates().trustManager())
              .build();
      client
          .newCall(
              new Request.Builder()
                  .url(server.baseUrl("myfhir.azurehealthcareapis.com") + "metadata")
                  .build())
          .execute()
          .close();
      assertEquals("myfhir.azurehealthcareapis.com", server.requests().get(0).sniServerName());
    }
    // endregion
  }

  @Test
  void javadocTestRouteAndTestResponse() throws Exception {
    try (TlsTestServer server = TlsTestServer.builder().start()) {
      // region:javadoc-TestRoute
      server.handler(
          "/token",
          request ->
              request.body().contains("grant_type")
                  ? TestResponse.json(200, "{\"access_token\":\"t\"}")
                  : TestResponse.of(400, "bad request"));
      // endregion
      // region:javadoc-TestResponse
      TestResponse busy = TestResponse.of(503, "busy").withHeader("Retry-After", "1");
      // endregion
      server.handler("/busy", request -> busy);
      OkHttpClient trusting =
          new OkHttpClient.Builder()
              .sslSocketFactory(
                  server.certificates().clientSocketFactory(), server.certificates().trustManager())
              .build();
      try (Response r = getOn(server, trusting, "busy")) {
        assertEquals(503, r.code());
        assertEquals("1", r.header("Retry-After"));
      }
    }
  }

  @Test
  void javadocEmbeddedArm() {
    // region:javadoc-EmbeddedArm
    try (EmbeddedArm arm = EmbeddedArm.start()) {
      String rg = "/subscriptions/s1/resourceGroups/rg";
      String ws = rg + "/providers/Microsoft.HealthcareApis/workspaces/ws";
      String pe = rg + "/providers/Microsoft.Network/privateEndpoints/pe";
      arm.healthService(ws + "/fhirservices/fhir", "Disabled")
          .privateEndpointConnection(ws, "pe-conn", pe, "Approved");
      // GET arm.endpoint() + ws.substring(1) + "/privateEndpointConnections", trusting
      // arm.certificates().trustManager(): {"value":[{"id":...,"properties":{...}}]}
    }
    // endregion
  }

  @Test
  void javadocLoopbackPair() {
    // region:javadoc-LoopbackPair
    try (LoopbackPair<EmbeddedFhirServer> pair =
        LoopbackPair.start(EmbeddedFhirServer.builder()::start)) {
      String url = pair.server().baseUrl("myfhir.azurehealthcareapis.com");
      // ... exercise the guarded client ...
      pair.canary().assertUntouched();
    }
    // endregion
  }

  @Test
  void javadocTestCertificates() throws Exception {
    // region:javadoc-TestCertificates
    TestCertificates certs = TestCertificates.forAzureHealthHosts();
    OkHttpClient client =
        new OkHttpClient.Builder()
            .sslSocketFactory(certs.clientSocketFactory(), certs.trustManager())
            .build();
    // endregion
    try (TlsTestServer server = TlsTestServer.builder().certificates(certs).start()) {
      server.respond("/x", 200, "ok");
      try (Response r = getOn(server, client, "x")) {
        assertEquals(200, r.code());
      }
    }
  }

  /**
   * GET {@code https://myfhir.azurehealthcareapis.com:PORT/path} with the name pinned to server.
   */
  private static Response getOn(TlsTestServer server, OkHttpClient client, String path)
      throws IOException {
    OkHttpClient pinned = client.newBuilder().dns(host -> List.of(server.address())).build();
    return pinned
        .newCall(
            new Request.Builder()
                .url(server.baseUrl("myfhir.azurehealthcareapis.com") + path)
                .build())
        .execute();
  }
}
