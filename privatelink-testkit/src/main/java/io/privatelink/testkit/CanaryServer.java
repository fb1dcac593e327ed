package io.privatelink.testkit;

import io.privatelink.testkit.internal.JettyLoopback;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.server.Handler;

/**
 * Plays "the public internet" in a private-link test: a server on {@value #ADDRESS} that listens on
 * the same port as the private server (on {@code 127.0.0.1}) and presents the same certificate, so
 * a client that leaked (resolved the service name to the canary) would connect and succeed. It
 * answers 200 {@code canary} to everything and records everything; a correct guard leaves it {@link
 * #assertUntouched() untouched}.
 *
 * <p>Connections are counted when accepted, before the TLS handshake: even a client that gave up
 * during the handshake has touched the public side.
 *
 * <pre>{@code
 * try (EmbeddedFhirServer fhir = EmbeddedFhirServer.builder().start();
 *     CanaryServer canary = CanaryServer.beside(fhir)) {
 *   // point the client under test at fhir.baseUrl("myfhir.azurehealthcareapis.com")
 *   // with DNS answering 127.0.0.2 ...
 *   canary.assertUntouched();
 * }
 * }</pre>
 *
 * <p>Starting the pair reliably (the port could be taken on {@value #ADDRESS}) is {@link
 * LoopbackPair}'s job.
 */
public final class CanaryServer extends AbstractLoopbackServer {

  /** The canary's address: a loopback address other than the private server's. */
  public static final String ADDRESS = "127.0.0.2";

  /** What the canary answers to every request, with status 200. */
  static final String BODY = "canary";

  /**
   * How long {@link #assertUntouched()} waits for a connection the kernel accepted but the server
   * has not counted yet.
   */
  public static final Duration SETTLE = Duration.ofMillis(50);

  private static final TestRoute ANSWER = request -> TestResponse.of(200, BODY);

  private CanaryServer(int port, TestCertificates certificates, boolean tls) {
    super(JettyLoopback.loopback(ADDRESS), port, certificates, tls);
  }

  /**
   * Starts an HTTPS canary on {@value #ADDRESS}:{@code port} presenting {@link
   * TestCertificates#forAzureHealthHosts()}.
   *
   * @param port the port to listen on; 0 picks a free one
   * @return the running canary
   * @throws IllegalStateException if the port is taken on {@value #ADDRESS} (the message says so)
   */
  public static CanaryServer onPort(int port) {
    return start(port, TestCertificates.forAzureHealthHosts(), true);
  }

  /**
   * Like {@link #onPort(int)}, presenting {@code certificates}.
   *
   * @param port the port to listen on; 0 picks a free one
   * @param certificates the certificates to present
   * @return the running canary
   */
  public static CanaryServer onPort(int port, TestCertificates certificates) {
    return start(port, certificates, true);
  }

  /**
   * Starts a plain-HTTP canary on {@value #ADDRESS}:{@code port}, for downgrade tests.
   *
   * @param port the port to listen on; 0 picks a free one
   * @return the running canary
   */
  public static CanaryServer plainHttpOnPort(int port) {
    return start(port, TestCertificates.forAzureHealthHosts(), false);
  }

  /**
   * Starts a canary that mirrors {@code privateServer}: same port, same certificates, HTTPS or
   * plain HTTP as it is.
   *
   * @param privateServer the server on {@code 127.0.0.1} to stand beside
   * @return the running canary
   * @throws IllegalStateException if the port is taken on {@value #ADDRESS}, or {@code
   *     privateServer} itself listens there
   */
  public static CanaryServer beside(LoopbackServer privateServer) {
    if (privateServer.address().getHostAddress().equals(ADDRESS)) {
      throw new IllegalStateException(
          "the private server listens on "
              + ADDRESS
              + ", the canary's address; bind it to 127.0.0.1");
    }
    return start(privateServer.port(), privateServer.certificates(), privateServer.isTls());
  }

  private static CanaryServer start(int port, TestCertificates certificates, boolean tls) {
    if (port <= 0 || port > 65_535) {
      throw new IllegalArgumentException("the canary needs the private server's port, got " + port);
    }
    CanaryServer canary =
        new CanaryServer(port, Objects.requireNonNull(certificates, "certificates"), tls);
    try {
      canary.listen();
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "Cannot start the canary (the stand-in for the public internet) on "
              + ADDRESS
              + ":"
              + port
              + ": "
              + e.getMessage()
              + ". A test that cannot watch the public side proves nothing; use LoopbackPair to"
              + " pick a port free on both addresses.",
          e.getCause() != null ? e.getCause() : e);
    }
    return canary;
  }

  @Override
  Handler newHandler() {
    return new RoutingHandler(log(), path -> ANSWER);
  }

  /**
   * Passes when the canary saw no connection and no request; otherwise throws an {@link
   * AssertionError} listing each one (Authorization and Cookie headers are reported as present, not
   * printed). Waits {@link #SETTLE} first when it saw nothing yet, for an accept still in flight.
   */
  public void assertUntouched() {
    if (connectionLog().isEmpty() && requests().isEmpty()) {
      try {
        awaitConnections(1, SETTLE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    List<RecordedConnection> connections = connectionLog();
    List<RecordedRequest> requests = requests();
    if (connections.isEmpty() && requests.isEmpty()) {
      return;
    }
    StringBuilder message =
        new StringBuilder("The canary on ")
            .append(ADDRESS)
            .append(':')
            .append(port())
            .append(" (playing the public internet) was touched: ")
            .append(connections.size())
            .append(" connection(s), ")
            .append(requests.size())
            .append(" request(s), ")
            .append(authorizationHeaders().size())
            .append(" with an Authorization header.");
    connections.forEach(c -> message.append("\n  ").append(c));
    requests.forEach(r -> message.append("\n  ").append(r));
    throw new AssertionError(message.toString());
  }

  /**
   * See {@link TlsTestServer#awaitConnections(int, Duration)}.
   *
   * @param count how many connections to wait for
   * @param timeout the longest time to wait
   * @return {@code true} if {@code count} connections were accepted in time
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public boolean awaitConnections(int count, Duration timeout) throws InterruptedException {
    return log().awaitConnections(count, timeout);
  }
}
