package io.privatelink.hapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.SearchStyleEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import io.privatelink.testkit.EmbeddedFhirServer;
import io.privatelink.testkit.FakeEntraCredential;
import io.privatelink.testkit.RecordedRequest;
import io.privatelink.testkit.TestCertificates;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every HAPI client operation through {@link PrivateLinkRestfulClientFactory}, against a real HAPI
 * {@code RestfulServer} over TLS on 127.0.0.1, reached under its Azure host name (SNI and hostname
 * verification included) by a client whose {@code Dns} pins that name to 127.0.0.1.
 */
class PrivateLinkRestfulClientFactoryServerTest {

  private static final String HOST = "myfhir.azurehealthcareapis.com";

  private static EmbeddedFhirServer server;
  private static String base;

  private final AtomicInteger lookups = new AtomicInteger();
  private final List<Response> networkResponses = new CopyOnWriteArrayList<>();
  private FhirContext ctx;
  private PrivateLinkRestfulClientFactory factory;
  private IGenericClient client;

  @BeforeAll
  static void startServer() {
    server = EmbeddedFhirServer.builder().start();
    base = server.baseUrl(HOST);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void installFactory() {
    ctx = FhirContext.forR4();
    factory = new PrivateLinkRestfulClientFactory(ctx, pinnedClient());
    ctx.setRestfulClientFactory(factory);
    client = ctx.newRestfulGenericClient(base);
    server.reset();
  }

  /** Plays the guarded client: resolves every name to 127.0.0.1 and counts lookups. */
  private OkHttpClient pinnedClient() {
    TestCertificates certs = server.certificates();
    return new OkHttpClient.Builder()
        .dns(
            host -> {
              lookups.incrementAndGet();
              return List.of(InetAddress.getByName("127.0.0.1"));
            })
        .sslSocketFactory(certs.clientSocketFactory(), certs.trustManager())
        .addNetworkInterceptor(
            chain -> {
              Response response = chain.proceed(chain.request());
              networkResponses.add(response);
              return response;
            })
        .build();
  }

  private static Patient patient(String family) {
    return new Patient().addName(new HumanName().setFamily(family).addGiven("Test"));
  }

  private static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  private static Patient seedPatient(String family) {
    return (Patient) server.seed(patient(family)).get(0);
  }

  private static RecordedRequest lastRequest() {
    List<RecordedRequest> requests = server.requests();
    return requests.get(requests.size() - 1);
  }

  @Test
  void retrievesCapabilityStatement() {
    CapabilityStatement capabilities =
        client.capabilities().ofType(CapabilityStatement.class).execute();

    assertEquals(EmbeddedFhirServer.SOFTWARE_NAME, capabilities.getSoftware().getName());
  }

  @Test
  void validatesServerOnFirstUseThenReads() {
    Patient seeded = seedPatient(unique("Val"));

    client.read().resource(Patient.class).withId(seeded.getIdElement().getIdPart()).execute();

    List<String> paths = server.requests().stream().map(RecordedRequest::path).toList();
    assertEquals(List.of("/metadata", "/Patient/" + seeded.getIdElement().getIdPart()), paths);
  }

  @Test
  void readsPatient() {
    String family = unique("Read");
    Patient seeded = seedPatient(family);

    Patient read =
        client.read().resource(Patient.class).withId(seeded.getIdElement().getIdPart()).execute();

    assertEquals(family, read.getNameFirstRep().getFamily());
  }

  @Test
  void vreadsAnOlderVersion() {
    String family = unique("Vread");
    Patient seeded = seedPatient(family);
    String id = seeded.getIdElement().getIdPart();
    server.seed((Resource) patient(family + "Changed").setId(id));

    Patient first = client.read().resource(Patient.class).withIdAndVersion(id, "1").execute();

    assertEquals(family, first.getNameFirstRep().getFamily());
    assertEquals("1", first.getIdElement().getVersionIdPart());
  }

  @Test
  void searchesAndPagesThroughNextLinks() {
    String family = unique("Page");
    for (int i = 0; i < 12; i++) {
      server.seed(patient(family));
    }

    Bundle page =
        client
            .search()
            .forResource(Patient.class)
            .where(Patient.FAMILY.matches().value(family))
            .returnBundle(Bundle.class)
            .execute();
    List<String> ids = new ArrayList<>();
    int pages = 0;
    while (true) {
      pages++;
      page.getEntry().forEach(e -> ids.add(e.getResource().getIdElement().getIdPart()));
      if (page.getLink(Bundle.LINK_NEXT) == null) {
        break;
      }
      page = client.loadPage().next(page).execute();
    }

    assertEquals(12, Set.copyOf(ids).size());
    assertEquals(3, pages);
  }

  @Test
  void searchesWithPostFormBody() {
    String family = unique("Post");
    seedPatient(family);

    Bundle found =
        client
            .search()
            .forResource(Patient.class)
            .where(Patient.FAMILY.matches().value(family))
            .usingStyle(SearchStyleEnum.POST)
            .returnBundle(Bundle.class)
            .execute();

    assertEquals(1, found.getEntry().size());
    RecordedRequest request = lastRequest();
    assertEquals("POST", request.method());
    assertEquals("/Patient/_search", request.path());
    assertTrue(
        request.header("content-type").startsWith("application/x-www-form-urlencoded"),
        request.header("content-type"));
  }

  @Test
  void createsPatient() {
    String family = unique("Create");

    MethodOutcome outcome = client.create().resource(patient(family)).execute();

    assertTrue(outcome.getCreated());
    String id = outcome.getId().getIdPart();
    assertTrue(
        server.patients().stream()
            .anyMatch(
                p ->
                    p.getIdElement().getIdPart().equals(id)
                        && p.getNameFirstRep().getFamily().equals(family)));
  }

  @Test
  void updatesPatient() {
    Patient seeded = seedPatient(unique("Update"));
    String id = seeded.getIdElement().getIdPart();
    String newFamily = unique("Updated");
    Patient changed = patient(newFamily);
    changed.setId(id);

    MethodOutcome outcome = client.update().resource(changed).execute();

    assertEquals("2", outcome.getId().getVersionIdPart());
    Patient read = client.read().resource(Patient.class).withId(id).execute();
    assertEquals(newFamily, read.getNameFirstRep().getFamily());
  }

  @Test
  void patchesPatientWithJsonPatch() {
    Patient seeded = seedPatient(unique("Patch"));
    String id = seeded.getIdElement().getIdPart();

    client
        .patch()
        .withBody("[{\"op\":\"add\",\"path\":\"/active\",\"value\":false}]")
        .withId(new IdType("Patient", id))
        .execute();

    Patient read = client.read().resource(Patient.class).withId(id).execute();
    assertTrue(read.hasActive());
    assertFalse(read.getActive());
    assertTrue(
        lastRequestWithMethod("PATCH")
            .header("content-type")
            .startsWith("application/json-patch+json"));
  }

  private static RecordedRequest lastRequestWithMethod(String method) {
    List<RecordedRequest> matching =
        server.requests().stream().filter(r -> r.method().equals(method)).toList();
    assertFalse(matching.isEmpty(), "no " + method + " request recorded");
    return matching.get(matching.size() - 1);
  }

  @Test
  void deletesPatient() {
    Patient seeded = seedPatient(unique("Delete"));
    String id = seeded.getIdElement().getIdPart();

    client.delete().resourceById("Patient", id).execute();

    BaseServerResponseException gone =
        assertThrows(
            BaseServerResponseException.class,
            () -> client.read().resource(Patient.class).withId(id).execute());
    assertTrue(gone.getStatusCode() == 404 || gone.getStatusCode() == 410, gone.toString());
  }

  @Test
  void executesTransactionBundle() {
    String family = unique("Tx");
    String patientUuid = "urn:uuid:" + UUID.randomUUID();
    Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    tx.addEntry()
        .setFullUrl(patientUuid)
        .setResource(patient(family))
        .getRequest()
        .setMethod(Bundle.HTTPVerb.POST)
        .setUrl("Patient");
    tx.addEntry()
        .setResource(new Observation().setSubject(new Reference(patientUuid)))
        .getRequest()
        .setMethod(Bundle.HTTPVerb.POST)
        .setUrl("Observation");

    Bundle response = client.transaction().withBundle(tx).execute();

    assertEquals(2, response.getEntry().size());
    Patient created =
        server.patients().stream()
            .filter(p -> p.getNameFirstRep().getFamily().equals(family))
            .findFirst()
            .orElseThrow();
    assertTrue(
        server.observations().stream()
            .anyMatch(
                o ->
                    o.getSubject()
                        .getReference()
                        .equals("Patient/" + created.getIdElement().getIdPart())));
  }

  @Test
  void invokesOperationAndParsesItsOperationOutcome() {
    // The embedded server does not define this operation: it answers with an OperationOutcome,
    // which must arrive intact, and the request must be HAPI's operation invocation.
    Patient seeded = seedPatient(unique("Op"));
    String id = seeded.getIdElement().getIdPart();

    BaseServerResponseException e =
        assertThrows(
            BaseServerResponseException.class,
            () ->
                client
                    .operation()
                    .onInstance(new IdType("Patient", id))
                    .named("$no-such-operation")
                    .withNoParameters(Parameters.class)
                    .execute());

    RecordedRequest request = lastRequest();
    assertEquals("POST", request.method());
    assertEquals("/Patient/" + id + "/$no-such-operation", request.path());
    assertNotNull(e.getOperationOutcome());
    assertTrue(e.getOperationOutcome() instanceof OperationOutcome);
  }

  @Test
  void readsInXmlEncoding() {
    String family = unique("Xml");
    Patient seeded = seedPatient(family);
    client.setEncoding(EncodingEnum.XML);

    Patient read =
        client.read().resource(Patient.class).withId(seeded.getIdElement().getIdPart()).execute();

    assertEquals(family, read.getNameFirstRep().getFamily());
    Response last = networkResponses.get(networkResponses.size() - 1);
    assertTrue(last.header("Content-Type").contains("xml"), last.header("Content-Type"));
  }

  @Test
  void createsInXmlEncoding() {
    String family = unique("XmlCreate");
    client.setEncoding(EncodingEnum.XML);

    client.create().resource(patient(family)).execute();

    assertTrue(lastRequestWithMethod("POST").header("content-type").contains("xml"));
    assertTrue(
        server.patients().stream().anyMatch(p -> p.getNameFirstRep().getFamily().equals(family)));
  }

  @Test
  void gzipResponsesAreDecodedTransparently() {
    String family = unique("Gzip");
    Patient seeded = seedPatient(family);

    Patient read =
        client.read().resource(Patient.class).withId(seeded.getIdElement().getIdPart()).execute();

    assertEquals(family, read.getNameFirstRep().getFamily());
    Response onTheWire = networkResponses.get(networkResponses.size() - 1);
    assertEquals("gzip", onTheWire.header("Content-Encoding"));
    assertEquals("gzip", lastRequest().header("accept-encoding"));
  }

  @Test
  void timeoutSettersAfterInstallKeepTheClientsDns() {
    factory.setConnectTimeout(3_000);
    factory.setSocketTimeout(4_000);
    factory.setPoolMaxTotal(2); // a fresh pool: the next request must open, and resolve, anew
    int lookupsBefore = lookups.get();
    Patient seeded = seedPatient(unique("Timeout"));

    Patient read =
        client.read().resource(Patient.class).withId(seeded.getIdElement().getIdPart()).execute();

    assertNotNull(read);
    assertTrue(lookups.get() > lookupsBefore, "the pinned Dns resolved the fake Azure host");
    assertEquals(4_000, factory.getSocketTimeout());
  }

  @Test
  void clientWithDefaultDnsCannotReachTheFakeHost() {
    // The control for the test above: without the pinned Dns the fake host does not resolve.
    FhirContext other = FhirContext.forR4();
    TestCertificates certs = server.certificates();
    other.setRestfulClientFactory(
        new PrivateLinkRestfulClientFactory(
            other,
            new OkHttpClient.Builder()
                .sslSocketFactory(certs.clientSocketFactory(), certs.trustManager())
                .connectTimeout(Duration.ofSeconds(2))
                .build()));
    IGenericClient unpinned = other.newRestfulGenericClient(base);

    assertThrows(
        ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException.class,
        () -> unpinned.read().resource(Patient.class).withId("1").execute());
    assertEquals(0, server.requestCount());
  }

  @Test
  void tokenInterceptorAuthorizesRequestsToServerHost() {
    MutableClock clock = new MutableClock();
    FakeEntraCredential credential =
        FakeEntraCredential.builder().lifetime(Duration.ofHours(1)).clock(clock).build();
    client.registerInterceptor(
        AzureTokenInterceptor.builder()
            .credential(credential)
            .serverBase(base)
            .scope("https://" + HOST + "/.default")
            .verifier(host -> {})
            .clock(clock)
            .build());
    Patient seeded = seedPatient(unique("Auth"));

    client.read().resource(Patient.class).withId(seeded.getIdElement().getIdPart()).execute();
    client.read().resource(Patient.class).withId(seeded.getIdElement().getIdPart()).execute();

    assertEquals(
        List.of(
            "Bearer " + credential.token(1),
            "Bearer " + credential.token(1),
            "Bearer " + credential.token(1)),
        server.authorizationHeaders()); // /metadata and two reads
    assertEquals(1, credential.calls());
  }
}
