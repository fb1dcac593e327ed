package io.privatelink.testkit;

import static io.privatelink.testkit.Dig.answers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class DnsSandboxAzureScenariosTest extends FreshDnsSandbox {

  private static final String HOST = "myfhir.azurehealthcareapis.com";

  @Test
  void privateEndpointIsACnameToThePrivatelinkAliasThenItsAddress() throws Exception {
    dns.privateEndpoint(HOST, "10.0.0.4");

    Message response = Dig.udp(dns, HOST, Type.A);

    assertEquals(
        List.of(
            "myfhir.azurehealthcareapis.com. CNAME myfhir.privatelink.azurehealthcareapis.com.",
            "myfhir.privatelink.azurehealthcareapis.com. A 10.0.0.4"),
        answers(response));
  }

  @ParameterizedTest
  @CsvSource({
    "ws-fhir.fhir.azurehealthcareapis.com, ws-fhir.privatelink.fhir.azurehealthcareapis.com.",
    "ws-dicom.dicom.azurehealthcareapis.com, ws-dicom.privatelink.dicom.azurehealthcareapis.com.",
    "ws.workspace.azurehealthcareapis.com, ws.privatelink.workspace.azurehealthcareapis.com.",
    "x.azurehealthcareapis.us, x.privatelink.azurehealthcareapis.us.",
    "x.fhir.azurehealthcareapis.us, x.privatelink.fhir.azurehealthcareapis.us.",
    "MyFhir.AzureHealthcareApis.com., myfhir.privatelink.azurehealthcareapis.com."
  })
  void privateEndpointAliasFollowsTheHostsZone(String host, String alias) throws Exception {
    dns.privateEndpoint(host, "10.0.0.4");

    Record cname = Dig.udp(dns, host, Type.A).getSection(Section.ANSWER).get(0);

    assertEquals(alias, cname.rdataToString().toLowerCase());
  }

  @Test
  void privateEndpointViaUsesTheGivenAlias() throws Exception {
    dns.privateEndpointVia(
        "ws-fhir.fhir.azurehealthcareapis.com",
        "ws-fhir.privatelink.azurehealthcareapis.com",
        "10.0.0.4");

    Message response = Dig.udp(dns, "ws-fhir.fhir.azurehealthcareapis.com", Type.A);

    assertEquals(
        List.of(
            "ws-fhir.fhir.azurehealthcareapis.com. CNAME ws-fhir.privatelink.azurehealthcareapis.com.",
            "ws-fhir.privatelink.azurehealthcareapis.com. A 10.0.0.4"),
        answers(response));
  }

  @Test
  void privateEndpointPutsIpv6AddressesInAaaa() throws Exception {
    dns.privateEndpoint(HOST, "10.0.0.4", "fd00::4");

    Message a = Dig.udp(dns, HOST, Type.A);
    Message aaaa = Dig.udp(dns, HOST, Type.AAAA);

    assertEquals(Type.A, a.getSection(Section.ANSWER).get(1).getType());
    assertEquals(2, a.getSection(Section.ANSWER).size());
    assertEquals(Type.AAAA, aaaa.getSection(Section.ANSWER).get(1).getType());
    assertEquals(2, aaaa.getSection(Section.ANSWER).size());
  }

  @Test
  void privateEndpointWithoutAddressesIsNxdomainAfterTheCname() throws Exception {
    dns.privateEndpoint(HOST);

    Message response = Dig.udp(dns, HOST, Type.A);

    assertEquals(Rcode.NXDOMAIN, response.getRcode());
    assertEquals(1, response.getSection(Section.ANSWER).size());
  }

  @Test
  void privateEndpointRejectsAHostOutsideTheAzureHealthZones() {
    assertThrows(
        IllegalArgumentException.class, () -> dns.privateEndpoint("fhir.example.com", "10.0.0.4"));
  }

  @Test
  void unlinkedZoneFallsThroughTrafficManagerToThePublicAddress() throws Exception {
    dns.unlinkedZone(HOST, "52.1.2.3");

    List<Record> answer = Dig.udp(dns, HOST, Type.A).getSection(Section.ANSWER);

    assertEquals(4, answer.size());
    assertEquals("myfhir.privatelink.azurehealthcareapis.com.", answer.get(0).rdataToString());
    assertTrue(answer.get(1).rdataToString().endsWith(".trafficmanager.net."));
    assertTrue(answer.get(2).rdataToString().endsWith(".cloudapp.azure.com."));
    assertEquals("52.1.2.3", answer.get(3).rdataToString());
    for (int i = 1; i < answer.size(); i++) {
      assertEquals(answer.get(i - 1).rdataToString(), answer.get(i).getName().toString());
    }
  }

  @Test
  void publicOnlyIsACnameToCloudappWithoutPrivatelink() throws Exception {
    dns.publicOnly(HOST, "52.1.2.3");

    List<Record> answer = Dig.udp(dns, HOST, Type.A).getSection(Section.ANSWER);

    assertEquals(2, answer.size());
    assertTrue(answer.get(0).rdataToString().endsWith(".cloudapp.azure.com."));
    assertEquals("52.1.2.3", answer.get(1).rdataToString());
  }

  @Test
  void scenarioReplacesTheHostsEarlierScenario() throws Exception {
    dns.privateEndpoint(HOST, "10.0.0.4");
    dns.unlinkedZone(HOST, "52.1.2.3");

    List<String> answer = answers(Dig.udp(dns, HOST, Type.A));

    assertEquals(4, answer.size());
    assertEquals("52.1.2.3", answer.get(3).substring(answer.get(3).lastIndexOf(' ') + 1));
  }

  @Test
  void twoHostsWithTheSameFirstLabelGetDistinctTrafficManagerNames() throws Exception {
    dns.unlinkedZone("ws.fhir.azurehealthcareapis.com", "52.1.2.3");
    dns.unlinkedZone("ws.dicom.azurehealthcareapis.com", "52.9.9.9");

    List<String> fhir = answers(Dig.udp(dns, "ws.fhir.azurehealthcareapis.com", Type.A));
    List<String> dicom = answers(Dig.udp(dns, "ws.dicom.azurehealthcareapis.com", Type.A));

    assertTrue(fhir.get(3).endsWith("52.1.2.3"));
    assertTrue(dicom.get(3).endsWith("52.9.9.9"));
  }
}
