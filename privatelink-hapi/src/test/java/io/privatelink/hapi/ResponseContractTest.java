package io.privatelink.hapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import io.privatelink.testkit.EmbeddedFhirServer;
import io.privatelink.testkit.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HAPI's {@code IHttpResponse} contract on real responses from the embedded server. */
class ResponseContractTest {

  private static EmbeddedFhirServer server;
  private static IGenericClient client;
  private static String patientId;

  @BeforeAll
  static void start() {
    server = EmbeddedFhirServer.builder().start();
    patientId =
        server
            .seed(new Patient().addName(new HumanName().setFamily("Contract")))
            .get(0)
            .getIdElement()
            .getIdPart();
    FhirContext ctx = FhirContext.forR4();
    TestCertificates certs = server.certificates();
    OkHttpClient pinned =
        new OkHttpClient.Builder()
            .dns(host -> List.of(InetAddress.getByName("127.0.0.1")))
            .sslSocketFactory(certs.clientSocketFactory(), certs.trustManager())
            .build();
    ctx.setRestfulClientFactory(new PrivateLinkRestfulClientFactory(ctx, pinned));
    ctx.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    client = ctx.newRestfulGenericClient(server.baseUrl("myfhir.azurehealthcareapis.com"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /**
   * Runs {@code check} on the response of one read, inside HAPI's response hook, and fails unless
   * the hook ran (a check that never ran would pass) and the check passed.
   */
  private static void onReadResponse(ResponseCheck check) {
    AtomicBoolean ran = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    IClientInterceptor interceptor =
        new IClientInterceptor() {
          @Override
          public void interceptRequest(IHttpRequest request) {}

          @Override
          public void interceptResponse(IHttpResponse response) {
            ran.set(true);
            try {
              check.check(response);
            } catch (IOException | RuntimeException | AssertionError e) {
              failure.set(e);
            }
          }
        };
    client.registerInterceptor(interceptor);
    try {
      client.read().resource(Patient.class).withId(patientId).execute();
    } finally {
      client.unregisterInterceptor(interceptor);
    }
    assertTrue(ran.get(), "HAPI never called interceptResponse, so the check did not run");
    if (failure.get() instanceof AssertionError assertion) {
      throw assertion;
    }
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
  }

  interface ResponseCheck {
    void check(IHttpResponse response) throws IOException;
  }

  @Test
  void bufferedEntityCanBeReadTwiceAndHapiStillParsesIt() {
    onReadResponse(
        response -> {
          response.bufferEntity();
          try (InputStream first = response.readEntity();
              InputStream second = response.readEntity()) {
            assertEquals(new String(first.readAllBytes()), new String(second.readAllBytes()));
          }
        });
  }

  @Test
  void readerDecodesTheBody() {
    onReadResponse(
        response -> {
          response.bufferEntity();
          try (Reader reader = response.createReader()) {
            char[] buffer = new char[4096];
            String text = new String(buffer, 0, reader.read(buffer));
            assertTrue(text.contains("Contract"), text);
          }
        });
  }

  @Test
  void statusMimeTypeAndHeadersAreReported() {
    onReadResponse(
        response -> {
          assertEquals(200, response.getStatus());
          assertEquals("application/fhir+json", response.getMimeType());
          Map<String, List<String>> headers = response.getAllHeaders();
          assertTrue(headers.containsKey("content-type"), headers.toString());
          assertEquals(headers.get("content-type"), response.getHeaders("Content-Type"));
        });
  }

  @Test
  void responseIsTheOkHttpResponseAndIsClosedByHapi() {
    AtomicReference<Response> okResponse = new AtomicReference<>();
    onReadResponse(response -> okResponse.set((Response) response.getResponse()));

    // HAPI closed it in BaseClient's finally block: the body can no longer be read.
    assertTrue(
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class, () -> okResponse.get().body().source().readByte())
            .getMessage()
            .contains("closed"));
  }
}
