package io.privatelink.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The protocol of {@link EmbeddedFhirServer}'s bulk {@code $export}, with its files kept in a map
 * (Azurite as the store is exercised end to end in privatelink-examples).
 */
class BulkExportTest {

  private static final String HOST = "myfhir.azurehealthcareapis.com";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> files = new ConcurrentHashMap<>();
  private EmbeddedFhirServer server;
  private OkHttpClient client;

  private void start(ExportStorage storage) {
    EmbeddedFhirServer.Builder builder = EmbeddedFhirServer.builder();
    if (storage != null) {
      builder.bulkExport(storage);
    }
    server = builder.start();
    client = PinnedClients.pinnedTo("127.0.0.1", server.certificates());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ExportStorage intoTheMap() {
    return (name, ndjson) -> {
      files.put(name, new String(ndjson, StandardCharsets.UTF_8));
      return "https://store.blob.core.windows.net/export/" + name;
    };
  }

  private Response get(String url, boolean async) throws IOException {
    Request.Builder request = new Request.Builder().url(url);
    if (async) {
      request.header("Prefer", "respond-async");
    }
    return client.newCall(request.build()).execute();
  }

  private String kickOff() throws IOException {
    try (Response response = get(server.baseUrl(HOST) + "$export", true)) {
      assertEquals(202, response.code());
      return response.header("Content-Location");
    }
  }

  @Test
  void kickOffAnswers202WithAStatusUrlOnTheSameOrigin() throws IOException {
    start(intoTheMap());

    String status = kickOff();

    assertNotNull(status);
    assertTrue(status.startsWith(server.baseUrl(HOST) + "$export-poll-status?_jobId="), status);
  }

  @Test
  void firstPollSaysInProgressThenTheManifestListsOneFilePerType() throws Exception {
    start(intoTheMap());
    server.seed(new Patient().addName(new HumanName().setFamily("Chalmers")));
    String status = kickOff();

    try (Response first = get(status, false)) {
      assertEquals(202, first.code());
      assertEquals("1", first.header("Retry-After"));
    }
    JsonNode manifest = null;
    for (int i = 0; i < 50 && manifest == null; i++) {
      try (Response poll = get(status, false)) {
        if (poll.code() == 200) {
          manifest = JSON.readTree(poll.body().string());
        } else {
          Thread.sleep(100);
        }
      }
    }

    assertNotNull(manifest, "the export never finished");
    assertEquals(1, manifest.path("output").size(), manifest::toString);
    assertEquals("Patient", manifest.path("output").get(0).path("type").asText());
    assertEquals(1, manifest.path("output").get(0).path("count").asInt());
    assertTrue(manifest.path("requiresAccessToken").asBoolean());
    String file = files.values().iterator().next();
    assertTrue(file.startsWith("{\"resourceType\":\"Patient\""), file);
    assertEquals(1, file.lines().count());
  }

  @Test
  void kickOffWithoutPreferRespondAsyncIs400() throws IOException {
    start(intoTheMap());

    try (Response response = get(server.baseUrl(HOST) + "$export", false)) {
      assertEquals(400, response.code());
      assertTrue(response.body().string().contains("Prefer: respond-async"));
    }
  }

  @Test
  void withoutExportStorageTheKickOffIs501() throws IOException {
    start(null);

    try (Response response = get(server.baseUrl(HOST) + "$export", true)) {
      assertEquals(501, response.code());
    }
  }

  @Test
  void unknownJobIs404() throws IOException {
    start(intoTheMap());

    try (Response response = get(server.baseUrl(HOST) + "$export-poll-status?_jobId=nope", false)) {
      assertEquals(404, response.code());
    }
  }
}
