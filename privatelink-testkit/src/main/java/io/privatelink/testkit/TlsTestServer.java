package io.privatelink.testkit;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.Handler;

/**
 * A small programmable HTTPS (or plain HTTP) server on a loopback address, for testing HTTP
 * clients: fixed responses, redirects and custom handlers per path, a 404 for everything else, and
 * a record of every connection and request.
 *
 * <p>Connections are counted when accepted, before the TLS handshake, so a client that connects and
 * then fails the handshake still shows up in {@link #connections()}. Each request is recorded
 * (method, path, {@code Host}, {@code Authorization}, {@code Cookie}, SNI name, client address,
 * headers, body) before its route runs. Routes match the exact path (query ignored) and may be
 * changed while the server runs.
 *
 * <pre>{@code
 * try (TlsTestServer server = TlsTestServer.builder().start()) {
 *   server.respond("/metadata", 200, "{}")
 *       .redirect("/moved", 302, "https://elsewhere.azurehealthcareapis.com/metadata");
 *   OkHttpClient client = new OkHttpClient.Builder()
 *       .dns(host -> List.of(server.address()))
 *       .sslSocketFactory(server.certificates().clientSocketFactory(), server.certificates().trustManager())
 *       .build();
 *   client.newCall(new Request.Builder()
 *       .url(server.baseUrl("myfhir.azurehealthcareapis.com") + "metadata").build()).execute().close();
 *   assertEquals("myfhir.azurehealthcareapis.com", server.requests().get(0).sniServerName());
 * }
 * }</pre>
 */
public final class TlsTestServer extends AbstractLoopbackServer {

  /** The path of the DICOM service's health check, served by {@link #dicomHealth()}. */
  public static final String DICOM_HEALTH_PATH = "/health/check";

  /**
   * The body {@link #dicomHealth()} answers, shaped like the DICOM service's health check ({@code
   * overallStatus} plus per-dependency {@code details}).
   */
  static final String DICOM_HEALTHY_BODY =
      "{\"overallStatus\":\"Healthy\",\"details\":["
          + "{\"name\":\"DicomBlobHealthCheck\",\"status\":\"Healthy\","
          + "\"description\":\"Successfully connected to the blob data store.\"},"
          + "{\"name\":\"SqlServerHealthCheck\",\"status\":\"Healthy\","
          + "\"description\":\"Successfully connected to the data store.\"}]}";

  private static final TestRoute NOT_FOUND =
      request -> TestResponse.of(404, "no route for " + request.path());

  private final Map<String, TestRoute> routes = new ConcurrentHashMap<>();
  private volatile TestRoute fallback = NOT_FOUND;

  private TlsTestServer(Builder builder) {
    super(builder.address, builder.port, builder.certificates, builder.tls);
  }

  /**
   * A builder with the defaults: HTTPS, {@code 127.0.0.1}, a free port, {@link
   * TestCertificates#forAzureHealthHosts()}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the server; returns {@code this}. Throws {@link IllegalStateException} if it is already
   * started or cannot listen (the message names the address and port).
   *
   * @return this server, listening
   */
  public TlsTestServer start() {
    listen();
    return this;
  }

  @Override
  Handler newHandler() {
    return new RoutingHandler(log(), path -> routes.getOrDefault(path, fallback));
  }

  /**
   * Answers requests for {@code path} with {@code status} and a {@code text/plain} {@code body}.
   *
   * @param path the exact path, query ignored
   * @param status the HTTP status code
   * @param body the body
   * @return this server
   */
  public TlsTestServer respond(String path, int status, String body) {
    TestResponse response = TestResponse.of(status, body);
    return handler(path, request -> response);
  }

  /**
   * Answers requests for {@code path} with a redirect ({@code status} 3xx) to {@code location}.
   *
   * @param path the exact path, query ignored
   * @param status the redirect status
   * @param location the {@code Location} header, absolute or relative
   * @return this server
   */
  public TlsTestServer redirect(String path, int status, String location) {
    TestResponse response = TestResponse.redirect(status, location);
    return handler(path, request -> response);
  }

  /**
   * Answers requests for {@code path} (exact match, query ignored) with {@code route}.
   *
   * @param path the exact path
   * @param route what answers
   * @return this server
   */
  public TlsTestServer handler(String path, TestRoute route) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("a route path starts with '/': " + path);
    }
    routes.put(path, Objects.requireNonNull(route, "route"));
    return this;
  }

  /**
   * Answers every request no route matches with {@code route} (default: 404).
   *
   * @param route what answers unmatched requests
   * @return this server
   */
  public TlsTestServer fallback(TestRoute route) {
    this.fallback = Objects.requireNonNull(route, "route");
    return this;
  }

  /**
   * Plays a healthy Azure DICOM service: {@code GET} {@value #DICOM_HEALTH_PATH} answers 200 with a
   * healthy DICOM health-check body as {@code application/json}.
   *
   * @return this server
   */
  public TlsTestServer dicomHealth() {
    TestResponse healthy = TestResponse.json(200, DICOM_HEALTHY_BODY);
    return handler(DICOM_HEALTH_PATH, request -> healthy);
  }

  /**
   * Waits until at least {@code count} connections were accepted or {@code timeout} passed; returns
   * whether the count was reached. Accepting is asynchronous, so a client that only opened a socket
   * may return before the server counted it.
   *
   * @param count how many connections to wait for
   * @param timeout the longest time to wait
   * @return {@code true} if {@code count} connections were accepted in time
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public boolean awaitConnections(int count, Duration timeout) throws InterruptedException {
    return log().awaitConnections(count, timeout);
  }

  /** Configures a {@link TlsTestServer}; every setting has a default. */
  public static final class Builder extends LoopbackServerBuilder<Builder> {
    private boolean tls = true;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * Speak plain HTTP instead of HTTPS (for https-to-http downgrade tests).
     *
     * @return this builder
     */
    public Builder plainHttp() {
      this.tls = false;
      return this;
    }

    /**
     * An unstarted server with these settings.
     *
     * @return a new server, not listening yet
     */
    public TlsTestServer build() {
      return new TlsTestServer(this);
    }

    /**
     * Shorthand for {@code build().start()}.
     *
     * @return a new server, listening
     */
    public TlsTestServer start() {
      return build().start();
    }
  }
}
