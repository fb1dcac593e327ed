package io.privatelink.hapi.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.client.api.Header;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okio.Buffer;
import org.hl7.fhir.r4.model.Binary;
import org.junit.jupiter.api.Test;

/** What HAPI hands our request object, and what OkHttp is then asked to send. */
class OkHttpFhirRequestTest {

  private static final FhirContext CTX = FhirContext.forR4Cached();
  private static final OkHttpClient CLIENT = new OkHttpClient(); // never called here
  private static final String URL = "https://myfhir.azurehealthcareapis.com/Patient";

  private static OkHttpFhirClient client(RequestTypeEnum verb, List<Header> headers) {
    return new OkHttpFhirClient(CLIENT, new StringBuilder(URL), null, null, verb, headers, false);
  }

  private static byte[] body(Request request) throws Exception {
    Buffer buffer = new Buffer();
    request.body().writeTo(buffer);
    return buffer.readByteArray();
  }

  @Test
  void binaryBodyIsSentAsIsWithItsContentType() throws Exception {
    byte[] pdf = {0x25, 0x50, 0x44, 0x46, (byte) 0xff, 0x00};
    Binary binary = new Binary().setContentType("application/pdf").setData(pdf);

    OkHttpFhirRequest request =
        (OkHttpFhirRequest) client(RequestTypeEnum.POST, null).createBinaryRequest(CTX, binary);
    Request wire = request.toOkHttpRequest();

    assertArrayEquals(pdf, body(wire));
    assertEquals("application/pdf", wire.body().contentType().toString());
  }

  @Test
  void resourceBodyCarriesUtf8ContentType() throws Exception {
    OkHttpFhirRequest request =
        (OkHttpFhirRequest)
            client(RequestTypeEnum.PUT, null)
                .createByteRequest(
                    CTX, "{\"name\":\"Zoë\"}", "application/fhir+json", EncodingEnum.JSON);
    Request wire = request.toOkHttpRequest();

    assertEquals("PUT", wire.method());
    assertEquals("application/fhir+json; charset=UTF-8", wire.body().contentType().toString());
    assertEquals("{\"name\":\"Zoë\"}", new String(body(wire), StandardCharsets.UTF_8));
    assertEquals("{\"name\":\"Zoë\"}", request.getRequestBodyFromStream());
  }

  @Test
  void formParametersAreUrlEncoded() throws Exception {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("family", List.of("van der Berg"));
    params.put("identifier", List.of("urn:oid:1|42", "x&y"));

    IHttpRequest request =
        client(RequestTypeEnum.POST, null).createParamRequest(CTX, params, EncodingEnum.JSON);

    assertEquals(
        "family=van+der+Berg&identifier=urn%3Aoid%3A1%7C42&identifier=x%26y",
        request.getRequestBodyFromStream());
    assertEquals(
        "application/x-www-form-urlencoded; charset=UTF-8",
        ((OkHttpFhirRequest) request).toOkHttpRequest().body().contentType().toString());
  }

  @Test
  void getHasNoBody() throws Exception {
    IHttpRequest request =
        client(RequestTypeEnum.GET, null).createGetRequest(CTX, EncodingEnum.JSON);

    assertNull(((OkHttpFhirRequest) request).toOkHttpRequest().body());
    assertNull(request.getRequestBodyFromStream());
    assertEquals("GET", request.getHttpVerbName());
  }

  @Test
  void deleteIsSentWithoutBody() {
    IHttpRequest request = client(RequestTypeEnum.DELETE, null).createGetRequest(CTX, null);

    Request wire = ((OkHttpFhirRequest) request).toOkHttpRequest();
    assertEquals("DELETE", wire.method());
    assertNull(wire.body());
  }

  @Test
  void multiValuedHeadersAreKeptInOrder() {
    IHttpRequest request =
        client(RequestTypeEnum.GET, List.of(new Header("X-Tag", "a"), new Header("X-Tag", "b")))
            .createGetRequest(CTX, EncodingEnum.JSON);

    assertEquals(List.of("a", "b"), request.getAllHeaders().get("X-Tag"));
    assertEquals(
        List.of("a", "b"), ((OkHttpFhirRequest) request).toOkHttpRequest().headers("x-tag"));
  }

  @Test
  void removeHeadersIgnoresCase() {
    IHttpRequest request =
        client(RequestTypeEnum.GET, null).createGetRequest(CTX, EncodingEnum.JSON);

    request.removeHeaders("ACCEPT");

    assertTrue(request.getAllHeaders().keySet().stream().noneMatch("accept"::equalsIgnoreCase));
  }

  @Test
  void removeHeadersRejectsBlankName() {
    IHttpRequest request =
        client(RequestTypeEnum.GET, null).createGetRequest(CTX, EncodingEnum.JSON);

    assertThrows(IllegalArgumentException.class, () -> request.removeHeaders(" "));
  }

  @Test
  void gzipAcceptEncodingIsLeftToOkHttp() {
    IHttpRequest request =
        client(RequestTypeEnum.GET, null).createGetRequest(CTX, EncodingEnum.JSON);

    assertEquals(List.of("gzip"), request.getAllHeaders().get("Accept-Encoding"));
    assertNull(((OkHttpFhirRequest) request).toOkHttpRequest().header("Accept-Encoding"));
  }

  @Test
  void conditionalCreateSendsIfNoneExist() {
    IHttpRequest request =
        new OkHttpFhirClient(
                CLIENT,
                new StringBuilder(URL),
                Map.of("identifier", List.of("sys|1")),
                null,
                RequestTypeEnum.POST,
                null,
                false)
            .createByteRequest(CTX, "{}", "application/fhir+json", EncodingEnum.JSON);

    assertEquals(
        List.of(URL + "?identifier=sys%7C1"), request.getAllHeaders().get("If-None-Exist"));
  }

  @Test
  void setUriChangesTheTarget() {
    IHttpRequest request =
        client(RequestTypeEnum.GET, null).createGetRequest(CTX, EncodingEnum.JSON);

    request.setUri(URL + "?_count=1");

    assertEquals(URL + "?_count=1", request.getUri());
    assertEquals(
        URL + "?_count=1", ((OkHttpFhirRequest) request).toOkHttpRequest().url().toString());
  }
}
