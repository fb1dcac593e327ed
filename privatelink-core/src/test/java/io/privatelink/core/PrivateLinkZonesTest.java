package io.privatelink.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.internal.zones.ZoneTable;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

class PrivateLinkZonesTest {

  @Test
  void defaultsHoldBothNamingVariantsForBothClouds() {
    for (String zone :
        new String[] {
          "privatelink.azurehealthcareapis.com",
          "privatelink.fhir.azurehealthcareapis.com",
          "privatelink.dicom.azurehealthcareapis.com",
          "privatelink.workspace.azurehealthcareapis.com",
          "privatelink.azurehealthcareapis.us",
          "privatelink.fhir.azurehealthcareapis.us",
          "privatelink.dicom.azurehealthcareapis.us",
          "privatelink.workspace.azurehealthcareapis.us",
        }) {
      assertTrue(PrivateLinkZones.defaults().zones().contains(zone), zone);
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "myfhir.privatelink.azurehealthcareapis.com, privatelink.azurehealthcareapis.com",
    "ws-fhir.privatelink.fhir.azurehealthcareapis.com, privatelink.fhir.azurehealthcareapis.com",
    "ws-fhir.fhir.privatelink.azurehealthcareapis.com, privatelink.azurehealthcareapis.com",
    "WS-DICOM.PRIVATELINK.DICOM.AZUREHEALTHCAREAPIS.COM., privatelink.dicom.azurehealthcareapis.com",
    "gov.privatelink.azurehealthcareapis.us, privatelink.azurehealthcareapis.us",
  })
  void findsTheMostSpecificZoneOfAName(String name, String zone) {
    assertEquals(Optional.of(zone), PrivateLinkZones.defaults().zoneOf(name));
  }

  @Test
  void aLookalikeIsNotInTheZone() {
    assertEquals(
        Optional.empty(),
        PrivateLinkZones.defaults().zoneOf("myfhir.evilprivatelink.azurehealthcareapis.com"));
    assertEquals(
        Optional.empty(),
        PrivateLinkZones.defaults().zoneOf("privatelink.azurehealthcareapis.com.evil.example"));
  }

  @ParameterizedTest(name = "{0} aliases to {1}")
  @CsvSource({
    "myfhir.azurehealthcareapis.com, myfhir.privatelink.azurehealthcareapis.com",
    "ws-fhir.fhir.azurehealthcareapis.com, ws-fhir.privatelink.fhir.azurehealthcareapis.com",
    "ws-dicom.dicom.azurehealthcareapis.com, ws-dicom.privatelink.dicom.azurehealthcareapis.com",
    "ws.workspace.azurehealthcareapis.com, ws.privatelink.workspace.azurehealthcareapis.com",
    "gov.azurehealthcareapis.us, gov.privatelink.azurehealthcareapis.us",
  })
  void derivesThePrivateLinkAlias(String host, String alias) {
    assertEquals(Optional.of(alias), ZoneTable.privateLinkAlias(host));
  }

  @Test
  void hasNoAliasForOtherHosts() {
    assertEquals(Optional.empty(), ZoneTable.privateLinkAlias("fhir.example.org"));
  }

  @Test
  void isExtensible() {
    PrivateLinkZones zones =
        PrivateLinkZones.defaults().newBuilder().add("privatelink.health.example").build();
    assertEquals(
        Optional.of("privatelink.health.example"), zones.zoneOf("x.privatelink.health.example"));
    assertEquals(
        Optional.of("privatelink.azurehealthcareapis.com"),
        zones.zoneOf("x.privatelink.azurehealthcareapis.com"));
  }

  @Test
  void refusesAZoneThatIsNotPrivateLink() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> PrivateLinkZones.builder().add("example.com"));
    assertTrue(e.getMessage().contains("privatelink."), e.getMessage());
  }

  @ParameterizedTest(name = "{0} aliases to {1}")
  @CsvFileSource(
      resources = "/io/privatelink/core/services-around-a-fhir-app-aliases.csv",
      numLinesToSkip = 1)
  void derivesThePrivateLinkAliasOfTheServicesAroundAFhirApp(String host, String alias) {
    assertEquals(Optional.of(alias), ZoneTable.privateLinkAlias(host));
  }

  @Test
  void oneCloudHoldsOnlyItsOwnZones() {
    PrivateLinkZones gov = PrivateLinkZones.forCloud("AzureUSGovernment");
    assertTrue(gov.zones().contains("privatelink.blob.core.usgovcloudapi.net"));
    assertTrue(gov.zones().contains("privatelink.azurehealthcareapis.us"));
    assertTrue(!gov.zones().contains("privatelink.blob.core.windows.net"));
    assertEquals(
        PrivateLinkZones.forCloud(ServiceEndpoint.Cloud.AZURE_CHINA),
        PrivateLinkZones.forCloud("azurechinacloud"));
  }

  @Test
  void unknownCloudIsRefusedWithTheKnownNames() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> PrivateLinkZones.forCloud("AzureGermanCloud"));
    assertTrue(e.getMessage().contains("AzureUSGovernment"), e.getMessage());
  }

  @Test
  void aBlobHostInASubdomainHasNoAlias() {
    assertEquals(Optional.empty(), ZoneTable.privateLinkAlias("a.b.blob.core.windows.net"));
  }
}
