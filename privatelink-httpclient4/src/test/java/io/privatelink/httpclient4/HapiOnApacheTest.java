package io.privatelink.httpclient4;

import static io.privatelink.testkit.PrivateEndpointExtension.LINKED_HOST;
import static io.privatelink.testkit.PrivateEndpointExtension.UNLINKED_HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.EmbeddedFhirServer;
import io.privatelink.testkit.PrivateEndpointExtension;
import java.io.IOException;
import javax.net.ssl.SSLContext;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HAPI FHIR's own Apache transport ({@code ApacheRestfulClientFactory}) over the guarded Apache
 * HttpClient 4.5, against a real HAPI server over TLS on 127.0.0.1 and a canary on 127.0.0.2.
 */
class HapiOnApacheTest {

  @RegisterExtension
  static final PrivateEndpointExtension<EmbeddedFhirServer> ENDPOINT =
      PrivateEndpointExtension.with(EmbeddedFhirServer.builder()::start);

  private final EmbeddedFhirServer server = ENDPOINT.server();
  private PrivateLinkResolver resolver;
  private CloseableHttpClient http;

  @BeforeEach
  void setUp() {
    resolver = ENDPOINT.newResolver();
  }

  @AfterEach
  void tearDown() throws IOException {
    if (http != null) {
      http.close();
    }
  }

  /**
   * The README's lines, verbatim: the JVM's default TLS context trusts the test CA here, as the
   * platform's roots trust Azure's certificates in production.
   */
  private IGenericClient readmeClient(FhirContext ctx, String serverBase) throws Exception {
    SSLContext platform = SSLContext.getDefault();
    SSLContext.setDefault(server.certificates().clientHandshake().sslContext());
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
    IGenericClient client = readmeClient(ctx, server.baseUrl(LINKED_HOST));
    Patient seeded =
        server.seed(new Patient().addName(new HumanName().setFamily("Chalmers"))).get(0);

    Patient read =
        client.read().resource(Patient.class).withId(seeded.getIdElement().getIdPart()).execute();

    assertEquals("Chalmers", read.getNameFirstRep().getFamily());
    assertTrue(client.capabilities().ofType(CapabilityStatement.class).execute().hasSoftware());
    assertEquals(LINKED_HOST, server.requests().get(0).sniServerName());
  }

  @Test
  void hapiOnApacheRefusesAnUnlinkedHostBeforeAnyConnection() throws Exception {
    FhirContext ctx = FhirContext.forR4();
    IGenericClient client = readmeClient(ctx, server.baseUrl(UNLINKED_HOST));

    FhirClientConnectionException e =
        assertThrows(
            FhirClientConnectionException.class,
            () -> client.read().resource(Patient.class).withId("1").execute());

    ENDPOINT.assertRefusedBeforeConnecting(Verdict.PUBLIC_ADDRESS, e);
  }
}
