package io.privatelink.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceEndpointTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "https://myfhir.azurehealthcareapis.com/, AZURE_API_FOR_FHIR, AZURE_PUBLIC",
    "https://ws-fhir.fhir.azurehealthcareapis.com/, AHDS_FHIR, AZURE_PUBLIC",
    "https://ws-dicom.dicom.azurehealthcareapis.com/v2/, AHDS_DICOM, AZURE_PUBLIC",
    "https://ws.workspace.azurehealthcareapis.com, AHDS_WORKSPACE, AZURE_PUBLIC",
    "https://gov.azurehealthcareapis.us/, AZURE_API_FOR_FHIR, AZURE_US_GOVERNMENT",
    "https://ws-fhir.fhir.azurehealthcareapis.us/, AHDS_FHIR, AZURE_US_GOVERNMENT",
    "https://ws-dicom.dicom.azurehealthcareapis.us/, AHDS_DICOM, AZURE_US_GOVERNMENT",
    "https://fhir.example.org/r4, OTHER, NONE",
    "https://a.b.c.azurehealthcareapis.com/, OTHER, AZURE_PUBLIC",
    "myfhir.azurehealthcareapis.com, AZURE_API_FOR_FHIR, AZURE_PUBLIC",
    "myfhir.azurehealthcareapis.com:443, AZURE_API_FOR_FHIR, AZURE_PUBLIC",
    "MyFhir.AzureHealthcareApis.com., AZURE_API_FOR_FHIR, AZURE_PUBLIC",
    "https://10.0.0.4/, OTHER, NONE",
  })
  void classifiesTheServiceAndCloud(
      String input, ServiceEndpoint.Kind kind, ServiceEndpoint.Cloud cloud) throws Exception {
    ServiceEndpoint endpoint = ServiceEndpoint.parse(input);
    assertEquals(kind, endpoint.kind());
    assertEquals(cloud, endpoint.cloud());
  }

  @Test
  void fhirScopeIsTheHostItself() throws Exception {
    assertEquals(
        Optional.of("https://myfhir.azurehealthcareapis.com/.default"),
        ServiceEndpoint.parse("https://MyFhir.azurehealthcareapis.com/Patient/1").tokenScope());
    assertEquals(
        Optional.of("https://ws-fhir.fhir.azurehealthcareapis.com/.default"),
        ServiceEndpoint.parse("https://ws-fhir.fhir.azurehealthcareapis.com").tokenScope());
  }

  @Test
  void dicomScopeIsTheSharedDicomResource() throws Exception {
    assertEquals(
        Optional.of("https://dicom.healthcareapis.azure.com/.default"),
        ServiceEndpoint.parse("https://ws-dicom.dicom.azurehealthcareapis.com/v2/").tokenScope());
  }

  @Test
  void otherHostsHaveNoScope() throws Exception {
    assertEquals(Optional.empty(), ServiceEndpoint.parse("https://fhir.example.org/").tokenScope());
    assertFalse(ServiceEndpoint.parse("https://fhir.example.org/").isAzureHealthService());
  }

  @Test
  void userinfoIsSkippedAndTheRealHostJudged() throws Exception {
    ServiceEndpoint endpoint =
        ServiceEndpoint.parse("https://myfhir.azurehealthcareapis.com@8.8.8.8/");
    assertEquals("8.8.8.8", endpoint.host());
    assertEquals(ServiceEndpoint.Kind.OTHER, endpoint.kind());
  }

  @Test
  void uriOverloadReadsTheSameAuthority() throws Exception {
    assertEquals(
        "myfhir.azurehealthcareapis.com",
        ServiceEndpoint.parse(URI.create("https://myfhir.azurehealthcareapis.com:8443/metadata"))
            .host());
  }

  @Test
  void idnHostBecomesPunycode() throws Exception {
    assertEquals("xn--bcher-kva.example", ServiceEndpoint.parse("https://bücher.example/").host());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2130706433",
        "0x7f.1",
        "0x7f.0.0.1",
        "010.0.0.1",
        "10.1",
        "127.1",
        "10.0.0.256",
        "1.2.3.4.5",
        "host.123",
        "https://2130706433/",
        "https://0x7f000001/",
        "https://[fe80::1%25eth0]/",
        "fe80::1%eth0",
        "https://%31%30.0.0.1/",
        "https://evil.example\\@myfhir.azurehealthcareapis.com/",
        "https://myfhir.azurehealthcareapis.com\u0000.evil.example/",
        "myfhir\u0000.azurehealthcareapis.com",
        "a..b.example",
        ".example",
        "example..",
        "under_score.example",
        "-dash.example",
        "ftp://myfhir.azurehealthcareapis.com/",
        "",
        "１２７.０.０.１",
      })
  void rejectsAmbiguousOrMalformedInput(String input) {
    PrivateLinkException e =
        assertThrows(PrivateLinkException.class, () -> ServiceEndpoint.parse(input));
    assertEquals(Verdict.REJECTED_INPUT, e.verdict());
    assertTrue(e.resolution().detail().isPresent(), "says what was wrong");
  }

  @Test
  void rejectsOverLongLabel() {
    String label = "a".repeat(64);
    PrivateLinkException e =
        assertThrows(PrivateLinkException.class, () -> ServiceEndpoint.parse(label + ".example"));
    assertTrue(e.getMessage().contains("at most 63"), e.getMessage());
  }

  @Test
  void rejectsOverLongName() {
    String name = ("a".repeat(60) + ".").repeat(5) + "example";
    PrivateLinkException e =
        assertThrows(PrivateLinkException.class, () -> ServiceEndpoint.parse(name));
    assertTrue(e.getMessage().contains("at most 253"), e.getMessage());
  }

  @Test
  void ambiguousLiteralMessageSaysWhatToWrite() {
    PrivateLinkException e =
        assertThrows(PrivateLinkException.class, () -> ServiceEndpoint.parse("0x7f.1"));
    assertTrue(e.getMessage().contains("ambiguous IP literal"), e.getMessage());
    assertTrue(e.getMessage().contains("dotted quad"), e.getMessage());
  }

  @Test
  void controlCharactersAreEscapedInTheMessage() {
    PrivateLinkException e =
        assertThrows(PrivateLinkException.class, () -> ServiceEndpoint.parse("a\u0007b.example"));
    assertFalse(e.getMessage().contains("\u0007"), "raw control character must not be echoed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.4", "https://[fd00::4]/", "https://10.0.0.4:8443/x", "[::1]"})
  void acceptsCanonicalLiterals(String input) throws Exception {
    assertEquals(ServiceEndpoint.Kind.OTHER, ServiceEndpoint.parse(input).kind());
  }

  @Test
  void oneTrailingDotIsAccepted() throws Exception {
    assertEquals(
        "myfhir.azurehealthcareapis.com",
        ServiceEndpoint.parse("myfhir.azurehealthcareapis.com.").host());
  }
}
