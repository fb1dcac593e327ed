package io.privatelink.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmbeddedFhirServerTest {

  private static final String HOST = "myfhir.azurehealthcareapis.com";
  private static final MediaType FHIR_JSON = MediaType.get("application/fhir+json");

  private final FhirContext ctx = FhirContext.forR4Cached();
  private final IParser json = ctx.newJsonParser();
  private EmbeddedFhirServer server;
  private OkHttpClient client;

  @BeforeEach
  void start() {
    server = EmbeddedFhirServer.builder().start();
    client = PinnedClients.pinnedTo("127.0.0.1", server.certificates());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void metadataNamesTheTestkitAndFhir401() throws IOException {
    CapabilityStatement capabilities = get("metadata", CapabilityStatement.class);
    assertEquals("privatelink-testkit", capabilities.getSoftware().getName());
    assertEquals("4.0.1", capabilities.getFhirVersion().toCode());
  }

  @Test
  void readsASeededPatient() throws IOException {
    Resource seeded = server.seed(patient("Chalmers")).get(0);
    Patient read = get("Patient/" + seeded.getIdElement().getIdPart(), Patient.class);
    assertEquals("Chalmers", read.getNameFirstRep().getFamily());
    assertEquals("1", read.getMeta().getVersionId());
  }

  @Test
  void readOfAnUnknownPatientIs404() throws IOException {
    try (Response response = call(request("Patient/nope").build())) {
      assertEquals(404, response.code());
    }
  }

  @Test
  void vreadReturnsAnEarlierVersionAfterAnUpdate() throws IOException {
    String id = server.seed(patient("Before")).get(0).getIdElement().getIdPart();
    Patient changed = patient("After");
    changed.setId(id);
    try (Response response = call(request("Patient/" + id).put(body(changed)).build())) {
      assertEquals(200, response.code());
    }
    assertEquals("After", get("Patient/" + id, Patient.class).getNameFirstRep().getFamily());
    assertEquals(
        "Before",
        get("Patient/" + id + "/_history/1", Patient.class).getNameFirstRep().getFamily());
    assertEquals("2", get("Patient/" + id, Patient.class).getMeta().getVersionId());
  }

  @Test
  void historyListsEveryVersionNewestFirst() throws IOException {
    String id = server.seed(patient("First")).get(0).getIdElement().getIdPart();
    Patient changed = patient("Second");
    changed.setId(id);
    server.seed(changed);

    Bundle history = get("Patient/" + id + "/_history", Bundle.class);

    assertEquals(Bundle.BundleType.HISTORY, history.getType());
    assertEquals(2, history.getEntry().size());
    assertEquals(
        "Second",
        ((Patient) history.getEntry().get(0).getResource()).getNameFirstRep().getFamily());
  }

  @Test
  void searchOnAParameterTheServerDoesNotServeIs400() throws IOException {
    try (Response response = call(request("Patient?birthdate=2000-01-01").build())) {
      assertEquals(400, response.code());
    }
  }

  @Test
  void searchesPatientsByFamilyIgnoringCase() throws IOException {
    server.seed(patient("Chalmers"), patient("Windsor"), patient("Chalk"));
    Bundle bundle = get("Patient?family=chalm", Bundle.class);
    assertEquals(1, bundle.getEntry().size());
    assertEquals(
        "Chalmers",
        ((Patient) bundle.getEntryFirstRep().getResource()).getNameFirstRep().getFamily());
  }

  @Test
  void searchesPatientsByAnyPartOfTheName() throws IOException {
    server.seed(
        patient("Chalmers")
            .setName(List.of(new HumanName().setFamily("Chalmers").addGiven("Peter"))),
        patient("Windsor"));
    assertEquals(1, get("Patient?name=pet", Bundle.class).getEntry().size());
  }

  @Test
  void pagesASearchWithNextLinks() throws IOException {
    for (int i = 0; i < 7; i++) {
      server.seed(patient("Family" + i));
    }
    Bundle first = get("Patient", Bundle.class);
    assertEquals(EmbeddedFhirServer.DEFAULT_PAGE_SIZE, first.getEntry().size());
    assertEquals(7, first.getTotal());
    String next = first.getLink(Bundle.LINK_NEXT).getUrl();
    assertTrue(next.startsWith("https://" + HOST + ":" + server.port()), next);

    Bundle second = parse(Bundle.class, call(new Request.Builder().url(next).build()));
    assertEquals(2, second.getEntry().size());
    assertNull(second.getLink(Bundle.LINK_NEXT));
  }

  @Test
  void searchesObservationsBySubject() throws IOException {
    String alice = server.seed(patient("Alice")).get(0).getIdElement().getIdPart();
    String bob = server.seed(patient("Bob")).get(0).getIdElement().getIdPart();
    server.seed(
        observation("Patient/" + alice),
        observation("Patient/" + bob),
        observation("Patient/" + alice));
    assertEquals(2, get("Observation?subject=Patient/" + alice, Bundle.class).getEntry().size());
    assertEquals(1, get("Observation?patient=" + bob, Bundle.class).getEntry().size());
  }

  @Test
  void everythingReturnsThePatientAndItsObservations() throws IOException {
    String alice = create(patient("Alice"));
    String bob = create(patient("Bob"));
    create(observation("Patient/" + alice));
    create(observation("Patient/" + alice));
    create(observation("Patient/" + bob));

    Bundle everything = get("Patient/" + alice + "/$everything", Bundle.class);

    assertEquals(Bundle.BundleType.SEARCHSET, everything.getType());
    assertEquals(3, everything.getEntry().size());
    assertEquals(
        "Patient/" + alice,
        everything
            .getEntry()
            .get(0)
            .getResource()
            .getIdElement()
            .toUnqualifiedVersionless()
            .getValue());
  }

  @Test
  void createAssignsAnIdAndAnswers201WithLocation() throws IOException {
    try (Response response = call(request("Patient").post(body(patient("New"))).build())) {
      assertEquals(201, response.code());
      String location = response.header("Location");
      assertNotNull(location);
      assertTrue(location.contains("/Patient/"), location);
    }
    assertEquals("New", server.patients().get(0).getNameFirstRep().getFamily());
  }

  @Test
  void updateWithAClientIdCreatesTheResource() throws IOException {
    Patient patient = patient("Chosen");
    patient.setId("chosen-1");
    try (Response response = call(request("Patient/chosen-1").put(body(patient)).build())) {
      assertEquals(201, response.code());
    }
    assertEquals("chosen-1", server.patients().get(0).getIdElement().getIdPart());
  }

  @Test
  void jsonPatchReplacesAndAddsFields() throws IOException {
    String id = server.seed(patient("Patched").setActive(false)).get(0).getIdElement().getIdPart();
    String patch =
        "[{\"op\":\"replace\",\"path\":\"/active\",\"value\":true},"
            + "{\"op\":\"add\",\"path\":\"/gender\",\"value\":\"female\"},"
            + "{\"op\":\"add\",\"path\":\"/name/0/given\",\"value\":[\"Ada\"]}]";
    Request request =
        request("Patient/" + id)
            .patch(RequestBody.create(patch, MediaType.get("application/json-patch+json")))
            .build();
    try (Response response = call(request)) {
      assertEquals(200, response.code(), response.body().string());
    }
    Patient read = get("Patient/" + id, Patient.class);
    assertTrue(read.getActive());
    assertEquals(AdministrativeGender.FEMALE, read.getGender());
    assertEquals("Ada", read.getNameFirstRep().getGivenAsSingleString());
    assertEquals("2", read.getMeta().getVersionId());
  }

  @Test
  void deletedPatientReadsAsGone() throws IOException {
    String id = server.seed(patient("Gone")).get(0).getIdElement().getIdPart();
    try (Response response = call(request("Patient/" + id).delete().build())) {
      assertTrue(response.isSuccessful(), "status " + response.code());
    }
    try (Response response = call(request("Patient/" + id).build())) {
      assertEquals(410, response.code());
    }
    assertTrue(server.patients().isEmpty());
  }

  @Test
  void transactionResolvesUrnUuidReferences() throws IOException {
    Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    transaction
        .addEntry()
        .setFullUrl("urn:uuid:5f0a1c2e-0000-4000-8000-000000000001")
        .setResource(patient("InTransaction"))
        .getRequest()
        .setMethod(Bundle.HTTPVerb.POST)
        .setUrl("Patient");
    transaction
        .addEntry()
        .setResource(observation("urn:uuid:5f0a1c2e-0000-4000-8000-000000000001"))
        .getRequest()
        .setMethod(Bundle.HTTPVerb.POST)
        .setUrl("Observation");

    Bundle response = parse(Bundle.class, call(request("").post(body(transaction)).build()));

    assertEquals(Bundle.BundleType.TRANSACTIONRESPONSE, response.getType());
    assertEquals("201 Created", response.getEntry().get(0).getResponse().getStatus());
    String patientId =
        server.patients().get(0).getIdElement().toUnqualifiedVersionless().getValue();
    assertEquals(patientId, server.observations().get(0).getSubject().getReference());
  }

  @Test
  void transactionIsAllOrNothing() throws IOException {
    Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    transaction
        .addEntry()
        .setResource(patient("NeverStored"))
        .getRequest()
        .setMethod(Bundle.HTTPVerb.POST)
        .setUrl("Patient");
    transaction
        .addEntry()
        .getRequest()
        .setMethod(Bundle.HTTPVerb.DELETE)
        .setUrl("Patient/does-not-exist");

    try (Response response = call(request("").post(body(transaction)).build())) {
      assertEquals(404, response.code());
    }
    assertTrue(server.patients().isEmpty());
  }

  @Test
  void batchReportsEachEntryOnItsOwn() throws IOException {
    Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
    batch
        .addEntry()
        .setResource(patient("Stored"))
        .getRequest()
        .setMethod(Bundle.HTTPVerb.POST)
        .setUrl("Patient");
    batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Patient/missing");

    Bundle response = parse(Bundle.class, call(request("").post(body(batch)).build()));

    assertEquals("201 Created", response.getEntry().get(0).getResponse().getStatus());
    assertTrue(response.getEntry().get(1).getResponse().getStatus().startsWith("404"));
    assertEquals(1, server.patients().size());
  }

  @Test
  void compressesResponsesWhenTheClientAsksForGzip() throws IOException {
    server.seed(patient("Zipped"));
    for (String path : List.of("metadata", "Patient?family=zip")) {
      // Setting Accept-Encoding ourselves turns off OkHttp's transparent decompression.
      try (Response response = call(request(path).header("Accept-Encoding", "gzip").build())) {
        assertEquals(200, response.code());
        assertEquals("gzip", response.header("Content-Encoding"), path);
        try (InputStream in = new GZIPInputStream(response.body().byteStream())) {
          String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          assertTrue(text.contains("\"resourceType\""), text);
        }
      }
    }
  }

  @Test
  void recordsRequestsAuthorizationHeadersAndConnections() throws IOException {
    try (Response response =
        call(request("metadata").header("Authorization", "Bearer t0ken").build())) {
      assertEquals(200, response.code());
    }
    assertEquals(1, server.requestCount());
    assertEquals(List.of("Bearer t0ken"), server.authorizationHeaders());
    assertEquals(1, server.connections());
    RecordedRequest seen = server.requests().get(0);
    assertEquals(HOST, seen.sniServerName());
    assertEquals(HOST + ":" + server.port(), seen.host());
    assertEquals("/metadata", seen.path());
  }

  @Test
  void baseUrlNamesTheHostAndPort() {
    assertEquals("https://" + HOST + ":" + server.port() + "/", server.baseUrl(HOST));
  }

  @Test
  void refusesToBindOutsideLoopback() {
    assertThrows(
        IllegalArgumentException.class, () -> EmbeddedFhirServer.builder().address("10.0.0.1"));
  }

  @Test
  void closeReleasesThePort() throws IOException {
    int port = server.port();
    server.close();
    try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1, server.address())) {
      assertFalse(socket.isClosed());
    }
  }

  private Request.Builder request(String path) {
    return new Request.Builder()
        .url(server.baseUrl(HOST) + path)
        .header("Accept", "application/fhir+json");
  }

  private Response call(Request request) throws IOException {
    return client.newCall(request).execute();
  }

  private <T extends IBaseResource> T get(String path, Class<T> type) throws IOException {
    return parse(type, call(request(path).build()));
  }

  private <T extends IBaseResource> T parse(Class<T> type, Response response) throws IOException {
    try (response) {
      String text = response.body().string();
      assertEquals(200, response.code(), text);
      return json.parseResource(type, text);
    }
  }

  /** Creates {@code resource} with a POST and returns the id the server assigned. */
  private String create(Resource resource) throws IOException {
    try (Response response = call(request(resource.fhirType()).post(body(resource)).build())) {
      assertEquals(201, response.code());
      return new IdType(response.header("Location")).getIdPart();
    }
  }

  private RequestBody body(IBaseResource resource) {
    return RequestBody.create(json.encodeResourceToString(resource), FHIR_JSON);
  }

  private static Patient patient(String family) {
    Patient patient = new Patient();
    patient.addName().setFamily(family);
    return patient;
  }

  private static Observation observation(String subject) {
    Observation observation = new Observation();
    observation.setStatus(Observation.ObservationStatus.FINAL);
    observation.getCode().setText("heart rate");
    observation.setSubject(new Reference(subject));
    return observation;
  }
}
