package io.privatelink.httpclient4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import io.privatelink.core.NetworkPolicy;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.CanaryServer;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.EmbeddedFhirServer;
import io.privatelink.testkit.LoopbackPair;
import java.io.IOException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HAPI FHIR's own Apache transport ({@code ApacheRestfulClientFactory}) over the guarded Apache
 * HttpClient 4.5, against a real HAPI server over TLS on 127.0.0.1 and a canary on 127.0.0.2.
 */
class HapiOnApacheTest {

  private static final String FHIR = "myfhir.azurehealthcareapis.com";
  private static final String UNLINKED = "unlinked.azurehealthcareapis.com";

  private static DnsSandbox dns;
  private static LoopbackPair<EmbeddedFhirServer> pair;

  private PrivateLinkResolver resolver;
  private CloseableHttpClient http;

  @BeforeAll
  static void start() {
    dns = DnsSandbox.start();
    pair = LoopbackPair.start(EmbeddedFhirServer.builder()::start);
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
    resolver =
        PrivateLinkResolver.builder()
            .nameservers(dns.nameserver())
            .policy(NetworkPolicy.builder().withoutDefaults().allow("127.0.0.1/32").build())
            .timeout(Duration.ofSeconds(2))
            .build();
  }

  @AfterEach
  void tearDown() throws IOException {
    if (http != null) {
      http.close();
    }
    pair.canary().assertUntouched();
  }

  /**
   * The README's lines, verbatim: the JVM's default TLS context trusts the test CA here, as the
   * platform's roots trust Azure's certificates in production.
   */
  private IGenericClient readmeClient(FhirContext ctx, String serverBase) throws Exception {
    SSLContext platform = SSLContext.getDefault();
    SSLContext.setDefault(pair.server().certificates().clientHandshake().sslContext());
    try {
      // README.md "HAPI on Apache" and GuardedApacheHttpClient's Javadoc:
      // region:readme-hapi-on-apache
      CloseableHttpClient http =
          GuardedApacheHttpClient.builder()
              .resolver(resolver)
              .from(HttpClients.custom().setUserAgent("my-fhir-app")) // optional: your settings
              .build();
      ApacheRestfulClientFactory factory = new ApacheRestfulClientFactory(ctx);
      factory.setHttpClient(http);
      ctx.setRestfulClientFactory(factory);
      IGenericClient client = ctx.newRestfulGenericClient(serverBase);
      // endregion
      this.http = http;
      return client;
    } finally {
      SSLContext.setDefault(platform);
    }
  }

  @Test
  void hapiOnApacheReadsFromTheLinkedServer() throws Exception {
    FhirContext ctx = FhirContext.forR4();
    IGenericClient client = readmeClient(ctx, pair.server().baseUrl(FHIR));
    Patient seeded =
        pair.server().seed(new Patient().addName(new HumanName().setFamily("Chalmers"))).get(0);

    Patient read =
        client.read().resource(Patient.class).withId(seeded.getIdElement().getIdPart()).execute();

    assertEquals("Chalmers", read.getNameFirstRep().getFamily());
    assertTrue(client.capabilities().ofType(CapabilityStatement.class).execute().hasSoftware());
    assertEquals(FHIR, pair.server().requests().get(0).sniServerName());
  }

  @Test
  void hapiOnApacheRefusesAnUnlinkedHostBeforeAnyConnection() throws Exception {
    FhirContext ctx = FhirContext.forR4();
    IGenericClient client = readmeClient(ctx, pair.server().baseUrl(UNLINKED));

    FhirClientConnectionException e =
        assertThrows(
            FhirClientConnectionException.class,
            () -> client.read().resource(Patient.class).withId("1").execute());

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
