package io.privatelink.hapi.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.util.StopWatch;
import io.privatelink.testkit.EmbeddedFhirServer;
import io.privatelink.testkit.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How HAPI reads a response body ({@code readEntity().readAllBytes()}), on real responses. */
class OkHttpFhirResponseTest {

  private static EmbeddedFhirServer server;
  private static OkHttpClient client;
  private static String patientUrl;

  @BeforeAll
  static void start() {
    server = EmbeddedFhirServer.builder().start();
    // Large enough to span many 8 KB Okio segments once decompressed.
    Patient patient = new Patient();
    for (int i = 0; i < 2_000; i++) {
      patient.addName(new HumanName().setFamily("Family" + i).addGiven("Given" + i));
    }
    String id = server.seed(patient).get(0).getIdElement().getIdPart();
    TestCertificates certs = server.certificates();
    client =
        new OkHttpClient.Builder()
            .dns(host -> List.of(InetAddress.getByName("127.0.0.1")))
            .sslSocketFactory(certs.clientSocketFactory(), certs.trustManager())
            .build();
    patientUrl = server.baseUrl("myfhir.azurehealthcareapis.com") + "Patient/" + id;
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static OkHttpFhirResponse get() throws IOException {
    Response response = client.newCall(new Request.Builder().url(patientUrl).build()).execute();
    return new OkHttpFhirResponse(response, new StopWatch());
  }

  private static byte[] wholeBody() throws IOException {
    try (Response response =
        client.newCall(new Request.Builder().url(patientUrl).build()).execute()) {
      assertEquals("gzip", response.networkResponse().header("Content-Encoding"));
      return response.body().bytes();
    }
  }

  @Test
  void readAllBytesAfterAPartialReadReturnsTheRestOfTheDecodedBody() throws IOException {
    byte[] expected = wholeBody();
    assertTrue(expected.length > 64 * 1024, "body of " + expected.length + " bytes");
    OkHttpFhirResponse response = get();
    try (InputStream entity = response.readEntity()) {
      byte[] head = entity.readNBytes(1_000);
      byte[] rest = entity.readAllBytes();
      byte[] actual = new byte[head.length + rest.length];
      System.arraycopy(head, 0, actual, 0, head.length);
      System.arraycopy(rest, 0, actual, head.length, rest.length);
      assertArrayEquals(expected, actual);
    } finally {
      response.close();
    }
  }

  @Test
  void readAllBytesOfAClosedResponseFailsWithAnIOException() throws IOException {
    OkHttpFhirResponse response = get();
    InputStream entity = response.readEntity();
    response.close();
    assertThrows(IOException.class, entity::readAllBytes);
  }
}
