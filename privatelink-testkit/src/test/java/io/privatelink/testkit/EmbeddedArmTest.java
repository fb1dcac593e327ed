package io.privatelink.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link EmbeddedArm} answers in ARM's documented shapes, over HTTPS on loopback. */
class EmbeddedArmTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RG = "/subscriptions/s1/resourceGroups/rg";
  private static final String WORKSPACE = RG + "/providers/Microsoft.HealthcareApis/workspaces/ws";
  private static final String ZONE =
      RG + "/providers/Microsoft.Network/privateDnsZones/privatelink.fhir.azurehealthcareapis.com";

  private EmbeddedArm arm;
  private OkHttpClient client;

  @BeforeEach
  void start() {
    arm = EmbeddedArm.start();
    client =
        new OkHttpClient.Builder()
            .sslSocketFactory(
                arm.certificates().clientSocketFactory(), arm.certificates().trustManager())
            .build();
  }

  @AfterEach
  void stop() {
    arm.close();
  }

  private Response get(String pathAndQuery) throws IOException {
    return client
        .newCall(new Request.Builder().url(arm.endpoint() + pathAndQuery.substring(1)).build())
        .execute();
  }

  private JsonNode json(String pathAndQuery) throws IOException {
    try (Response response = get(pathAndQuery)) {
      assertEquals(200, response.code());
      return JSON.readTree(response.body().string());
    }
  }

  @Test
  void healthServiceHasIdNameTypeAndPublicNetworkAccess() throws IOException {
    arm.healthService(WORKSPACE + "/fhirservices/fhir", "Disabled");

    JsonNode fhir = json(WORKSPACE + "/fhirservices/fhir?api-version=2024-03-31");

    assertEquals(WORKSPACE + "/fhirservices/fhir", fhir.get("id").asText());
    assertEquals("fhir", fhir.get("name").asText());
    assertEquals("Microsoft.HealthcareApis/workspaces/fhirservices", fhir.get("type").asText());
    assertEquals("Disabled", fhir.at("/properties/publicNetworkAccess").asText());
  }

  @Test
  void pathsMatchCaseInsensitivelyAsArmDoes() throws IOException {
    arm.healthService(WORKSPACE + "/fhirservices/fhir", "Enabled");

    assertEquals(
        "Enabled",
        json(WORKSPACE.toUpperCase() + "/FHIRSERVICES/FHIR")
            .at("/properties/publicNetworkAccess")
            .asText());
  }

  @Test
  void listsPageThroughNextLink() throws IOException {
    arm.pageSize(2);
    for (int i = 1; i <= 3; i++) {
      arm.virtualNetworkLink(
          ZONE, "link-" + i, RG + "/providers/Microsoft.Network/virtualNetworks/vnet-" + i);
    }

    JsonNode first = json(ZONE + "/virtualNetworkLinks?api-version=2020-06-01");
    String next = first.get("nextLink").asText();
    JsonNode second = json("/" + next.substring(arm.endpoint().length()));

    assertEquals(2, first.get("value").size());
    assertEquals(1, second.get("value").size());
    assertNull(second.get("nextLink"));
    assertEquals(
        RG + "/providers/Microsoft.Network/virtualNetworks/vnet-3",
        second.at("/value/0/properties/virtualNetwork/id").asText());
  }

  @Test
  void throttledRequestsGet429WithRetryAfterThenAnswers() throws IOException {
    arm.healthService(WORKSPACE + "/fhirservices/fhir", "Disabled").throttleNext(1, 7);

    try (Response throttled = get(WORKSPACE + "/fhirservices/fhir")) {
      assertEquals(429, throttled.code());
      assertEquals("7", throttled.header("Retry-After"));
      assertEquals(
          "TooManyRequests", JSON.readTree(throttled.body().string()).at("/error/code").asText());
    }
    try (Response next = get(WORKSPACE + "/fhirservices/fhir")) {
      assertEquals(200, next.code());
    }
  }

  @Test
  void unknownResourceIsA404WithArmsErrorShape() throws IOException {
    try (Response missing = get(WORKSPACE + "/fhirservices/nope")) {
      assertEquals(404, missing.code());
      assertEquals(
          "ResourceNotFound", JSON.readTree(missing.body().string()).at("/error/code").asText());
    }
  }

  @Test
  void zoneGroupWithoutAddressesHasNoRecordSet() throws IOException {
    String endpoint = RG + "/providers/Microsoft.Network/privateEndpoints/pe";
    arm.zoneGroup(endpoint, ZONE, "new-fhir", "new-fhir.privatelink.fhir.azurehealthcareapis.com");

    JsonNode groups = json(endpoint + "/privateDnsZoneGroups");

    assertEquals(
        ZONE,
        groups
            .at("/value/0/properties/privateDnsZoneConfigs/0/properties/privateDnsZoneId")
            .asText());
    assertEquals(
        0, groups.at("/value/0/properties/privateDnsZoneConfigs/0/properties/recordSets").size());
    assertTrue(groups.get("value").size() == 1);
  }
}
