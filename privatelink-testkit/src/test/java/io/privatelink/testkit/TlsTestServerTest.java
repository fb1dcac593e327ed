package io.privatelink.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TlsTestServerTest {

  private static final String HOST = "myfhir.azurehealthcareapis.com";

  private TlsTestServer server;
  private OkHttpClient client;

  @BeforeEach
  void start() {
    server = TlsTestServer.builder().start();
    client = PinnedClients.pinnedTo("127.0.0.1", server.certificates());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void respondRouteAnswersItsStatusAndBody() throws IOException {
    server.respond("/metadata", 200, "hello");
    try (Response response = get("metadata")) {
      assertEquals(200, response.code());
      assertEquals("hello", response.body().string());
    }
  }

  @Test
  void unknownPathIs404() throws IOException {
    try (Response response = get("nothing-here")) {
      assertEquals(404, response.code());
    }
  }

  @Test
  void redirectRouteSendsLocation() throws IOException {
    server.redirect("/old", 302, "https://elsewhere.azurehealthcareapis.com/new");
    try (Response response = get("old")) {
      assertEquals(302, response.code());
      assertEquals("https://elsewhere.azurehealthcareapis.com/new", response.header("Location"));
    }
  }

  @Test
  void handlerRouteSeesTheRequestBody() throws IOException {
    server.handler(
        "/echo", request -> TestResponse.of(201, request.method() + " " + request.body()));
    Request request =
        new Request.Builder()
            .url(server.baseUrl(HOST) + "echo")
            .post(RequestBody.create("ping", MediaType.get("text/plain")))
            .build();
    try (Response response = client.newCall(request).execute()) {
      assertEquals(201, response.code());
      assertEquals("POST ping", response.body().string());
    }
  }

  @Test
  void routeThatThrowsAnswers500() throws IOException {
    server.handler(
        "/boom",
        request -> {
          throw new IllegalStateException("boom");
        });
    try (Response response = get("boom")) {
      assertEquals(500, response.code());
      assertTrue(response.body().string().contains("boom"));
    }
  }

  @Test
  void recordsHostSniAuthorizationCookieAndClient() throws IOException {
    Request request =
        new Request.Builder()
            .url(server.baseUrl(HOST) + "metadata?_summary=true")
            .header("Authorization", "Bearer secret")
            .header("Cookie", "session=1")
            .build();
    client.newCall(request).execute().close();

    RecordedRequest seen = server.requests().get(0);
    assertEquals("GET", seen.method());
    assertEquals("/metadata", seen.path());
    assertEquals("_summary=true", seen.query());
    assertEquals(HOST + ":" + server.port(), seen.host());
    assertEquals(HOST, seen.sniServerName());
    assertEquals("Bearer secret", seen.authorization());
    assertEquals("session=1", seen.cookie());
    assertEquals("127.0.0.1", seen.remoteAddress().getAddress().getHostAddress());
    assertEquals(List.of("Bearer secret"), server.authorizationHeaders());
  }

  @Test
  void countsOneConnectionForRequestsThatReuseIt() throws IOException {
    get("a").close();
    get("b").close();
    assertEquals(1, server.connections());
    assertEquals(2, server.requestCount());
  }

  @Test
  void countsAConnectionThatFailsTheTlsHandshake() throws Exception {
    TestCertificates strangers = TestCertificates.forNames(List.of("stranger.example"));
    OkHttpClient distrustful = PinnedClients.pinnedTo("127.0.0.1", strangers);
    Request request = new Request.Builder().url(server.baseUrl(HOST) + "metadata").build();

    assertThrows(SSLHandshakeException.class, () -> distrustful.newCall(request).execute());

    assertTrue(server.awaitConnections(1, Duration.ofSeconds(5)));
    assertTrue(server.requests().isEmpty());
  }

  @Test
  void countsAConnectionThatNeverSpeaks() throws Exception {
    try (Socket socket = new Socket(server.address(), server.port())) {
      assertTrue(socket.isConnected());
      assertTrue(server.awaitConnections(1, Duration.ofSeconds(5)));
    }
    assertTrue(server.requests().isEmpty());
  }

  @Test
  void plainHttpServerAnswersWithoutTls() throws IOException {
    try (TlsTestServer plain = TlsTestServer.builder().plainHttp().start()) {
      plain.respond("/", 200, "plain");
      Request request = new Request.Builder().url(plain.baseUrl(HOST)).build();
      try (Response response = client.newCall(request).execute()) {
        assertEquals("plain", response.body().string());
      }
      assertTrue(plain.baseUrl(HOST).startsWith("http://"));
      assertNull(plain.requests().get(0).sniServerName());
    }
  }

  @Test
  void dicomHealthAnswersHealthyJson() throws IOException {
    server.dicomHealth();
    try (Response response = get("health/check")) {
      assertEquals(200, response.code());
      assertTrue(response.header("Content-Type").startsWith("application/json"));
      assertTrue(response.body().string().contains("\"overallStatus\":\"Healthy\""));
    }
  }

  @Test
  void resetForgetsConnectionsAndRequests() throws IOException {
    get("x").close();
    server.reset();
    assertEquals(0, server.connections());
    assertEquals(0, server.requestCount());
  }

  @Test
  void takenPortFailsWithAMessageNamingIt() {
    IllegalStateException failure =
        assertThrows(
            IllegalStateException.class, () -> TlsTestServer.builder().port(server.port()).start());
    assertTrue(failure.getMessage().contains("127.0.0.1:" + server.port()), failure.getMessage());
    assertTrue(failure.getMessage().contains("already in use"), failure.getMessage());
  }

  @Test
  void refusesToBindOutsideLoopback() {
    assertThrows(IllegalArgumentException.class, () -> TlsTestServer.builder().address("0.0.0.0"));
  }

  private Response get(String path) throws IOException {
    return client.newCall(new Request.Builder().url(server.baseUrl(HOST) + path).build()).execute();
  }
}
