package io.privatelink.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.Test;

class LoopbackPairTest {

  @Test
  void retriesWhenThePortIsTakenOnTheCanaryAddress() throws IOException {
    List<ServerSocket> blockers = new ArrayList<>();
    AtomicInteger starts = new AtomicInteger();
    try {
      try (LoopbackPair<TlsTestServer> pair =
          LoopbackPair.start(
              () -> {
                TlsTestServer server = TlsTestServer.builder().start();
                if (starts.incrementAndGet() == 1) {
                  blockers.add(occupy(CanaryServer.ADDRESS, server.port()));
                }
                return server;
              })) {
        assertEquals(2, starts.get());
        assertNotEquals(blockers.get(0).getLocalPort(), pair.port());
        assertEquals(pair.server().port(), pair.canary().port());
      }
    } finally {
      for (ServerSocket blocker : blockers) {
        blocker.close();
      }
    }
  }

  @Test
  void pairsAnEmbeddedFhirServerWithACanary() throws IOException {
    try (LoopbackPair<EmbeddedFhirServer> pair =
        LoopbackPair.start(EmbeddedFhirServer.builder()::start)) {
      OkHttpClient client = PinnedClients.pinnedTo("127.0.0.1", pair.server().certificates());
      Request request =
          new Request.Builder()
              .url(pair.server().baseUrl("myfhir.azurehealthcareapis.com") + "metadata")
              .build();
      try (Response response = client.newCall(request).execute()) {
        CapabilityStatement capabilities =
            pair.server()
                .fhirContext()
                .newJsonParser()
                .parseResource(CapabilityStatement.class, response.body().string());
        assertEquals(EmbeddedFhirServer.SOFTWARE_NAME, capabilities.getSoftware().getName());
      }
      pair.canary().assertUntouched();
      assertEquals(pair.server().port(), pair.canary().port());
    }
  }

  private static ServerSocket occupy(String address, int port) {
    try {
      return new ServerSocket(port, 1, InetAddress.getByName(address));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
