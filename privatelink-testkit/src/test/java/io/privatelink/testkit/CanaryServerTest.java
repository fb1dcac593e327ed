package io.privatelink.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CanaryServerTest {

  private static final String HOST = "myfhir.azurehealthcareapis.com";

  private LoopbackPair<TlsTestServer> pair;
  private CanaryServer canary;
  private OkHttpClient leaking;

  @BeforeEach
  void start() {
    pair = LoopbackPair.start(TlsTestServer.builder()::start);
    canary = pair.canary();
    leaking = PinnedClients.pinnedTo(CanaryServer.ADDRESS, canary.certificates());
  }

  @AfterEach
  void stop() {
    pair.close();
  }

  @Test
  void untouchedCanaryPasses() {
    canary.assertUntouched();
  }

  @Test
  void leakedRequestSucceedsBecauseTheCanaryLooksLikeTheRealServer() throws IOException {
    try (Response response = leak("metadata", null)) {
      assertEquals(200, response.code());
      assertEquals(CanaryServer.BODY, response.body().string());
    }
    assertEquals(HOST, canary.requests().get(0).sniServerName());
  }

  @Test
  void canaryRecordsTheAuthorizationHeader() throws IOException {
    leak("Patient/1", "Bearer leaked-token").close();
    assertEquals(List.of("Bearer leaked-token"), canary.authorizationHeaders());
  }

  @Test
  void assertUntouchedFailsAfterARequestWithoutPrintingTheToken() throws IOException {
    leak("Patient/1", "Bearer leaked-token").close();
    AssertionError failure = assertThrows(AssertionError.class, canary::assertUntouched);
    assertTrue(failure.getMessage().contains("GET /Patient/1"), failure.getMessage());
    assertTrue(
        failure.getMessage().contains("1 with an Authorization header"), failure.getMessage());
    assertFalse(failure.getMessage().contains("leaked-token"), failure.getMessage());
  }

  @Test
  void canaryCountsAConnectionThatFailsTheTlsHandshake() throws Exception {
    OkHttpClient distrustful =
        PinnedClients.pinnedTo(
            CanaryServer.ADDRESS, TestCertificates.forNames(List.of("stranger.example")));
    Request request = new Request.Builder().url(pair.server().baseUrl(HOST) + "metadata").build();
    assertThrows(SSLHandshakeException.class, () -> distrustful.newCall(request).execute());

    assertTrue(canary.awaitConnections(1, Duration.ofSeconds(5)));
    assertTrue(canary.requests().isEmpty());
    assertThrows(AssertionError.class, canary::assertUntouched);
  }

  @Test
  void assertUntouchedFailsAfterABareConnection() throws IOException, InterruptedException {
    try (Socket socket = new Socket(canary.address(), canary.port())) {
      assertTrue(socket.isConnected());
      // The kernel accepted it; wait until Jetty has too (a loaded machine may take longer than
      // assertUntouched's own short settle window, which is not what this test is about).
      assertTrue(canary.awaitConnections(1, Duration.ofSeconds(10)));
      AssertionError failure = assertThrows(AssertionError.class, canary::assertUntouched);
      assertTrue(failure.getMessage().contains("1 connection(s)"), failure.getMessage());
    }
  }

  @Test
  void privateServerTrafficLeavesTheCanaryUntouched() throws IOException {
    pair.server().respond("/metadata", 200, "private");
    OkHttpClient guarded = PinnedClients.pinnedTo("127.0.0.1", pair.server().certificates());
    Request request = new Request.Builder().url(pair.server().baseUrl(HOST) + "metadata").build();
    try (Response response = guarded.newCall(request).execute()) {
      assertEquals("private", response.body().string());
    }
    canary.assertUntouched();
  }

  @Test
  void canaryListensOnThePrivateServersPort() {
    assertEquals(pair.server().port(), canary.port());
    assertEquals(CanaryServer.ADDRESS, canary.address().getHostAddress());
    assertEquals("127.0.0.1", pair.server().address().getHostAddress());
  }

  @Test
  void canaryOnATakenPortFailsLoudly() {
    IllegalStateException failure =
        assertThrows(IllegalStateException.class, () -> CanaryServer.onPort(canary.port()));
    assertTrue(
        failure.getMessage().contains(CanaryServer.ADDRESS + ":" + canary.port()),
        failure.getMessage());
    assertTrue(failure.getMessage().contains("already in use"), failure.getMessage());
  }

  @Test
  void plainHttpCanaryRecordsADowngradedRequest() throws IOException {
    try (LoopbackPair<TlsTestServer> plain =
        LoopbackPair.start(TlsTestServer.builder().plainHttp()::start)) {
      assertFalse(plain.canary().isTls());
      Request request =
          new Request.Builder()
              .url(plain.server().baseUrl(HOST) + "metadata")
              .header("Authorization", "Bearer over-http")
              .build();
      leaking.newCall(request).execute().close();
      assertEquals(List.of("Bearer over-http"), plain.canary().authorizationHeaders());
    }
  }

  @Test
  void resetMakesATouchedCanaryUntouchedAgain() throws IOException {
    leak("metadata", null).close();
    canary.reset();
    leaking.connectionPool().evictAll();
    canary.assertUntouched();
  }

  private Response leak(String path, String authorization) throws IOException {
    Request.Builder request = new Request.Builder().url(pair.server().baseUrl(HOST) + path);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return leaking.newCall(request.build()).execute();
  }
}
